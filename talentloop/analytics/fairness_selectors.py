"""The company's data turned into a fairness audit: who was assessed at a stage, whether they were selected (or
their AI score), and their recorded sensitive attributes, handed to the pure core in ``statistics.fairness``.

The unit is one assessment of one person. For the AI outcomes each scored AI interview (its newest score version)
counts once, so a person who took two interviews counts twice; filters: an opening (interviews taken for an
application to it), a department (and its sub-departments: the interview's position belongs there), a period (the
day the interview was submitted, in the server's time zone). For the pipeline outcomes each application with a
decided outcome counts once — "advance": moved beyond (or rejected at) the first stage of the chosen kind;
"offer": reached the offer stage, or was rejected before it; filters: the application's opening, the opening's
department (and below), the day applied. People without a recorded value (never declared,
"prefer not to say", consent withdrawn, erased) are *unknown*: counted, never put in a group.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from talentloop.analytics.models import SensitiveCategory
from talentloop.analytics.selectors import sensitive_values_by_person
from talentloop.analytics.statistics.fairness import (
    FOUR_FIFTHS,
    SMALL_GROUP_SHARE,
    FairnessAudit,
    GroupRate,
    ScoredSubject,
    Subject,
    fairness_audit,
    scoring_rate_audit,
)
from talentloop.assessments.models import SessionScore
from talentloop.interviews.models import InterviewSession
from talentloop.org.models import Department
from talentloop.recruitment.models import Application, Opening, PipelineStage
from talentloop.recruitment.selectors import stage_move_list


class Outcome(models.TextChoices):
    """What "selected" means in an audit."""

    AI_PASS = "ai_pass", _("Passed the AI interview")
    AI_SCORE = "ai_score", _("AI overall score (scoring-rate method)")
    ADVANCE = "advance", _("Moved beyond a stage")
    OFFER = "offer", _("Reached the offer stage")


#: The stages "advance" can be audited at (moving beyond "hired" means nothing).
ADVANCE_STAGE_KINDS = [kind for kind in PipelineStage.Kind if kind != PipelineStage.Kind.HIRED]


@dataclass(frozen=True)
class FairnessFilters:
    """What to audit. ``categories`` holds one category, or two for their intersection."""

    outcome: str
    categories: tuple[SensitiveCategory, ...]
    opening: Opening | None = None
    department: Department | None = None
    date_from: date | None = None
    date_to: date | None = None
    exclude_small: bool = False
    # For ``advance``: the kind of stage (each application's first stage of that kind in its opening).
    stage_kind: str = PipelineStage.Kind.HUMAN_INTERVIEW


@dataclass(frozen=True)
class FairnessRow:
    """One group as the page, the CSV and the PDF show it."""

    label: str
    group: GroupRate

    @property
    def rate_percent(self) -> float:
        return round(100 * float(self.group.selection_rate), 1)

    @property
    def share_percent(self) -> float:
        return round(100 * float(self.group.share), 1)

    @property
    def impact_ratio(self) -> float | None:
        ratio = self.group.impact_ratio
        return None if ratio is None else round(float(ratio), 3)

    @property
    def impact_ratio_exact(self) -> str:
        """The exact ratio as a fraction ("4/5"), so a reader can check a ratio shown as 0.8 is not flagged."""
        ratio = self.group.impact_ratio
        return "" if ratio is None else f"{ratio.numerator}/{ratio.denominator}"


@dataclass(frozen=True)
class FairnessReport:
    filters: FairnessFilters
    audit: FairnessAudit
    rows: tuple[FairnessRow, ...]
    generated_at: datetime
    data_from: date | None
    data_to: date | None
    outcome_label: str
    category_label: str
    four_fifths: Fraction = FOUR_FIFTHS
    small_share: Fraction = SMALL_GROUP_SHARE

    @property
    def reference_rate(self) -> Fraction | None:
        for row in self.rows:
            if row.group.reference:
                return row.group.selection_rate
        return None

    @property
    def flagged_count(self) -> int:
        return len(self.audit.flagged_groups)


@dataclass(frozen=True)
class _Assessment:
    person_id: int
    on: date
    passed: bool
    score: float


def _ai_assessments(filters: FairnessFilters) -> list[_Assessment]:
    sessions = InterviewSession.objects.filter(status=InterviewSession.Status.SUBMITTED, submitted_at__isnull=False)
    if filters.opening is not None:
        sessions = sessions.filter(invitation__application__opening=filters.opening)
    if filters.department is not None:
        # The interview's position belongs to the department or one below it.
        position_department = "invitation__template__job_profile__position__department"
        sessions = sessions.filter(**{f"{position_department}__path__startswith": filters.department.path})
    if filters.date_from is not None:
        sessions = sessions.filter(submitted_at__date__gte=filters.date_from)
    if filters.date_to is not None:
        sessions = sessions.filter(submitted_at__date__lte=filters.date_to)
    rows = {
        session_id: (person_id, submitted_at)
        for session_id, person_id, submitted_at in sessions.values_list(
            "pk", "invitation__candidate__person_id", "submitted_at"
        )
    }
    newest: dict[int, tuple[bool, float]] = {}
    scores = SessionScore.objects.filter(session_id__in=list(rows)).order_by("session_id", "-version", "-pk")
    for session_id, passed, overall in scores.values_list("session_id", "passed", "overall"):
        newest.setdefault(session_id, (passed, overall))
    assessments = []
    for session_id, (passed, overall) in sorted(newest.items()):
        person_id, submitted_at = rows[session_id]
        assessments.append(
            _Assessment(person_id=person_id, on=timezone.localdate(submitted_at), passed=passed, score=overall)
        )
    return assessments


def _applications(filters: FairnessFilters) -> dict[int, tuple[int, date]]:
    """``{application id: (person id, day applied)}`` for the filters (the period is the day applied)."""
    applications = Application.objects.all()
    if filters.opening is not None:
        applications = applications.filter(opening=filters.opening)
    if filters.department is not None:
        applications = applications.filter(opening__department__path__startswith=filters.department.path)
    if filters.date_from is not None:
        applications = applications.filter(created_at__date__gte=filters.date_from)
    if filters.date_to is not None:
        applications = applications.filter(created_at__date__lte=filters.date_to)
    return {
        pk: (person_id, timezone.localdate(created_at))
        for pk, person_id, created_at in applications.values_list("pk", "person_id", "created_at")
    }


def stage_outcome_list(*, application_ids: list[int], kind: str) -> dict[int, bool]:
    """Whether each application moved beyond the first stage of ``kind`` it reached: True when it moved from that
    stage to a later one (or was hired from it), False when it was rejected while at it. Applications that never
    reached such a stage, are still in it, withdrew from it or left it otherwise are absent. (The same reading of
    the stage history as ``recruitment.selectors.human_round_outcome_list``, for any kind of stage.)"""
    outcomes: dict[int, bool] = {}
    current: int | None = None
    stage: PipelineStage | None = None
    decided = False
    for move in stage_move_list(application_ids=application_ids):
        if move.application_id != current:
            current, stage, decided = move.application_id, None, False
        if decided:
            continue
        if stage is None:
            if move.to_stage is not None and move.to_stage.kind == kind:
                stage = move.to_stage
            continue
        if move.from_stage_id != stage.pk:
            continue
        if move.to_status == Application.Status.REJECTED:
            outcomes[move.application_id], decided = False, True
        elif move.to_status == Application.Status.HIRED or (
            move.to_stage is not None and move.to_stage.position > stage.position
        ):
            outcomes[move.application_id], decided = True, True
        elif move.to_status == Application.Status.WITHDRAWN:
            decided = True
        elif move.to_stage is not None and move.to_stage.pk != stage.pk:
            stage = None  # moved back: decided when it comes through again
    return outcomes


def offer_outcome_list(*, application_ids: list[int]) -> dict[int, bool]:
    """True for each application that reached an offer stage (or was hired); False for one rejected before it.
    Applications still in progress before the offer, or withdrawn before it, are absent: their outcome is unknown."""
    reached: set[int] = set()
    rejected: set[int] = set()
    final_stages = (PipelineStage.Kind.OFFER, PipelineStage.Kind.HIRED)
    for move in stage_move_list(application_ids=application_ids):
        if move.to_status == Application.Status.HIRED or (
            move.to_stage is not None and move.to_stage.kind in final_stages
        ):
            reached.add(move.application_id)
        elif move.to_status == Application.Status.REJECTED:
            rejected.add(move.application_id)
    return {**dict.fromkeys(rejected - reached, False), **dict.fromkeys(reached, True)}


def _pipeline_assessments(filters: FairnessFilters) -> list[_Assessment]:
    applications = _applications(filters)
    ids = sorted(applications)
    if filters.outcome == Outcome.OFFER:
        outcomes = offer_outcome_list(application_ids=ids)
    else:
        outcomes = stage_outcome_list(application_ids=ids, kind=filters.stage_kind)
    return [
        _Assessment(person_id=applications[pk][0], on=applications[pk][1], passed=selected, score=0.0)
        for pk, selected in sorted(outcomes.items())
    ]


def _outcome_label(filters: FairnessFilters) -> str:
    label = str(Outcome(filters.outcome).label)
    if filters.outcome == Outcome.ADVANCE:
        return f"{label}: {PipelineStage.Kind(filters.stage_kind).label}"
    return label


def _group_label(categories: tuple[SensitiveCategory, ...], group: tuple[str, ...]) -> str:
    return " × ".join(category.value_label(code) for category, code in zip(categories, group, strict=True))


def fairness_report_get(*, filters: FairnessFilters) -> FairnessReport:
    """The audit for ``filters``: every group's count, selections, rate, share, impact ratio and flags."""
    if not 1 <= len(filters.categories) <= 2:
        raise ValueError("A fairness report audits one category or the intersection of two.")
    if filters.outcome in (Outcome.ADVANCE, Outcome.OFFER):
        assessments = _pipeline_assessments(filters)
    else:
        assessments = _ai_assessments(filters)
    codes = [category.code for category in filters.categories]
    values = sensitive_values_by_person(
        person_ids=sorted({assessment.person_id for assessment in assessments}), category_codes=codes
    )
    if filters.outcome == Outcome.AI_SCORE:
        audit = scoring_rate_audit(
            [ScoredSubject(values.get(item.person_id, {}), item.score) for item in assessments],
            attributes=codes,
            exclude_small=filters.exclude_small,
        )
    else:
        audit = fairness_audit(
            [Subject(values.get(item.person_id, {}), item.passed) for item in assessments],
            attributes=codes,
            exclude_small=filters.exclude_small,
        )
    days = [item.on for item in assessments]
    return FairnessReport(
        filters=filters,
        audit=audit,
        rows=tuple(FairnessRow(_group_label(filters.categories, group.group), group) for group in audit.groups),
        generated_at=timezone.now(),
        data_from=min(days, default=None),
        data_to=max(days, default=None),
        outcome_label=_outcome_label(filters),
        category_label=" × ".join(category.label for category in filters.categories),
    )
