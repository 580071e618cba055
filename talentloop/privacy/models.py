"""Deletion requests: a person asks for their data to be erased; HR decides; a task executes it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from talentloop.core.models import TimeStampedModel


class DeletionRequest(TimeStampedModel):
    """One request to erase a person's data. Kept after execution as the record that (and how) it was done; by then
    the person it points at is anonymised."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        HELD = "held", _("On legal hold")
        APPROVED = "approved", _("Approved")
        EXECUTED = "executed", _("Executed")
        REJECTED = "rejected", _("Rejected")

    OPEN_STATUSES = (Status.REQUESTED, Status.HELD, Status.APPROVED)

    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="deletion_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED)
    # The language to tell the person the outcome in (their email address is read when the email is sent).
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, blank=True)
    # The legal holds found by the rules the last time they were checked: [{"code", "message", "params"}].
    hold_reasons = models.JSONField(_("legal hold reasons"), default=list, blank=True)
    # An explicit hold placed by HR, with its reason (empty: none).
    hr_hold_reason = models.TextField(_("HR hold reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    executed_at = models.DateTimeField(_("executed at"), null=True, blank=True)
    # What the erasure did, per room: {"interviews": {"answers": 3, …}, …}.
    erased = models.JSONField(_("what was erased"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("deletion request")
        verbose_name_plural = _("deletion requests")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status__in=["requested", "held", "approved"]),
                name="privacy_one_open_deletion_request",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES
