"""Who may ask about an interview, and who may see and resolve the requests.

Candidates ask only about their own interviews: any other session id is *not found* (404), so nobody learns that
someone else's interview exists. Requests are HR's tasks: HR (and HR admins) list and resolve them. Other staff
who may see the candidate (the assigned interviewer, the hiring manager of the department) get *permission
denied* (403) on a request, everyone else *not found* (404). An interviewer is never the reviewer of their own
candidate unless they hold an HR role themselves: the review must come from someone outside the scoring loop,
and HR owns the decision on an application.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from talentloop.core.exceptions import NotFound, PermissionDenied
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.feedback.models import ReviewRequest
from talentloop.interviews.access import session_list_for_user
from talentloop.interviews.models import InterviewSession
from talentloop.org.access import actor_get


def review_session_get_for_candidate(user: Any, session_id: int | str) -> InterviewSession:
    """The user's own interview (they are the candidate invited to it), or not found."""
    actor = actor_get(user)
    if actor.person_id is None:
        raise NotFound(_("Interview not found."))
    try:
        return InterviewSession.objects.select_related(
            "invitation__candidate__person", "invitation__template__job_profile__position"
        ).get(pk=int(session_id), invitation__candidate__person_id=actor.person_id)
    except (InterviewSession.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Interview not found.")) from None


def review_requests_check_manage(user: Any) -> None:
    """The "Review requests" list: HR only; other staff 403, everyone else 404 (the console's rule)."""
    actor = actor_get(user)
    if not actor.is_staff_member:
        raise NotFound(_("Page not found."))
    if not actor.is_hr:
        raise PermissionDenied(_("Only HR can handle explanation and review requests."))


def review_request_get_for_user(
    user: Any, request_id: int | str, *, request: HttpRequest | None = None
) -> ReviewRequest:
    """A request HR may handle (every view is audited); 403 to staff who may see the interview, else 404."""
    try:
        review_request = ReviewRequest.objects.select_related(
            "session__invitation__candidate__person",
            "session__invitation__template__job_profile__position",
            "requested_by",
            "resolved_by",
        ).get(pk=int(request_id))
    except (ReviewRequest.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Review request not found.")) from None
    actor = actor_get(user)
    if not actor.is_hr:
        if actor.is_staff_member and session_list_for_user(user).filter(pk=review_request.session_id).exists():
            raise PermissionDenied(_("Only HR can handle explanation and review requests."))
        raise NotFound(_("Review request not found."))
    audit_record(actor=user, action=AuditEvent.Action.VIEW, target=review_request, request=request)
    return review_request


def review_request_list_for_candidate(user: Any) -> QuerySet[ReviewRequest]:
    """The requests the user made about their own interviews."""
    actor = actor_get(user)
    if actor.person_id is None:
        return ReviewRequest.objects.none()
    return ReviewRequest.objects.filter(session__invitation__candidate__person_id=actor.person_id).select_related(
        "session__invitation__template__job_profile__position", "resolved_by"
    )
