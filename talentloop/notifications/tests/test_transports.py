"""The transport base and the email channel: which failures are permanent, which may recover."""

from __future__ import annotations

import smtplib
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from talentloop.accounts.models import User
from talentloop.integrations.email.transport import EmailTransport
from talentloop.notifications.models import Delivery, Notification
from talentloop.notifications.transports import (
    InAppTransport,
    PermanentError,
    RetryableError,
    _transport,
    transport_get,
)


def delivery_for(user: User) -> Delivery:
    notification = Notification.objects.create(
        recipient=user, kind="report_available", params={}, link="/portal/reports/3/"
    )
    return Delivery.objects.create(notification=notification, channel="email")


def test_the_configured_channels_are_in_app_and_email() -> None:
    assert isinstance(transport_get("in_app"), InAppTransport)
    assert isinstance(transport_get("email"), EmailTransport)
    assert transport_get("wecom") is None


@override_settings(NOTIFICATION_TRANSPORTS={"email": "talentloop.notifications.models.Delivery"})
def test_a_setting_that_names_no_transport_fails_loudly() -> None:
    _transport.cache_clear()
    with pytest.raises(ImproperlyConfigured):
        transport_get("email")
    _transport.cache_clear()


def test_errors_say_whether_they_are_permanent() -> None:
    assert (PermanentError("x").permanent, RetryableError("x").permanent) == (True, False)


class TestEmail:
    def test_sends_in_the_recipients_language(self, candidate_a: User) -> None:
        candidate_a.preferred_language = "en"
        candidate_a.save(update_fields=["preferred_language"])
        EmailTransport().send(delivery_for(candidate_a))
        (email,) = mail.outbox
        assert (email.to, email.subject) == (["zhou.ting@example.com"], "Your interview report is ready")
        assert email.body == (
            "Hello 周婷,\n\n"
            "Your interview has been scored. Sign in to read your report and your growth path.\n"
            "http://127.0.0.1:8000/portal/reports/3/\n\n"
            "You can choose which notifications you get by email on your notification settings page.\n"
        )

    def test_no_address_is_permanent(self, candidate_a: User) -> None:
        candidate_a.email = ""
        candidate_a.save(update_fields=["email"])
        candidate_a.person.email = ""
        candidate_a.person.save(update_fields=["email"])
        with pytest.raises(PermanentError):
            EmailTransport().send(delivery_for(candidate_a))
        assert mail.outbox == []

    @pytest.mark.parametrize(
        ("error", "expected"),
        [
            (smtplib.SMTPServerDisconnected("gone"), RetryableError),
            (ConnectionRefusedError("refused"), RetryableError),
            (smtplib.SMTPRecipientsRefused({"zhou.ting@example.com": (550, b"no such user")}), PermanentError),
        ],
    )
    def test_server_failures(
        self, candidate_a: User, monkeypatch: pytest.MonkeyPatch, error: Exception, expected: Any
    ) -> None:
        def failing_send(self: Any, fail_silently: bool = False) -> int:
            raise error

        monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", failing_send)
        with pytest.raises(expected):
            EmailTransport().send(delivery_for(candidate_a))
