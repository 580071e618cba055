"""Invitations: HR invites a candidate to a template; the candidate gets a personal link."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from talentloop.core.exceptions import Conflict, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.interviews.errors import InterviewErrorCode
from talentloop.interviews.models import InterviewSession, InterviewTemplate, Invitation
from talentloop.interviews.tasks import send_invitation_email_task
from talentloop.interviews.tokens import invitation_url, nonce_new
from talentloop.org.models import Candidate, Company
from talentloop.org.services import candidate_create


class InvitationStatus(models.TextChoices):
    PENDING = "pending", gettext_lazy("Not opened yet")
    OPENED = "opened", gettext_lazy("Opened")
    IN_PROGRESS = "in_progress", gettext_lazy("In progress")
    SUBMITTED = "submitted", gettext_lazy("Submitted")
    EXPIRED = "expired", gettext_lazy("Expired")
    REVOKED = "revoked", gettext_lazy("Revoked")


OPEN_STATUSES = (InvitationStatus.PENDING, InvitationStatus.OPENED, InvitationStatus.IN_PROGRESS)


def invitation_status(invitation: Invitation, *, now: datetime | None = None) -> InvitationStatus:
    """Where the invitation stands. A submitted interview stays submitted even after the link expires."""
    now = now or timezone.now()
    session: InterviewSession | None = getattr(invitation, "session", None)
    if session is not None and session.status == InterviewSession.Status.SUBMITTED:
        return InvitationStatus.SUBMITTED
    if invitation.revoked_at is not None:
        return InvitationStatus.REVOKED
    if invitation.expires_at <= now:
        return InvitationStatus.EXPIRED
    if session is None:
        return InvitationStatus.PENDING
    if session.status == InterviewSession.Status.CONSENTING:
        return InvitationStatus.OPENED
    return InvitationStatus.IN_PROGRESS


def invitation_link(invitation: Invitation) -> str:
    return invitation_url(invitation_id=invitation.pk, nonce=invitation.token_nonce)


def _candidate_for(
    *, actor: Any, company: Company, template: InterviewTemplate, full_name: str, email: str, mobile: str
) -> Candidate:
    """The candidate with this email or mobile, or a new one applying to the template's position."""
    email = email.strip().lower()
    mobile = mobile.strip()
    existing = Candidate.objects.filter(person__company=company)
    if email:
        found = existing.filter(person__email=email).first()
        if found:
            return found
    if mobile:
        found = existing.filter(person__mobile=mobile.replace(" ", "").replace("-", "")).first()
        if found:
            return found
    return candidate_create(
        actor=actor,
        company=company,
        full_name=full_name,
        email=email,
        mobile=mobile,
        applied_position=template.job_profile.position,
        source=_("Interview invitation"),
    )


@transaction.atomic
def invitation_create(
    *,
    actor: Any,
    template: InterviewTemplate,
    company: Company,
    candidate: Candidate | None = None,
    full_name: str = "",
    email: str = "",
    mobile: str = "",
    valid_days: int | None = None,
    send: bool = True,
) -> Invitation:
    """Invite a candidate (an existing one, or found/created from name, email and mobile) to an interview."""
    if not template.is_active:
        raise ValidationFailed(_("This template is archived."), fields={"template": [_("Choose an active template.")]})
    if not template.items.exists():
        raise ValidationFailed(_("This template has no questions."), code=InterviewErrorCode.NO_QUESTIONS)
    days = settings.INTERVIEW_INVITATION_DAYS if valid_days is None else valid_days
    if not 1 <= days <= 365:
        raise ValidationFailed(_("A link works for 1 to 365 days."), fields={"valid_days": [_("Use 1 to 365.")]})
    if candidate is None:
        candidate = _candidate_for(
            actor=actor, company=company, template=template, full_name=full_name, email=email, mobile=mobile
        )
    open_invitations = Invitation.objects.filter(candidate=candidate, template=template, revoked_at__isnull=True)
    for other in open_invitations.select_related("session"):
        if invitation_status(other) in (
            InvitationStatus.PENDING,
            InvitationStatus.OPENED,
            InvitationStatus.IN_PROGRESS,
        ):
            raise Conflict(
                _("%(name)s already has an open invitation to this interview; resend or extend it instead.")
                % {"name": candidate.person.full_name}
            )
    invitation = Invitation.objects.create(
        template=template,
        candidate=candidate,
        token_nonce=nonce_new(),
        expires_at=timezone.now() + timedelta(days=days),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(actor=actor, action=AuditEvent.Action.CREATE, target=invitation)
    if send:
        invitation_send(actor=actor, invitation=invitation)
    return invitation


def invitation_send(*, actor: Any, invitation: Invitation) -> Invitation:
    """Email the link (again). The email leaves after the transaction commits, through the task queue."""
    status = invitation_status(invitation)
    if status in (InvitationStatus.REVOKED, InvitationStatus.SUBMITTED, InvitationStatus.EXPIRED):
        raise Conflict(_("This invitation can no longer be sent: it is %(status)s.") % {"status": status.label})
    if not invitation.candidate.person.email:
        raise ValidationFailed(
            _("The candidate has no email address; copy the link and send it another way."),
            fields={"email": [_("Missing.")]},
        )
    invitation.last_sent_at = timezone.now()
    invitation.send_count += 1
    invitation.save(update_fields=["last_sent_at", "send_count", "updated_at"])
    invitation_id = invitation.pk
    transaction.on_commit(lambda: send_invitation_email_task.delay(invitation_id))
    return invitation


@transaction.atomic
def invitation_extend(*, actor: Any, invitation: Invitation, days: int) -> Invitation:
    """Give the candidate more time: the link works until ``days`` from now (or from its expiry, if later)."""
    if not 1 <= days <= 365:
        raise ValidationFailed(_("Extend by 1 to 365 days."), fields={"days": [_("Use 1 to 365.")]})
    status = invitation_status(invitation)
    if status in (InvitationStatus.REVOKED, InvitationStatus.SUBMITTED):
        raise Conflict(_("This invitation can no longer be extended: it is %(status)s.") % {"status": status.label})
    old = invitation.expires_at
    invitation.expires_at = max(old, timezone.now()) + timedelta(days=days)
    invitation.save(update_fields=["expires_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        target=invitation,
        changes={"expires_at": [old.isoformat(), invitation.expires_at.isoformat()]},
    )
    return invitation


@transaction.atomic
def invitation_revoke(*, actor: Any, invitation: Invitation) -> Invitation:
    """Stop the link from working. A submitted interview cannot be revoked (its answers are kept)."""
    status = invitation_status(invitation)
    if status == InvitationStatus.SUBMITTED:
        raise Conflict(_("The interview was already submitted; its answers are kept."))
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at", "updated_at"])
        audit_record(actor=actor, action=AuditEvent.Action.REVOKE, target=invitation)
    return invitation
