"""Base models and the append-only audit log."""

from __future__ import annotations

from typing import Any, NoReturn

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an audit record."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit events cannot be updated.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("Audit events cannot be deleted.")


# How a request reached us (``AuditEvent.channel``), as shown to people.
CHANNEL_LABELS = {"web": _("Web"), "api": _("API")}


class AuditEvent(models.Model):
    """Who viewed or changed which sensitive record, when and from where. Never updated, never deleted."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        DELETE = "delete", _("Deleted")
        EXPORT = "export", _("Exported")
        LOGIN = "login", _("Signed in")
        LOGIN_FAILED = "login_failed", _("Failed sign-in")
        LOGOUT = "logout", _("Signed out")
        GRANT = "grant", _("Granted access")
        REVOKE = "revoke", _("Revoked access")

    occurred_at = models.DateTimeField(_("occurred at"), auto_now_add=True, db_index=True)
    # No database constraint and no cascade: deleting a user must neither change nor delete the log (the PostgreSQL
    # trigger would refuse the SET NULL). The id stays as it was, and ``actor_label`` keeps the name readable.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_label = models.CharField(_("actor name"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices, db_index=True)
    object_type = models.CharField(_("record type"), max_length=100, db_index=True)
    object_id = models.CharField(_("record id"), max_length=64, blank=True, db_index=True)
    object_label = models.CharField(_("record"), max_length=300, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    channel = models.CharField(_("channel"), max_length=20, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("Audit events cannot be updated.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit events cannot be deleted.")

    @property
    def object_type_label(self) -> Any:
        """The record type in the reader's language ("candidate" for ``org.candidate``), else as stored."""
        try:
            return apps.get_model(self.object_type)._meta.verbose_name
        except (LookupError, ValueError):
            return self.object_type

    @property
    def channel_label(self) -> Any:
        return CHANNEL_LABELS.get(self.channel, self.channel)
