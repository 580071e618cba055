"""The events lower rooms' actions set off, turned into notifications.

Lower rooms never import ``notifications`` (the floor rule): the edge that called the lower service calls the
matching function here next (``review_request_resolve`` → ``review_request_answered_notify``), or a room on floor 6
or above calls it itself (``privacy``). Each function names its recipients, its parameters (codes and numbers,
never rendered text) and a de-duplication key, so calling it twice tells nobody twice.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from talentloop.accounts.models import User
from talentloop.feedback.models import ReviewRequest
from talentloop.feedback.services.reviews import review_request_notified_record
from talentloop.notifications.models import Kind, Notification
from talentloop.notifications.services import notification_send, team_post
from talentloop.org.models import Role


def review_request_answered_notify(*, review_request: ReviewRequest) -> Notification | None:
    """Tell the candidate their explanation or review request was answered (the answer is read in the portal)."""
    if review_request.status != ReviewRequest.Status.DONE:
        return None
    notification = notification_send(
        recipient=review_request.requested_by,
        kind=Kind.REVIEW_REQUEST_ANSWERED,
        params={"kind": review_request.kind},
        link=reverse("portal:review_request", args=[review_request.session_id]),
        dedupe_key=f"review_request_answered:{review_request.pk}",
    )
    if notification is not None:
        review_request_notified_record(review_request_id=review_request.pk, now=notification.created_at)
    return notification


def hr_users() -> list[Any]:
    """Everyone who handles candidates' requests: active users holding the HR or HR admin role."""
    return list(
        User.objects.filter(is_active=True, role_grants__role__in=[Role.HR, Role.HR_ADMIN]).distinct().order_by("pk")
    )


def _candidate_department_id(session_id: int) -> int | None:
    """The department of the position the interviewed candidate applied for (None: none recorded)."""
    from talentloop.interviews.models import InterviewSession

    department_id: int | None = (
        InterviewSession.objects.filter(pk=session_id)
        .values_list("invitation__candidate__applied_position__department_id", flat=True)
        .first()
    )
    return department_id


def review_request_created_notify(*, review_request: ReviewRequest) -> list[Notification]:
    """Tell HR a candidate asked for an explanation or a human review, with its due date, and post it to the team
    channels (group robots) that take it. Neither names the candidate: a group chat is read by many."""
    due = timezone.localdate(review_request.due_at).isoformat()
    params = {"kind": review_request.kind, "due": due}
    link = reverse("console:review_request", args=[review_request.pk])
    dedupe_key = f"review_request_created:{review_request.pk}"
    sent = []
    for user in hr_users():
        notification = notification_send(
            recipient=user, kind=Kind.REVIEW_REQUEST_CREATED, params=params, link=link, dedupe_key=dedupe_key
        )
        if notification is not None:
            sent.append(notification)
    team_post(
        kind=Kind.REVIEW_REQUEST_CREATED,
        params=params,
        link=link,
        dedupe_key=dedupe_key,
        department_id=_candidate_department_id(review_request.session_id),
    )
    return sent


def report_available_notify(*, session_id: int) -> Notification | None:
    """Tell the candidate their report can be read, once it can: the interview is scored and its report is
    released (automatically by the job profile's policy, or by HR). Once per interview."""
    from talentloop.assessments.selectors import session_score_get
    from talentloop.feedback.selectors import report_is_released, report_policy_get
    from talentloop.feedback.services.reports import report_build
    from talentloop.interviews.models import InterviewSession

    session = (
        InterviewSession.objects.select_related("invitation__candidate__person__user", "invitation__template")
        .filter(pk=session_id)
        .first()
    )
    if session is None or session.status != InterviewSession.Status.SUBMITTED:
        return None
    if session_score_get(session=session) is None:
        return None
    report = report_build(session=session)
    policy = report_policy_get(job_profile=session.invitation.template.job_profile)
    if report is None or not report_is_released(report=report, policy=policy):
        return None
    return notification_send(
        recipient=session.invitation.candidate.person.user,
        kind=Kind.REPORT_AVAILABLE,
        params={},
        link=reverse("portal:report", args=[session.pk]),
        dedupe_key=f"report_available:{session.pk}",
    )


def report_available_notify_after_scoring(*, session_id: int) -> None:
    """For the edge that submits an interview: once the submission commits, score it (scoring twice is harmless)
    and tell the candidate if the report is released at once."""
    from talentloop.notifications.tasks import notify_report_available_task

    transaction.on_commit(lambda: notify_report_available_task.delay(session_id))


def deletion_request_decided_notify(*, deletion_request: Any) -> Notification | None:
    """Tell the person in the app that their deletion request was refused or put on hold (the privacy app emails
    them itself; after an executed request there is nothing left to notify, the email is the notice)."""
    person = deletion_request.person
    return notification_send(
        recipient=person.user if person.user_id else None,
        kind=Kind.DELETION_REQUEST_DECIDED,
        params={"status": deletion_request.status},
        link=reverse("portal:my_data"),
        dedupe_key=f"deletion_request:{deletion_request.pk}:{deletion_request.status}",
    )
