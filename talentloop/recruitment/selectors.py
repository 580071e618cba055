"""Reads owned by recruitment. Lists start from the access querysets, so filters never widen what is seen."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from talentloop.interviews.services.invitations import InvitationStatus, invitation_link, invitation_status
from talentloop.recruitment.access import internal_opening_list_for_user, opening_list_for_user, own_application_list
from talentloop.recruitment.models import Application, Opening, PipelineStage, Scorecard, StageMove


def opening_list(*, user: Any, status: str = "", query: str = "") -> QuerySet[Opening]:
    """The openings the user sees in the console, newest first, each with its number of applications."""
    openings = opening_list_for_user(user)
    if status in Opening.Status.values:
        openings = openings.filter(status=status)
    if query:
        openings = openings.filter(Q(title__icontains=query) | Q(position__title__icontains=query))
    return openings.annotate(application_count=Count("applications")).order_by("-created_at", "-pk")


def opening_application_list(*, opening: Opening) -> QuerySet[Application]:
    """An opening's applications (the caller fetched the opening through ``opening_get_for_user``)."""
    return (
        Application.objects.filter(opening=opening)
        .select_related("person__employee__department", "candidate", "invitation__session")
        .order_by("-created_at", "-pk")
    )


@dataclass(frozen=True)
class InternalOpening:
    opening: Opening
    application: Application | None  # the signed-in employee's own application to it, if any


def internal_opening_list(*, user: Any) -> list[InternalOpening]:
    """The open internal openings an employee sees, each with their own application to it (or None)."""
    openings = list(internal_opening_list_for_user(user).order_by("-opened_at", "-pk"))
    mine = {
        application.opening_id: application
        for application in own_application_list(user).filter(opening__in=[o.pk for o in openings])
    }
    return [InternalOpening(opening, mine.get(opening.pk)) for opening in openings]


@dataclass(frozen=True)
class ApplicationProgress:
    """Where an application stands for the applicant: its status and its AI interview's."""

    application: Application
    interview_status: InvitationStatus | None
    interview_link: str  # the personal link while the interview can still be taken, else ""

    @property
    def interview_submitted(self) -> bool:
        return self.interview_status == InvitationStatus.SUBMITTED


def application_progress(*, application: Application) -> ApplicationProgress:
    invitation = application.invitation
    if invitation is None:
        return ApplicationProgress(application, None, "")
    status = invitation_status(invitation)
    link = invitation_link(invitation) if status not in (InvitationStatus.EXPIRED, InvitationStatus.REVOKED) else ""
    return ApplicationProgress(application, status, link)


def own_application_progress_list(*, user: Any) -> list[ApplicationProgress]:
    """The signed-in person's applications, newest first, with their interviews' status."""
    applications = own_application_list(user).order_by("-created_at", "-pk")
    return [application_progress(application=application) for application in applications]


# ---------------------------------------------------------------------------------------------------------------
# The pipeline
# ---------------------------------------------------------------------------------------------------------------


def stage_list(*, opening: Opening) -> list[PipelineStage]:
    """An opening's stages in pipeline order."""
    return list(PipelineStage.objects.filter(opening=opening).order_by("position"))


def stage_move_list(*, application_ids: Iterable[int]) -> QuerySet[StageMove]:
    """The history of the given applications, oldest first per application (moves, rejections, hires,
    withdrawals, and rows where automation held back; ``actor`` None = automatic)."""
    return (
        StageMove.objects.filter(application_id__in=list(application_ids))
        .select_related("from_stage", "to_stage", "actor__person")
        .order_by("application_id", "moved_at", "pk")
    )


def human_round_outcome_list(*, application_ids: Iterable[int]) -> dict[int, bool]:
    """The outcome of each application's first human interview round: True when it moved on from that stage to a
    later stage (or was hired from it), False when it was rejected while at it. Applications that never reached a
    human interview stage, are still in it, or left it otherwise (withdrew, moved back) are absent."""
    outcomes: dict[int, bool] = {}
    current: int | None = None
    round_stage: PipelineStage | None = None
    decided = False
    for move in stage_move_list(application_ids=application_ids):
        if move.application_id != current:
            current, round_stage, decided = move.application_id, None, False
        if decided:
            continue
        if round_stage is None:
            to_stage = move.to_stage
            if to_stage is not None and to_stage.kind == PipelineStage.Kind.HUMAN_INTERVIEW:
                round_stage = to_stage
            continue
        if move.from_stage_id != round_stage.pk:
            continue
        if move.to_status == Application.Status.REJECTED:
            outcomes[move.application_id], decided = False, True
        elif move.to_status == Application.Status.HIRED or (
            move.to_stage is not None and move.to_stage.position > round_stage.position
        ):
            outcomes[move.application_id], decided = True, True
        elif move.to_status == Application.Status.WITHDRAWN:
            decided = True
        elif move.to_stage is not None and move.to_stage.pk != round_stage.pk:
            round_stage = None  # moved back: the round's outcome is decided when it comes through again
    return outcomes


@dataclass
class BoardCard:
    application: Application
    ai_overall: float | None
    ai_passed: bool | None
    days_in_stage: int
    scorecard_count: int


@dataclass
class BoardColumn:
    stage: PipelineStage
    cards: list[BoardCard] = field(default_factory=list)


@dataclass
class Board:
    opening: Opening
    columns: list[BoardColumn]
    closed: list[Application]  # rejected, withdrawn (hired ones stay in the hired column)


def _days(since: datetime | None, now: datetime) -> int:
    return max(0, (now - since).days) if since else 0


def opening_board_get(*, opening: Opening, now: datetime | None = None) -> Board:
    """The kanban board of an opening: one column per stage with its active and hired applications (oldest in
    stage first), each with the AI interview's current score and pass, days in the stage and scorecard count; and
    the closed (rejected, withdrawn) applications. A fixed number of queries, whatever the number of cards."""
    from talentloop.assessments.models import SessionScore

    now = now or timezone.now()
    stages = stage_list(opening=opening)
    applications = list(
        Application.objects.filter(opening=opening)
        .select_related("person", "invitation__session", "stage")
        .annotate(scorecard_count=Count("scorecards"))
        .order_by("stage_entered_at", "pk")
    )
    session_ids = [
        application.invitation.session.pk
        for application in applications
        if application.invitation is not None and getattr(application.invitation, "session", None) is not None
    ]
    latest: dict[int, SessionScore] = {}
    for score in SessionScore.objects.filter(session_id__in=session_ids).order_by("session_id", "-version", "-pk"):
        latest.setdefault(score.session_id, score)
    columns = {stage.pk: BoardColumn(stage) for stage in stages}
    closed: list[Application] = []
    for application in applications:
        if application.status in (Application.Status.REJECTED, Application.Status.WITHDRAWN):
            closed.append(application)
            continue
        column = columns.get(application.stage_id or 0)
        if column is None:
            continue
        session = getattr(application.invitation, "session", None) if application.invitation else None
        current = latest.get(session.pk) if session is not None else None
        column.cards.append(
            BoardCard(
                application=application,
                ai_overall=current.overall if current else None,
                ai_passed=current.passed if current else None,
                days_in_stage=_days(application.stage_entered_at, now),
                scorecard_count=application.scorecard_count,
            )
        )
    return Board(opening=opening, columns=list(columns.values()), closed=closed)


def scorecard_list(*, application: Application) -> QuerySet[Scorecard]:
    """An application's scorecards with their ratings, oldest first."""
    return (
        Scorecard.objects.filter(application=application)
        .select_related("stage", "interviewer__person")
        .prefetch_related("ratings__dimension")
        .order_by("submitted_at", "pk")
    )
