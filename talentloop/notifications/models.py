"""The notification centre: what a person was told (``Notification``), how they like to be told
(``NotificationPreference``) and each attempt to tell them on one channel (``Delivery``).

A notification stores a message id and its parameters, never rendered text, so it reads in the reader's language
whenever it is shown or sent (see ``talentloop/notifications/messages.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """The events a person can be told about. Each has its messages in ``messages.py`` and its channels in
    ``preferences.py``."""

    REVIEW_REQUEST_ANSWERED = "review_request_answered", _("My explanation or review request was answered")
    REVIEW_REQUEST_CREATED = "review_request_created", _("A candidate asked for an explanation or a review")
    REPORT_AVAILABLE = "report_available", _("My interview report is ready")
    DELETION_REQUEST_DECIDED = "deletion_request_decided", _("My deletion request was decided")
    COMMENT_MENTION = "comment_mention", _("A colleague mentioned me in a discussion on an interview")
    RESULT_SHARED = "result_shared", _("HR shared an interview result with me")
    MANAGER_RESPONDED = "manager_responded", _("A hiring manager answered a result I shared")
    CANDIDATE_MESSAGE = "candidate_message", _("A candidate wrote to HR")
    HR_REPLY = "hr_reply", _("HR replied to my message")


class Channel(models.TextChoices):
    IN_APP = "in_app", _("In the app")
    EMAIL = "email", _("Email")
    WECOM = "wecom", _("WeCom")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    dedupe_key = models.CharField(_("de-duplication key"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_recipient_read")]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"], condition=~Q(dedupe_key=""), name="notification_dedupe_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id} · {self.kind}"


class NotificationPreference(models.Model):
    """One switch: does ``user`` want ``kind`` on ``channel``? No row means the default of ``preferences.py``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    enabled = models.BooleanField(_("on"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind", "channel"], name="notification_preference_once")]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.kind} · {self.channel}: {self.enabled}"


class Delivery(models.Model):
    """One notification on one channel: queued, then sent, failed (nothing left to try) or handed to the fallback
    channels. Every attempt's outcome is kept here."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        FALLBACK = "fallback", _("Failed; sent on the fallback channels")

    FINAL_STATUSES = (Status.SENT, Status.FAILED, Status.FALLBACK)

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("channel"), max_length=20)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["notification", "pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [models.UniqueConstraint(fields=["notification", "channel"], name="delivery_channel_once")]

    def __str__(self) -> str:
        return f"{self.notification_id} · {self.channel}: {self.status}"
