"""MUST SHOW — a result shared with a hiring manager, answered in WeCom, end to end: HR shares the result → the
fake WeCom server receives a template card for the manager → a signed, encrypted button callback ("need a
supplementary interview: 团队协作") arrives at ``/integrations/wecom/callback/`` → an HR task exists with that
focus and the card was updated → a later encrypted text reply became a comment on the interview."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.test import Client

from talentloop.accounts.models import User
from talentloop.collaboration.models import Comment, HrTask, ManagerResponse, ResultShare
from talentloop.collaboration.sharing import result_share_create
from talentloop.integrations.wecom.models import InboundMessage, WeComAccount
from talentloop.integrations.wecom.tests.fake_server import FakeWeCom
from talentloop.integrations.wecom.tests.payloads import card_click_xml, encrypted, text_xml
from talentloop.interviews.models import InterviewSession
from talentloop.notifications.models import Notification


def test_share_click_supplementary_on_teamwork_then_reply_becomes_a_comment(
    client: Client,
    hr: User,
    sales_manager: User,
    shared_session: InterviewSession,
    fake_wecom: FakeWeCom,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # Given the Sales manager is the WeCom member wangqiang, reading in English
    sales_manager.preferred_language = "en"
    sales_manager.save(update_fields=["preferred_language"])
    WeComAccount.objects.create(person=sales_manager.person, userid="wangqiang")
    fake_wecom.known_userids.add("wangqiang")

    # When HR shares the result with them (the card leaves after commit, as in production)
    with django_capture_on_commit_callbacks(execute=True):
        share = result_share_create(actor=hr, session=shared_session, manager=sales_manager, note="请看团队协作")

    # Then the fake WeCom server received one button_interaction template card for wangqiang
    [sent] = fake_wecom.calls_to("message/send")
    card = sent.body["template_card"]
    assert (sent.body["touser"], sent.body["msgtype"], card["card_type"]) == (
        "wangqiang",
        "template_card",
        "button_interaction",
    )
    assert card["main_title"]["title"] == "Interview result: 周婷"
    assert [(button["key"], button["text"]) for button in card["button_list"]] == [
        ("advance", "Advance"),
        ("reject", "Reject"),
        ("supplementary:teamwork", "Probe 团队协作"),
        ("supplementary:communication", "Probe 沟通表达"),
    ]
    assert card["horizontal_content_list"][0]["keyname"] == "Total"
    assert card["card_action"]["url"] == f"{settings.TALENTLOOP_BASE_URL.rstrip('/')}/console/shares/{share.pk}/"

    # When the manager clicks "need a supplementary interview: 团队协作" (signed and encrypted, as WeCom posts it)
    click = encrypted(
        card_click_xml(
            from_userid="wangqiang",
            task_id=card["task_id"],
            key="supplementary:teamwork",
            response_code="response-click-1",
        )
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(click.url(), data=click.body, content_type="text/xml")
    assert (response.status_code, response.content) == (200, b"")

    # Then an open HR task asks for a supplementary interview on 团队协作, assigned to HR who shared
    [task] = HrTask.objects.all()
    assert (task.kind, task.session_id, task.share_id, task.focus_dimensions, task.status, task.assignee_id) == (
        "supplementary_interview",
        shared_session.pk,
        share.pk,
        ["teamwork"],
        "open",
        hr.pk,
    )
    assert list(ManagerResponse.objects.values_list("responder", "decision", "dimensions", "channel")) == [
        (sales_manager.pk, "supplementary", ["teamwork"], "wecom")
    ]
    share.refresh_from_db()
    assert share.status == ResultShare.Status.ANSWERED
    # and the card was updated with the decision, for the click's response code
    [update] = fake_wecom.calls_to("message/update_template_card")
    assert update.body == {
        "userids": ["wangqiang"],
        "agentid": 1000002,
        "response_code": "response-click-1",
        "button": {"replace_name": "Supplementary interview: 团队协作"},
    }
    # and HR was told
    assert list(Notification.objects.filter(recipient=hr).values_list("kind", "params__decision")) == [
        ("manager_responded", "supplementary")
    ]

    # When the manager later writes a text reply to the app
    reply = encrypted(text_xml(from_userid="wangqiang", content="团队协作这块请重点追问", msg_id="9101"))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reply.url(), data=reply.body, content_type="text/xml").status_code == 200

    # Then it became the manager's comment on the interview, attached to their answer
    [comment] = Comment.objects.all()
    assert (comment.session_id, comment.author_id, comment.body, comment.target) == (
        shared_session.pk,
        sales_manager.pk,
        "团队协作这块请重点追问",
        "session",
    )
    assert ManagerResponse.objects.get().comment_id == comment.pk
    assert list(InboundMessage.objects.order_by("pk").values_list("kind", "status", "error")) == [
        ("card_click", "processed", ""),
        ("text", "processed", ""),
    ]
