"""The email channel: a notification as a plain-text email through Django's email backend (``EMAIL_URL``)."""

from __future__ import annotations

import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from talentloop.notifications.messages import message_render
from talentloop.notifications.models import Delivery
from talentloop.notifications.transports import PermanentError, RetryableError, Transport


class EmailTransport(Transport):
    channel = "email"

    def send(self, delivery: Delivery) -> None:
        notification = delivery.notification
        recipient = notification.recipient
        person = getattr(recipient, "person", None)
        address = (getattr(person, "email", "") or "") or recipient.email
        if not address or not recipient.is_active:
            raise PermanentError("The recipient has no email address.")
        with translation.override(recipient.preferred_language or settings.LANGUAGE_CODE):
            message = message_render(kind=notification.kind, params=notification.params)
            link = settings.TALENTLOOP_BASE_URL.rstrip("/") + notification.link if notification.link else ""
            name = getattr(person, "full_name", "") or recipient.get_full_name() or recipient.username
            body = render_to_string(
                "notifications/email/notification.txt", {"message": message, "link": link, "name": name}
            )
        try:
            EmailMultiAlternatives(subject=message.title, body=body, to=[address]).send()
        except smtplib.SMTPRecipientsRefused as error:
            raise PermanentError(f"The mail server refused the address: {error}") from error
        except (smtplib.SMTPException, OSError) as error:
            raise RetryableError(f"{type(error).__name__}: {error}") from error
