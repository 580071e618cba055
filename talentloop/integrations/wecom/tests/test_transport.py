"""WeCom deliveries through the notifications task: sent as markdown or a card, retried on 45009, the token
refreshed on 42001, and a permanent failure (60020, no WeCom account) falling back to in-app and email."""

from __future__ import annotations

from typing import Any

import pytest
from celery.exceptions import Retry
from django.core import mail

from talentloop.accounts.models import User
from talentloop.integrations.wecom.tests.fake_server import FakeWeCom
from talentloop.integrations.wecom.transport import MESSAGES_PER_MEMBER_PER_MINUTE, card_task_id, rate_take
from talentloop.notifications.models import Delivery, Notification
from talentloop.notifications.services import notification_send
from talentloop.notifications.tasks import deliver_notification_task

CARD = {
    "title": "王芳 · 销售代表",
    "description": "综合 3.8 / 5",
    "fields": [["沟通", "4.0"], ["团队协作", "2.5"]],
    "buttons": [
        {"key": "advance", "text": "推进", "style": 1},
        {"key": "reject", "text": "淘汰", "style": 3},
        {"key": "supplementary:teamwork", "text": "补充面试", "style": 2},
    ],
}


def queued(user: User, django_capture_on_commit_callbacks: Any, **params: Any) -> Notification:
    """A review-request notification for ``user`` whose deliveries are queued but not yet attempted."""
    with django_capture_on_commit_callbacks(execute=False):
        notification = notification_send(
            recipient=user,
            kind="review_request_created",
            params={"kind": "explanation", "due": "2026-12-13", **params},
            link="/console/reviews/7/",
            dedupe_key="rr7",
        )
    assert notification is not None
    return notification


def wecom_delivery(notification: Notification) -> Delivery:
    return notification.deliveries.get(channel="wecom")


def channels(notification: Notification) -> dict[str, str]:
    return dict(notification.deliveries.values_list("channel", "status"))


def test_a_notification_goes_to_the_linked_member_as_markdown_in_their_language(
    hr_on_wecom: User, fake_wecom: FakeWeCom, django_capture_on_commit_callbacks: Any
) -> None:
    # given HR reads Chinese and is linked to zhangwei
    hr_on_wecom.preferred_language = "zh-hans"
    hr_on_wecom.save()
    notification = queued(hr_on_wecom, django_capture_on_commit_callbacks)
    # when the delivery task runs
    assert deliver_notification_task.apply(args=(wecom_delivery(notification).pk,)).get() == "sent"
    # then WeCom got one markdown message for zhangwei, with the link
    [call] = fake_wecom.calls_to("message/send")
    assert (call.body["touser"], call.body["agentid"], call.body["msgtype"]) == ("zhangwei", 1000002, "markdown")
    assert call.body["markdown"]["content"] == (
        "**候选人新申请：说明**\n一位候选人对其面试提出了申请，请在 2026-12-13 前答复。\n"
        "[在 TalentLoop 中打开](http://127.0.0.1:8000/console/reviews/7/)"
    )


def test_a_notification_with_a_card_goes_as_a_button_interaction_template_card(
    hr_on_wecom: User, fake_wecom: FakeWeCom, django_capture_on_commit_callbacks: Any
) -> None:
    notification = queued(hr_on_wecom, django_capture_on_commit_callbacks, card=CARD)
    delivery = wecom_delivery(notification)
    deliver_notification_task.apply(args=(delivery.pk,))
    [call] = fake_wecom.calls_to("message/send")
    card = call.body["template_card"]
    assert (call.body["msgtype"], card["card_type"], card["task_id"]) == (
        "template_card",
        "button_interaction",
        card_task_id(delivery.pk),
    )
    assert card["main_title"] == {"title": "王芳 · 销售代表", "desc": "综合 3.8 / 5"}
    assert card["horizontal_content_list"] == [
        {"keyname": "沟通", "value": "4.0"},
        {"keyname": "团队协作", "value": "2.5"},
    ]
    assert [button["key"] for button in card["button_list"]] == ["advance", "reject", "supplementary:teamwork"]
    assert card["card_action"] == {"type": 1, "url": "http://127.0.0.1:8000/console/reviews/7/"}


def test_the_rate_limit_45009_is_retried_then_sent_once(
    hr_on_wecom: User, fake_wecom: FakeWeCom, django_capture_on_commit_callbacks: Any
) -> None:
    # given WeCom answers the first send with its rate limit
    fake_wecom.inject("message/send", 45009)
    delivery = wecom_delivery(queued(hr_on_wecom, django_capture_on_commit_callbacks))
    # when the task runs, and runs again when Celery retries it
    with pytest.raises(Retry) as retried:
        deliver_notification_task.apply(args=(delivery.pk,), throw=True)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, retried.value.when) == ("queued", 1, 30)
    assert "45009" in delivery.last_error
    assert deliver_notification_task.apply(args=(delivery.pk,), retries=1).get() == "sent"
    # then the second attempt was delivered and nothing fell back
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("sent", 2, "")
    assert len(fake_wecom.calls_to("message/send")) == 2
    assert len(mail.outbox) == 0


def test_an_expired_token_42001_is_refreshed_and_the_message_sent(
    hr_on_wecom: User, fake_wecom: FakeWeCom, django_capture_on_commit_callbacks: Any
) -> None:
    fake_wecom.known_userids.add("zhangwei")
    first = wecom_delivery(queued(hr_on_wecom, django_capture_on_commit_callbacks))
    deliver_notification_task.apply(args=(first.pk,))
    # given the token WeCom issued has expired
    fake_wecom.expire_tokens()
    with django_capture_on_commit_callbacks(execute=False):
        second = notification_send(recipient=hr_on_wecom, kind="review_request_created", params={}, dedupe_key="x")
    assert second is not None
    # when the next delivery runs, then it refreshed the token and was sent at the first attempt
    assert deliver_notification_task.apply(args=(wecom_delivery(second).pk,)).get() == "sent"
    assert len(fake_wecom.calls_to("gettoken")) == 2
    assert wecom_delivery(second).attempts == 1


def test_an_untrusted_ip_60020_fails_for_good_and_falls_back_to_in_app_and_email(
    hr_on_wecom: User, fake_wecom: FakeWeCom, django_capture_on_commit_callbacks: Any
) -> None:
    # given the person turned email off for this kind, and WeCom refuses the server's IP
    hr_on_wecom.notification_preferences.create(kind="review_request_created", channel="email", enabled=False)
    fake_wecom.inject("message/send", 60020)
    notification = queued(hr_on_wecom, django_capture_on_commit_callbacks)
    assert channels(notification) == {"in_app": "queued", "wecom": "queued"}
    # when the delivery runs (and the fallback deliveries it queues)
    with django_capture_on_commit_callbacks(execute=True):
        status = deliver_notification_task.apply(args=(wecom_delivery(notification).pk,)).get()
    # then WeCom is marked fallback with the admin's message, and the email went out
    delivery = wecom_delivery(notification)
    assert (status, delivery.attempts) == ("fallback", 1)
    assert "trusted IP list" in delivery.last_error
    assert channels(notification) == {"in_app": "queued", "wecom": "fallback", "email": "sent"}
    assert [message.to for message in mail.outbox] == [[hr_on_wecom.person.email or hr_on_wecom.email]]


def test_a_person_without_a_wecom_account_gets_in_app_and_email_instead(
    hr: User, fake_wecom: FakeWeCom, django_capture_on_commit_callbacks: Any
) -> None:
    hr.notification_preferences.create(kind="review_request_created", channel="email", enabled=False)
    notification = queued(hr, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        deliver_notification_task.apply(args=(wecom_delivery(notification).pk,))
    delivery = wecom_delivery(notification)
    assert (delivery.status, delivery.last_error) == ("fallback", "The recipient has no linked WeCom account.")
    assert channels(notification) == {"in_app": "queued", "wecom": "fallback", "email": "sent"}
    assert fake_wecom.calls == []


def test_over_30_messages_a_minute_to_one_member_waits_without_calling_wecom(
    hr_on_wecom: User, fake_wecom: FakeWeCom, django_capture_on_commit_callbacks: Any
) -> None:
    # given zhangwei already got this minute's 30 messages
    for _ in range(MESSAGES_PER_MEMBER_PER_MINUTE):
        assert rate_take("zhangwei") is True
    delivery = wecom_delivery(queued(hr_on_wecom, django_capture_on_commit_callbacks))
    # when the delivery runs, then it is retried later and WeCom was not called
    with pytest.raises(Retry):
        deliver_notification_task.apply(args=(delivery.pk,), throw=True)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.last_error) == (
        "queued",
        "WeCom's limit of 30 messages per member per minute was reached; sending later.",
    )
    assert fake_wecom.calls == []


def test_the_rate_limit_counts_per_member_and_per_minute() -> None:
    for _ in range(MESSAGES_PER_MEMBER_PER_MINUTE):
        rate_take("a", now=60.0)
    assert (rate_take("a", now=61.0), rate_take("b", now=61.0), rate_take("a", now=120.0)) == (False, True, True)


def test_a_delivery_already_sent_to_wecom_is_not_sent_again(
    hr_on_wecom: User, fake_wecom: FakeWeCom, django_capture_on_commit_callbacks: Any
) -> None:
    # given WeCom took the message but the worker was lost before recording it (the delivery is still queued)
    delivery = wecom_delivery(queued(hr_on_wecom, django_capture_on_commit_callbacks))
    from talentloop.integrations.wecom.transport import WeComTransport

    WeComTransport().send(delivery)
    # when the task runs again, then it is recorded as sent and WeCom got one message
    assert deliver_notification_task.apply(args=(delivery.pk,)).get() == "sent"
    assert len(fake_wecom.calls_to("message/send")) == 1
