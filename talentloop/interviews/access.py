"""Who may see which interview. Candidates reach theirs through the signed link; staff through these helpers."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from talentloop.core.exceptions import NotFound, PermissionDenied
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.interviews.models import InterviewSession, InterviewTemplate, Invitation, Recording
from talentloop.interviews.tokens import token_read
from talentloop.org.access import actor_get, candidate_list_for_user


def invitation_get_by_token(token: str) -> Invitation:
    """The invitation a link names, or not found (a forged, mistyped or rotated link)."""
    named = token_read(token)
    if named is None:
        raise NotFound(_("This interview link is not valid. Check that you copied all of it."))
    invitation = (
        Invitation.objects.select_related("template", "candidate__person", "session")
        .filter(pk=named[0], token_nonce=named[1])
        .first()
    )
    if invitation is None:
        raise NotFound(_("This interview link is not valid. Check that you copied all of it."))
    return invitation


def session_get_by_token(token: str) -> InterviewSession:
    invitation = invitation_get_by_token(token)
    session: InterviewSession | None = getattr(invitation, "session", None)  # joined by the token lookup
    if session is None:
        raise NotFound(_("Open the interview link first."))
    return session


def invitation_list_for_user(user: Any) -> QuerySet[Invitation]:
    """Invitations of candidates the user may see."""
    return Invitation.objects.filter(candidate__in=candidate_list_for_user(user).values("pk")).select_related(
        "candidate__person", "template__job_profile__position", "session"
    )


def invitation_get_for_user(user: Any, invitation_id: int | str, *, intent: str = "view") -> Invitation:
    try:
        invitation = invitation_list_for_user(user).get(pk=int(invitation_id))
    except (Invitation.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Invitation not found.")) from None
    if intent == "change" and not actor_get(user).is_hr:
        raise PermissionDenied(_("Only HR can change invitations."))
    return invitation


def session_list_for_user(user: Any) -> QuerySet[InterviewSession]:
    return InterviewSession.objects.filter(
        invitation__candidate__in=candidate_list_for_user(user).values("pk")
    ).select_related("invitation__candidate__person", "invitation__template__job_profile__position")


def session_get_for_user(user: Any, session_id: int | str) -> InterviewSession:
    try:
        return session_list_for_user(user).get(pk=int(session_id))
    except (InterviewSession.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Interview not found.")) from None


def interview_setup_check_manage(user: Any) -> None:
    """HR builds the competency library, the question bank, job profiles and templates. Someone who may not even
    read the set-up learns nothing from a write attempt either (404, not 403)."""
    interview_setup_check_view(user)
    if not actor_get(user).is_hr:
        raise PermissionDenied(_("Only HR can change interview set-up."))


def interview_setup_check_view(user: Any) -> None:
    """Staff may read the set-up (hiring managers review what their roles are assessed on)."""
    if not actor_get(user).is_staff_member:
        raise NotFound(_("Page not found."))


def template_get(template_id: int | str) -> InterviewTemplate:
    try:
        return InterviewTemplate.objects.select_related("job_profile__position").get(pk=int(template_id))
    except (InterviewTemplate.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Template not found.")) from None


def recording_get_for_user(user: Any, recording_id: int | str, *, request: Any = None) -> Recording:
    """A recording of a session the user may see (404 otherwise); every listen is audited."""
    try:
        recording = Recording.objects.select_related("answer__session").get(
            pk=int(recording_id), answer__session__in=session_list_for_user(user).values("pk")
        )
    except (Recording.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Recording not found.")) from None
    audit_record(actor=user, action=AuditEvent.Action.VIEW, target=recording, request=request)
    return recording
