"""Who may read score versions and re-score interviews: HR only, through these helpers."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from talentloop.assessments.models import RescoreBatch, SessionScore
from talentloop.core.exceptions import NotFound, PermissionDenied
from talentloop.interviews.access import session_get_for_user
from talentloop.interviews.models import InterviewSession
from talentloop.org.access import actor_get


def scores_check_hr(user: Any) -> None:
    """Score versions and re-scoring are HR's. Someone outside the staff learns nothing (404); staff who are not
    HR are told they may not (403)."""
    actor = actor_get(user)
    if not actor.is_staff_member:
        raise NotFound(_("Page not found."))
    if not actor.is_hr:
        raise PermissionDenied(_("Only HR can see score versions and re-score interviews."))


def score_session_get_for_user(user: Any, session_id: int | str) -> InterviewSession:
    """An interview whose score versions the user (HR) may read, or 404/403."""
    scores_check_hr(user)
    return session_get_for_user(user, session_id)


def session_score_get_for_user(user: Any, session_id: int | str, version: int | str) -> SessionScore:
    """One score version of an interview the user (HR) may read, or 404/403."""
    session = score_session_get_for_user(user, session_id)
    try:
        return SessionScore.objects.select_related("requested_by", "session").get(session=session, version=int(version))
    except (SessionScore.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("This interview has no score version %(version)s.") % {"version": version}) from None


def rescore_batch_get_for_user(user: Any, batch_id: int | str) -> RescoreBatch:
    """A re-score batch, for HR; 404 for a batch that does not exist, 403/404 for anyone else."""
    scores_check_hr(user)
    try:
        return RescoreBatch.objects.select_related("requested_by").get(pk=int(batch_id))
    except (RescoreBatch.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Re-score batch not found.")) from None
