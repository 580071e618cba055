"""Sending a notification: what is stored, which channels it goes on, de-duplication, read state, preferences."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.utils import translation

from talentloop.accounts.models import User
from talentloop.core.exceptions import NotFound, ValidationFailed
from talentloop.notifications.errors import NotificationErrorCode
from talentloop.notifications.messages import message_render
from talentloop.notifications.models import Delivery, Notification, NotificationPreference
from talentloop.notifications.selectors import notification_list, notification_unread_count, preference_rows
from talentloop.notifications.services import (
    notification_mark_all_read,
    notification_mark_read,
    notification_preferences_update,
    notification_send,
)

ANSWERED = "review_request_answered"


def send(user: User, key: str = "k1", **extra: Any) -> Notification | None:
    return notification_send(
        recipient=user,
        kind=extra.pop("kind", ANSWERED),
        params=extra.pop("params", {"kind": "explanation"}),
        link="/portal/interviews/7/review/",
        dedupe_key=key,
    )


def nothing_written() -> None:
    assert (Notification.objects.count(), Delivery.objects.count(), mail.outbox) == (0, 0, [])


class TestSend:
    def test_stores_it_and_delivers_in_app_and_by_email_after_commit(
        self, candidate_a: User, django_capture_on_commit_callbacks: Any
    ) -> None:
        # when
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            notification = send(candidate_a)
            # then nothing leaves before the commit
            assert mail.outbox == []
        assert notification is not None
        assert len(callbacks) == 2
        for callback in callbacks:
            callback()
        # then
        assert (notification.recipient, notification.kind, notification.params, notification.read_at) == (
            candidate_a,
            ANSWERED,
            {"kind": "explanation"},
            None,
        )
        assert sorted(notification.deliveries.values_list("channel", "status", "attempts")) == [
            ("email", "sent", 1),
            ("in_app", "sent", 1),
        ]
        (email,) = mail.outbox
        assert email.to == ["zhou.ting@example.com"]
        assert email.subject == "您的申请已获答复：说明"
        assert "http://127.0.0.1:8000/portal/interviews/7/review/" in email.body
        assert email.body.startswith("周婷，您好：")

    def test_the_same_key_tells_the_person_once(
        self, candidate_a: User, django_capture_on_commit_callbacks: Any
    ) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            first = send(candidate_a)
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            second = send(candidate_a)
        assert second == first
        assert callbacks == []
        assert (Notification.objects.count(), Delivery.objects.count(), len(mail.outbox)) == (1, 2, 1)

    def test_email_switched_off_means_in_app_only(
        self, candidate_a: User, django_capture_on_commit_callbacks: Any
    ) -> None:
        notification_preferences_update(user=candidate_a, enabled=set())
        with django_capture_on_commit_callbacks(execute=True):
            notification = send(candidate_a)
        assert notification is not None
        assert list(notification.deliveries.values_list("channel", "status")) == [("in_app", "sent")]
        assert mail.outbox == []

    def test_an_inactive_user_is_told_nothing(self, candidate_a: User, django_capture_on_commit_callbacks: Any) -> None:
        candidate_a.is_active = False
        candidate_a.save(update_fields=["is_active"])
        with django_capture_on_commit_callbacks(execute=True):
            assert send(candidate_a) is None
        nothing_written()

    def test_an_unknown_kind_is_refused(self, candidate_a: User) -> None:
        with pytest.raises(ValidationFailed) as raised:
            send(candidate_a, kind="party_invitation")
        assert raised.value.code == NotificationErrorCode.UNKNOWN_KIND
        nothing_written()

    def test_the_message_renders_in_the_readers_language(self) -> None:
        with translation.override("en"):
            message = message_render(kind=ANSWERED, params={"kind": "explanation"})
        assert message.title == "Your request has been answered: Explanation"


class TestRead:
    def test_mark_one_then_all_read(self, candidate_a: User, candidate_b: User) -> None:
        first, second, third = send(candidate_a, "a"), send(candidate_a, "b"), send(candidate_b, "c")
        assert notification_unread_count(user=candidate_a) == 2
        assert first is not None and second is not None and third is not None
        notification_mark_read(user=candidate_a, notification_id=first.pk)
        assert notification_unread_count(user=candidate_a) == 1
        assert list(notification_list(user=candidate_a, unread_only=True)) == [second]
        assert notification_mark_all_read(user=candidate_a) == 1
        assert notification_unread_count(user=candidate_a) == 0
        # the other person's notification is untouched
        assert notification_unread_count(user=candidate_b) == 1

    def test_another_persons_notification_is_not_found(self, candidate_a: User, candidate_b: User) -> None:
        theirs = send(candidate_b)
        assert theirs is not None
        with pytest.raises(NotFound):
            notification_mark_read(user=candidate_a, notification_id=theirs.pk)
        theirs.refresh_from_db()
        assert theirs.read_at is None


class TestPreferences:
    def test_defaults_then_a_saved_choice(self, candidate_a: User) -> None:
        assert [(row.kind, row.channels[0][0], row.channels[0][2]) for row in preference_rows(user=candidate_a)] == [
            ("review_request_answered", "email", True),
            ("review_request_created", "email", True),
            ("report_available", "email", True),
            ("comment_mention", "email", True),
            ("result_shared", "email", True),
            ("manager_responded", "email", True),
            ("candidate_message", "email", True),
            ("hr_reply", "email", True),
        ]
        notification_preferences_update(user=candidate_a, enabled={("report_available", "email")})
        assert [row.channels[0][2] for row in preference_rows(user=candidate_a)] == [
            False,
            False,
            True,
            False,
            False,
            False,
            False,
            False,
        ]
        assert NotificationPreference.objects.filter(user=candidate_a).count() == 8
