"""Reads owned by interviews."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from talentloop.interviews.access import invitation_list_for_user, session_list_for_user
from talentloop.interviews.models import (
    Answer,
    InterviewSession,
    InterviewTemplate,
    Invitation,
    Recording,
    SessionEvent,
    TemplateQuestion,
)
from talentloop.questionbank.models import Rubric

FINISHED = [Answer.Status.ANSWERED, Answer.Status.SKIPPED]


def session_answers(*, session: InterviewSession) -> QuerySet[Answer]:
    return session.answers.select_related("question").prefetch_related(
        Prefetch("recordings", queryset=Recording.objects.order_by("attempt", "created_at"))
    )


def template_list(*, active_only: bool = False) -> QuerySet[InterviewTemplate]:
    templates = InterviewTemplate.objects.select_related("job_profile__position").annotate(
        question_total=Count("items", distinct=True), invitation_total=Count("invitations", distinct=True)
    )
    return templates.filter(is_active=True) if active_only else templates


def invitation_list(*, user: Any, query: str = "", template_id: int | None = None) -> QuerySet[Invitation]:
    invitations = invitation_list_for_user(user)
    if query:
        invitations = invitations.filter(
            Q(candidate__person__full_name__icontains=query) | Q(candidate__person__email__icontains=query)
        )
    if template_id:
        invitations = invitations.filter(template_id=template_id)
    return invitations.order_by("-created_at")


def session_live_list(*, user: Any) -> QuerySet[InterviewSession]:
    """Sessions not yet submitted, most recently active first, with the counts the live view shows."""
    return (
        session_list_for_user(user)
        .exclude(status=InterviewSession.Status.SUBMITTED)
        .annotate(
            finished_total=Count(
                "answers", filter=Q(answers__status__in=[Answer.Status.ANSWERED, Answer.Status.SKIPPED])
            )
        )
        .prefetch_related("answers")
        .order_by("-last_activity_at")
    )


def session_events(*, session: InterviewSession) -> QuerySet[SessionEvent]:
    return session.events.select_related("answer").order_by("occurred_at", "id")


def template_items(*, template: InterviewTemplate) -> QuerySet[TemplateQuestion]:
    """The template's questions in order, each with the dimensions its current rubrics assess."""
    return template.items.select_related("question").prefetch_related(
        Prefetch("question__rubrics", queryset=Rubric.objects.filter(is_current=True).select_related("dimension"))
    )


def candidate_interviews(*, candidate_id: int) -> list[tuple[Invitation, Any, str]]:
    """A candidate's own invitations with their status and personal link, newest first (for the portal)."""
    from talentloop.interviews.services.invitations import invitation_link, invitation_status

    invitations = (
        Invitation.objects.filter(candidate_id=candidate_id)
        .select_related("template__job_profile__position", "session")
        .order_by("-created_at")
    )
    return [(i, invitation_status(i), invitation_link(i)) for i in invitations]
