"""A result card's round trip within the WeCom channel: the card reaches the hiring manager through the fake WeCom
server, the manager's signed, encrypted button click comes back to the callback and updates that card, and a later
encrypted text reply is kept from the manager's person (ignored: no result was shared with them, so there is no
interview to comment on). The result card's own round trip is ``test_result_share_end_to_end.py``."""

from __future__ import annotations

from typing import Any

from django.test import Client

from talentloop.accounts.models import User
from talentloop.integrations.wecom.models import InboundMessage, WeComAccount
from talentloop.integrations.wecom.tests.fake_server import FakeWeCom
from talentloop.integrations.wecom.tests.payloads import card_click_xml, encrypted, text_xml
from talentloop.integrations.wecom.tests.test_transport import CARD
from talentloop.notifications.services import notification_send


def test_a_result_card_is_sent_clicked_updated_and_answered(
    client: Client, sales_manager: User, fake_wecom: FakeWeCom, django_capture_on_commit_callbacks: Any
) -> None:
    # given the hiring manager is linked to the WeCom member wangqiang
    WeComAccount.objects.create(person=sales_manager.person, userid="wangqiang")
    fake_wecom.known_userids.add("wangqiang")
    # when a result card is sent to them (delivered after commit, as in production)
    with django_capture_on_commit_callbacks(execute=True):
        notification = notification_send(
            recipient=sales_manager,
            kind="review_request_created",
            params={"card": CARD},
            link="/console/interviews/sessions/11/",
            dedupe_key="result-card:11",
        )
    assert notification is not None
    delivery = notification.deliveries.get(channel="wecom")
    [sent] = fake_wecom.calls_to("message/send")
    task_id = sent.body["template_card"]["task_id"]
    assert (delivery.status, sent.body["touser"], task_id) == (
        "sent",
        "wangqiang",
        f"talentloop-delivery-{delivery.pk}",
    )
    # and the manager clicks "need a supplementary interview on 团队协作" (WeCom posts it signed and encrypted)
    click = encrypted(
        card_click_xml(
            from_userid="wangqiang", task_id=task_id, key="supplementary:teamwork", response_code="response-click"
        )
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(click.url(), data=click.body, content_type="text/xml").status_code == 200
    # and later writes a text reply
    reply = encrypted(text_xml(from_userid="wangqiang", content="团队协作这块请再面一次", msg_id="9001"))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reply.url(), data=reply.body, content_type="text/xml").status_code == 200
    # then the click is recorded against the card and the card was updated with the click's response code
    rows = list(
        InboundMessage.objects.order_by("pk").values_list("kind", "task_id", "event_key", "content", "person", "status")
    )
    assert rows == [
        ("card_click", task_id, "supplementary:teamwork", "", sales_manager.person.pk, "processed"),
        ("text", "", "", "团队协作这块请再面一次", sales_manager.person.pk, "ignored"),
    ]
    [update] = fake_wecom.calls_to("message/update_template_card")
    assert (update.body["userids"], update.body["response_code"]) == (["wangqiang"], "response-click")
