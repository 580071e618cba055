"""Attempting a delivery: retry with back-off on a retryable failure, fall back on a permanent one, never twice."""

from __future__ import annotations

import smtplib
from typing import Any

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.test import override_settings

from talentloop.accounts.models import User
from talentloop.integrations.email.transport import EmailTransport
from talentloop.notifications.models import Delivery, Notification
from talentloop.notifications.services import deliveries_attempt_queued, delivery_attempt, notification_send
from talentloop.notifications.tasks import MAX_RETRIES, deliver_notification_task
from talentloop.notifications.transports import PermanentError, RetryableError, Transport

TRANSPORTS = {
    "in_app": "talentloop.notifications.transports.InAppTransport",
    "email": "talentloop.integrations.email.transport.EmailTransport",
    "pager": "talentloop.notifications.tests.test_tasks.RevokedTransport",
}


class RevokedTransport(Transport):
    """A channel whose account was revoked: it will never work again."""

    channel = "pager"

    def send(self, delivery: Delivery) -> None:
        raise PermanentError("The bot was removed from the workspace.")


def queued(user: User, django_capture_on_commit_callbacks: Any) -> Notification:
    """A notification whose deliveries are queued but not yet attempted."""
    with django_capture_on_commit_callbacks(execute=False):
        notification = notification_send(
            recipient=user, kind="report_available", params={}, link="/portal/reports/3/", dedupe_key="r3"
        )
    assert notification is not None
    return notification


def email_delivery(notification: Notification) -> Delivery:
    return notification.deliveries.get(channel="email")


class TestRetry:
    def test_a_retryable_failure_is_retried_with_back_off_and_sent_once(
        self, candidate_a: User, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # given the mail server is down for the first two attempts
        notification = queued(candidate_a, django_capture_on_commit_callbacks)
        real_send = EmailTransport.send
        failures = iter([smtplib.SMTPServerDisconnected("down"), smtplib.SMTPServerDisconnected("down")])
        countdowns: list[Any] = []

        def flaky(self: EmailTransport, delivery: Delivery) -> None:
            error = next(failures, None)
            if error is not None:
                raise RetryableError(f"{type(error).__name__}: {error}")
            real_send(self, delivery)

        monkeypatch.setattr(EmailTransport, "send", flaky)
        delivery = email_delivery(notification)
        # when the worker runs it, and runs it again for each retry Celery schedules
        for retries in (0, 1):
            with pytest.raises(Retry) as retried:
                deliver_notification_task.apply(args=(delivery.pk,), retries=retries, throw=True)
            countdowns.append(retried.value.when)
        assert deliver_notification_task.apply(args=(delivery.pk,), retries=2).get() == "sent"
        # then the retries were scheduled 30 s, then 60 s later, and the email left once
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts, delivery.last_error, len(mail.outbox)) == ("sent", 3, "", 1)
        assert countdowns == [30, 60]

    def test_the_last_retry_falls_back_instead(
        self, candidate_a: User, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        notification = queued(candidate_a, django_capture_on_commit_callbacks)

        def down(self: EmailTransport, delivery: Delivery) -> None:
            raise RetryableError("SMTPServerDisconnected: down")

        monkeypatch.setattr(EmailTransport, "send", down)
        delivery = email_delivery(notification)
        assert deliver_notification_task.apply(args=(delivery.pk,), retries=MAX_RETRIES).get() == "failed"
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts, delivery.last_error) == (
            "failed",
            1,
            "SMTPServerDisconnected: down",
        )
        assert mail.outbox == []

    def test_a_retryable_failure_is_recorded_and_raised(
        self, candidate_a: User, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        notification = queued(candidate_a, django_capture_on_commit_callbacks)

        def down(self: EmailTransport, delivery: Delivery) -> None:
            raise RetryableError("SMTPServerDisconnected: down")

        monkeypatch.setattr(EmailTransport, "send", down)
        delivery = email_delivery(notification)
        with pytest.raises(RetryableError):
            delivery_attempt(delivery_id=delivery.pk)
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts, delivery.last_error) == (
            "queued",
            1,
            "SMTPServerDisconnected: down",
        )
        assert mail.outbox == []
        # the last attempt gives up: email cannot fall back on itself, in-app already has it
        assert delivery_attempt(delivery_id=delivery.pk, final_attempt=True) is not None
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts) == ("failed", 2)
        assert notification.deliveries.count() == 2
        assert MAX_RETRIES == 5


class TestFallback:
    @override_settings(NOTIFICATION_TRANSPORTS=TRANSPORTS)
    def test_a_channel_that_fails_for_good_falls_back_to_in_app_and_email(
        self, candidate_a: User, django_capture_on_commit_callbacks: Any
    ) -> None:
        # given a notification that was only on the pager channel
        with django_capture_on_commit_callbacks(execute=False):
            notification = Notification.objects.create(
                recipient=candidate_a, kind="review_request_answered", params={"kind": "human_review"}, link="/x/"
            )
            pager = Delivery.objects.create(notification=notification, channel="pager")
        # when
        with django_capture_on_commit_callbacks(execute=True):
            deliver_notification_task.delay(pager.pk)
        # then
        pager.refresh_from_db()
        assert (pager.status, pager.attempts, pager.last_error) == (
            "fallback",
            1,
            "The bot was removed from the workspace.",
        )
        assert sorted(notification.deliveries.values_list("channel", "status")) == [
            ("email", "sent"),
            ("in_app", "sent"),
            ("pager", "fallback"),
        ]
        (email,) = mail.outbox
        assert (email.to, email.subject) == (["zhou.ting@example.com"], "您的申请已获答复：人工复核")

    def test_no_address_is_permanent_and_in_app_still_has_it(
        self, candidate_a: User, django_capture_on_commit_callbacks: Any
    ) -> None:
        candidate_a.email = ""
        candidate_a.save(update_fields=["email"])
        person = candidate_a.person
        person.email = ""
        person.save(update_fields=["email"])
        with django_capture_on_commit_callbacks(execute=True):
            notification = notification_send(recipient=candidate_a, kind="report_available", dedupe_key="r")
        assert notification is not None
        assert sorted(notification.deliveries.values_list("channel", "status", "last_error")) == [
            ("email", "failed", "The recipient has no email address."),
            ("in_app", "sent", ""),
        ]
        assert mail.outbox == []


class TestIdempotent:
    def test_running_the_task_twice_sends_once(
        self, candidate_a: User, django_capture_on_commit_callbacks: Any
    ) -> None:
        notification = queued(candidate_a, django_capture_on_commit_callbacks)
        delivery = email_delivery(notification)
        assert deliver_notification_task.delay(delivery.pk).get() == "sent"
        assert deliver_notification_task.delay(delivery.pk).get() == "sent"
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts, len(mail.outbox)) == ("sent", 1, 1)

    def test_a_missing_delivery_is_nothing_to_do(self, db: None) -> None:
        assert deliver_notification_task.delay(987654).get() is None
        assert mail.outbox == []


class TestWithoutABroker:
    def test_a_mail_outage_does_not_break_the_action_that_sent_it(
        self, candidate_a: User, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def down(self: EmailTransport, delivery: Delivery) -> None:
            raise RetryableError("SMTPServerDisconnected: down")

        monkeypatch.setattr(EmailTransport, "send", down)
        with django_capture_on_commit_callbacks(execute=True):
            notification = notification_send(recipient=candidate_a, kind="report_available", dedupe_key="r")
        assert notification is not None
        assert sorted(notification.deliveries.values_list("channel", "status", "attempts", "last_error")) == [
            ("email", "queued", 1, "SMTPServerDisconnected: down"),
            ("in_app", "sent", 1, ""),
        ]
        assert mail.outbox == []

    def test_the_sweep_sends_what_stayed_queued(
        self, candidate_a: User, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # given an email that stayed queued during an outage
        def down(self: EmailTransport, delivery: Delivery) -> None:
            raise RetryableError("SMTPServerDisconnected: down")

        with monkeypatch.context() as patched:
            patched.setattr(EmailTransport, "send", down)
            with django_capture_on_commit_callbacks(execute=True):
                notification = notification_send(recipient=candidate_a, kind="report_available", dedupe_key="r")
            assert deliveries_attempt_queued() == {"sent": 0, "queued": 1, "failed": 0}
        # when the mail server is back, then the sweep sends it once
        assert deliveries_attempt_queued() == {"sent": 1, "queued": 0, "failed": 0}
        assert deliveries_attempt_queued() == {"sent": 0, "queued": 0, "failed": 0}
        assert notification is not None
        assert notification.deliveries.get(channel="email").attempts == 3
        assert len(mail.outbox) == 1
