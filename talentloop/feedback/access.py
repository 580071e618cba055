"""Who may read which report: the one fetch-and-authorize helper for reports, and the policy page check.

Staff read the report of any interview in their scope (`interviews.access.session_list_for_user`: HR all, a hiring
manager their departments' candidates, an interviewer their assigned candidates). A candidate reads only the
reports of their own interviews. Anyone else gets "not found", so a report's existence never leaks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from talentloop.core.exceptions import NotFound, PermissionDenied
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.feedback.models import Report, ReportPolicy
from talentloop.feedback.selectors import CANDIDATE, HR, Audience, report_is_released, report_policy_get
from talentloop.feedback.services.reports import report_build
from talentloop.interviews.access import session_list_for_user
from talentloop.interviews.models import InterviewSession
from talentloop.org.access import actor_get


@dataclass(frozen=True)
class ReportAccess:
    """An interview the user may read the report of, its current report (``None`` while unscored) and the policy
    that applies. ``released`` says whether the candidate may read it yet (always true for HR's view)."""

    session: InterviewSession
    report: Report | None
    policy: ReportPolicy
    released: bool


def report_get_for_user(
    user: Any, session_id: int | str, *, audience: Audience, request: HttpRequest | None = None
) -> ReportAccess:
    """The report of interview ``session_id`` as ``audience`` reads it, or `NotFound` for anyone who may not.

    The report is built (once per score version) the first time anyone with access asks for it. Each read of an
    existing report is audited."""
    actor = actor_get(user)
    sessions = InterviewSession.objects.select_related(
        "invitation__candidate__person", "invitation__template__job_profile__position"
    )
    if audience == HR:
        if not actor.is_staff_member:
            raise NotFound(_("Report not found."))
        sessions = sessions.filter(pk__in=session_list_for_user(user).values("pk"))
    elif audience == CANDIDATE:
        if actor.person_id is None:
            raise NotFound(_("Report not found."))
        sessions = sessions.filter(invitation__candidate__person_id=actor.person_id)
    else:
        raise ValueError(f"unknown audience {audience!r}")
    try:
        session = sessions.get(pk=int(session_id))
    except (InterviewSession.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Report not found.")) from None
    report = report_build(session=session) if session.status == InterviewSession.Status.SUBMITTED else None
    policy = report_policy_get(job_profile=session.invitation.template.job_profile)
    released = audience == HR or (report is not None and report_is_released(report=report, policy=policy))
    if report is not None and released:
        audit_record(actor=user, action=AuditEvent.Action.VIEW, target=report, request=request)
    return ReportAccess(session=session, report=report, policy=policy, released=released)


def report_downloads_for_candidate(user: Any) -> list[ReportAccess]:
    """The signed-in candidate's own reports they may download now ("my data"): the current report of each submitted,
    scored interview of theirs, once released to them, oldest interview first. Exactly the reports
    `report_get_for_user` (audience ``candidate``) would hand out as a PDF, and nobody else's (no person record, no
    reports). Listing is not reading: the download itself is audited by the PDF view."""
    actor = actor_get(user)
    if actor.person_id is None:
        return []
    sessions = (
        InterviewSession.objects.select_related(
            "invitation__candidate__person", "invitation__template__job_profile__position"
        )
        .filter(invitation__candidate__person_id=actor.person_id, status=InterviewSession.Status.SUBMITTED)
        .order_by("submitted_at", "pk")
    )
    downloads = []
    for session in sessions:
        report = report_build(session=session)
        if report is None:
            continue
        policy = report_policy_get(job_profile=session.invitation.template.job_profile)
        if report_is_released(report=report, policy=policy):
            downloads.append(ReportAccess(session=session, report=report, policy=policy, released=True))
    return downloads


def report_check_manage(user: Any) -> None:
    """Releasing reports and setting what candidates see is HR's; other staff get 403, everyone else 404."""
    actor = actor_get(user)
    if not actor.is_staff_member:
        raise NotFound(_("Page not found."))
    if not actor.is_hr:
        raise PermissionDenied(_("Only HR can release reports and decide what candidates see."))
