"""Reads owned by recruitment. Lists start from the access querysets, so filters never widen what is seen."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from talentloop.competencies.models import Dimension, JobProfileDimension
from talentloop.core.exceptions import NotFound
from talentloop.interviews.services.invitations import InvitationStatus, invitation_link, invitation_status
from talentloop.org.models import Person
from talentloop.recruitment.access import internal_opening_list_for_user, opening_list_for_user, own_application_list
from talentloop.recruitment.models import (
    Application,
    Opening,
    PipelineStage,
    PossibleDuplicate,
    Resume,
    Scorecard,
    StageMove,
)


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


# --- careers site ---------------------------------------------------------------------------------------------


def careers_opening_list(*, query: str = "", department_id: int | None = None) -> QuerySet[Opening]:
    """The openings anyone sees on the careers site: open and public, newest first. ``query`` matches the title
    (either language), the position, the department or the description (case-insensitive containment)."""
    openings = Opening.objects.filter(status=Opening.Status.OPEN, public=True).select_related("position", "department")
    if query:
        openings = openings.filter(
            Q(title__icontains=query)
            | Q(title_en__icontains=query)
            | Q(position__title__icontains=query)
            | Q(department__name__icontains=query)
            | Q(description__icontains=query)
        )
    if department_id is not None:
        openings = openings.filter(department_id=department_id)
    return openings.order_by("-opened_at", "-pk")


def careers_opening_get(opening_id: int | str) -> Opening:
    """One open, public opening (404 for drafts, closed and internal-only openings)."""
    try:
        return careers_opening_list().select_related("job_profile").get(pk=int(opening_id))
    except (Opening.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Opening not found.")) from None


@dataclass(frozen=True)
class PublicRequirement:
    dimension: str
    level: int
    behaviour: str  # the level anchor: what an answer at the required level looks like, in words


def careers_requirement_list(*, opening: Opening) -> list[PublicRequirement]:
    """What the role asks for, from its job profile: each competency, its required level and that level's anchor,
    in the current language (English text where it exists)."""
    if opening.job_profile_id is None:
        return []
    english = (get_language() or "").startswith("en")
    requirements = (
        JobProfileDimension.objects.filter(profile_id=opening.job_profile_id, dimension__kind=Dimension.Kind.COMPETENCY)
        .select_related("dimension")
        .prefetch_related("dimension__anchors")
        .order_by("-weight", "dimension__code")
    )
    result = []
    for requirement in requirements:
        dimension = requirement.dimension
        anchor = next((a for a in dimension.anchors.all() if a.level == requirement.required_level), None)
        behaviour = ""
        if anchor is not None:
            behaviour = (anchor.description_en if english else "") or anchor.description
        name = (dimension.name_en if english else "") or dimension.name
        result.append(PublicRequirement(name, requirement.required_level, behaviour))
    return result


def careers_department_list() -> list[tuple[int, str]]:
    """The departments that have a public open opening, for the careers page's filter."""
    rows = careers_opening_list().values_list("department_id", "department__name").distinct()
    return sorted(set(rows), key=lambda row: row[1])


def _mobile_variants(digits: str) -> list[str]:
    """The stored forms a normalised mobile may have (org keeps what was typed, minus spaces and dashes)."""
    if len(digits) == 11 and digits.startswith("1"):
        return [digits, f"+86{digits}", f"86{digits}", f"0086{digits}"]
    return [digits, f"+{digits}", f"00{digits}"]


def person_match_by_contact(*, company_id: int, email: str, mobile: str) -> tuple[Person | None, Person | None]:
    """The person an applicant is, by normalised email (lower-case) or else mobile (digits, +86 stripped), and a
    second person when the email matched one and the mobile another (a possible duplicate). Erased people never
    match."""
    people = Person.objects.filter(company_id=company_id, erased_at__isnull=True).order_by("pk")
    by_email = people.filter(email__iexact=email).first() if email else None
    by_mobile = people.filter(mobile__in=_mobile_variants(mobile)).first() if mobile else None
    if by_email is not None and by_mobile is not None and by_email.pk != by_mobile.pk:
        return by_email, by_mobile
    return by_email or by_mobile, None


def resume_person_ids(*, query: str) -> QuerySet[Any]:
    """The people whose résumé text contains ``query`` (case-insensitive), as a subquery of person ids."""
    return Resume.objects.filter(text__icontains=query).values("person_id")


def possible_duplicate_list(*, status: str = PossibleDuplicate.Status.OPEN) -> QuerySet[PossibleDuplicate]:
    """HR's list of possible duplicate people (the caller checked ``duplicates_check_view``)."""
    return (
        PossibleDuplicate.objects.filter(status=status)
        .select_related("person__candidate", "other_person__candidate", "application__opening", "decided_by")
        .order_by("-created_at", "-pk")
    )


def possible_duplicate_list_for_person(*, person_id: int) -> QuerySet[PossibleDuplicate]:
    """The open duplicate flags that name this person (the candidate page shows them to HR)."""
    return possible_duplicate_list().filter(Q(person_id=person_id) | Q(other_person_id=person_id))


@dataclass(frozen=True)
class ResumeFeatures:
    """The structured features of an application's résumé, for analytics (None where the résumé does not say)."""

    years_of_experience: float | None
    highest_degree: str | None  # one of resume_text.DEGREES


def resume_features_list(*, application_ids: Iterable[int]) -> dict[int, ResumeFeatures]:
    """The read résumé features of these applications, by application id; applications without a résumé, or whose
    résumé is unread or unreadable, are absent."""
    rows = Resume.objects.filter(
        application_id__in=list(application_ids), extracted_at__isnull=False, extraction_error=""
    ).values_list("application_id", "features")
    return {
        application_id: ResumeFeatures(
            features.get("years_of_experience", {}).get("value"), features.get("highest_degree", {}).get("value")
        )
        for application_id, features in rows
    }
