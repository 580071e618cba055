"""Reads behind the analytics pages: the filter, the per-question analysis and the pass predictor's history.

Every figure is computed from stored records, on demand, for the filter HR chose (opening, department and its
subtree, period of interview submission). The statistics themselves live in `analytics.statistics` (pure).

- **Population.** Answers of submitted AI interviews that were answered or skipped. An interview belongs to an
  opening through the application whose invitation it is; with no opening or department filter, interviews sent
  without an application count too.
- **Scores.** An answer's score is the mean over its dimensions of the newest stored score (0–100) per answer ×
  dimension. The score histogram and the discrimination use answered questions only: skipped answers are counted in
  the skip rate, not as zeros.
- **Outcome.** "Passed the department interview" is the recruitment pipeline's `human_round_outcome_list`: the
  outcome of each application's first human-interview stage (absent while undecided).
"""

from __future__ import annotations

import datetime as dt
import math
import statistics as stats
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from talentloop.analytics.charts import HistogramBin
from talentloop.analytics.statistics.discrimination import (
    MINIMUM_PER_OUTCOME,
    Discrimination,
    DiscriminationVerdict,
    discrimination,
)
from talentloop.assessments.models import AnswerScore, SessionScore
from talentloop.core.exceptions import NotFound, ValidationFailed
from talentloop.interviews.models import Answer, InterviewSession
from talentloop.org.models import Department, Position
from talentloop.questionbank.models import Question, Rubric
from talentloop.recruitment.models import Application, Opening, PipelineStage, ScorecardRating, StageMove
from talentloop.recruitment.selectors import human_round_outcome_list
from talentloop.scoring.agreement import Agreement, agreement
from talentloop.scoring.calibration import fixed_level

#: Answer-time histogram: bins of this many seconds, the last one open-ended.
DURATION_BIN_SECONDS = 30
DURATION_BINS = 10
#: Score histogram: bins of this many points on the 0–100 scale (100 falls in the last bin).
SCORE_BIN_POINTS = 10


@dataclass(frozen=True)
class AnalyticsFilter:
    """What the analytics pages look at: one opening, one department (and below), a period of submission."""

    opening: Opening | None = None
    department: Department | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def query_string(self) -> str:
        """The filter as URL parameters, to carry it from one analytics page to the next."""
        parts = []
        if self.opening is not None:
            parts.append(f"opening={self.opening.pk}")
        if self.department is not None:
            parts.append(f"department={self.department.pk}")
        if self.date_from is not None:
            parts.append(f"from={self.date_from.isoformat()}")
        if self.date_to is not None:
            parts.append(f"to={self.date_to.isoformat()}")
        return "&".join(parts)


def _parse_id(value: str, field_name: str, errors: dict[str, list[str]]) -> int | None:
    try:
        number = int(value)
    except ValueError:
        errors[field_name] = [_("Choose one of the listed options.")]
        return None
    if number < 1:
        errors[field_name] = [_("Choose one of the listed options.")]
        return None
    return number


def _parse_date(value: str, field_name: str, errors: dict[str, list[str]]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        errors[field_name] = [_("Enter a date as YYYY-MM-DD.")]
        return None


def analytics_filter_parse(params: Mapping[str, str]) -> AnalyticsFilter:
    """The filter from request parameters ``opening``, ``department``, ``from`` and ``to`` (all optional).

    Raises `ValidationFailed` naming each bad field: an unknown opening or department, a date that is not
    YYYY-MM-DD, a period that ends before it starts.
    """
    errors: dict[str, list[str]] = {}
    opening = department = None
    date_from = date_to = None
    raw_opening = (params.get("opening") or "").strip()
    raw_department = (params.get("department") or "").strip()
    raw_from = (params.get("from") or "").strip()
    raw_to = (params.get("to") or "").strip()
    if raw_opening:
        opening_id = _parse_id(raw_opening, "opening", errors)
        if opening_id is not None:
            opening = Opening.objects.filter(pk=opening_id).first()
            if opening is None:
                errors["opening"] = [_("Choose one of the listed options.")]
    if raw_department:
        department_id = _parse_id(raw_department, "department", errors)
        if department_id is not None:
            department = Department.objects.filter(pk=department_id).first()
            if department is None:
                errors["department"] = [_("Choose one of the listed options.")]
    if raw_from:
        date_from = _parse_date(raw_from, "from", errors)
    if raw_to:
        date_to = _parse_date(raw_to, "to", errors)
    if date_from is not None and date_to is not None and date_to < date_from:
        errors["to"] = [_("The period ends before it starts.")]
    if errors:
        raise ValidationFailed(_("The analytics filter is not valid."), fields=errors)
    return AnalyticsFilter(opening=opening, department=department, date_from=date_from, date_to=date_to)


def analytics_filter_options() -> dict[str, Any]:
    """The openings and departments the filter form offers."""
    return {
        "openings": list(Opening.objects.order_by("title", "pk").only("pk", "title", "title_en")),
        "departments": list(Department.objects.order_by("path", "pk").only("pk", "name", "path")),
    }


def session_list_for_filter(analytics_filter: AnalyticsFilter) -> QuerySet[InterviewSession]:
    """Submitted AI interviews inside the filter."""
    sessions = InterviewSession.objects.filter(status=InterviewSession.Status.SUBMITTED)
    if analytics_filter.opening is not None:
        sessions = sessions.filter(invitation__application__opening=analytics_filter.opening)
    if analytics_filter.department is not None:
        sessions = sessions.filter(
            invitation__application__opening__department__path__startswith=analytics_filter.department.path
        )
    if analytics_filter.date_from is not None:
        sessions = sessions.filter(submitted_at__date__gte=analytics_filter.date_from)
    if analytics_filter.date_to is not None:
        sessions = sessions.filter(submitted_at__date__lte=analytics_filter.date_to)
    return sessions


def human_round_outcomes(*, application_ids: Iterable[int]) -> dict[int, bool]:
    """Whether each application passed its first human (department) interview; undecided ones are absent.

    The pipeline's `recruitment.selectors.human_round_outcome_list` decides (one place for the rule).
    """
    return human_round_outcome_list(application_ids=list(application_ids))


@dataclass(frozen=True)
class AnswerRow:
    """One answer as analytics reads it."""

    answer_id: int
    question_id: int
    application_id: int | None
    position_id: int | None
    skipped: bool
    retried: bool
    duration_seconds: float | None
    score: float | None


def _answer_rows(analytics_filter: AnalyticsFilter, *, question_id: int | None = None) -> list[AnswerRow]:
    """The filter's answers with their newest scores, in two queries."""
    answers = Answer.objects.filter(
        session__in=session_list_for_filter(analytics_filter).values("pk"),
        status__in=(Answer.Status.ANSWERED, Answer.Status.SKIPPED),
    )
    if question_id is not None:
        answers = answers.filter(question_id=question_id)
    values = list(
        answers.order_by("pk").values_list(
            "pk",
            "question_id",
            "session__invitation__application__pk",
            "session__invitation__template__job_profile__position_id",
            "status",
            "retries_used",
            "duration_seconds",
        )
    )
    newest: dict[tuple[int, int], float] = {}
    for answer_id, dimension_id, score in (
        AnswerScore.objects.filter(answer__in=answers.values("pk"))
        .order_by("created_at", "pk")
        .values_list("answer_id", "dimension_id", "score")
    ):
        newest[(answer_id, dimension_id)] = score
    by_answer: dict[int, list[float]] = defaultdict(list)
    for (answer_id, _dimension), score in sorted(newest.items()):
        by_answer[answer_id].append(score)
    rows = []
    for answer_id, question, application_id, position_id, status, retries, duration in values:
        scores = by_answer.get(answer_id)
        rows.append(
            AnswerRow(
                answer_id=answer_id,
                question_id=question,
                application_id=application_id,
                position_id=position_id,
                skipped=status == Answer.Status.SKIPPED,
                retried=retries > 0,
                duration_seconds=duration,
                score=math.fsum(scores) / len(scores) if scores else None,
            )
        )
    return rows


def duration_histogram(durations: Iterable[float]) -> list[HistogramBin]:
    """Answer times in 30-second bins (0–30 s, 30–60 s, …), the last bin open-ended (≥ 270 s)."""
    counts = [0] * DURATION_BINS
    for seconds in durations:
        counts[min(int(max(seconds, 0.0) // DURATION_BIN_SECONDS), DURATION_BINS - 1)] += 1
    bins = []
    for index, count in enumerate(counts):
        low = index * DURATION_BIN_SECONDS
        label = f"≥{low}" if index == DURATION_BINS - 1 else f"{low}–{low + DURATION_BIN_SECONDS}"
        bins.append(HistogramBin(label=label, count=count))
    return bins


def score_histogram(scores: Iterable[float]) -> list[HistogramBin]:
    """Scores in 10-point bins (0–10, …, 90–100; 100 is in the last bin)."""
    bin_count = 100 // SCORE_BIN_POINTS
    counts = [0] * bin_count
    for score in scores:
        counts[min(int(max(score, 0.0) // SCORE_BIN_POINTS), bin_count - 1)] += 1
    return [
        HistogramBin(label=f"{index * SCORE_BIN_POINTS}–{(index + 1) * SCORE_BIN_POINTS}", count=count)
        for index, count in enumerate(counts)
    ]


@dataclass(frozen=True)
class QuestionAnalysis:
    """One question's figures under the filter."""

    question: Question
    answers: int
    answered: int
    skipped: int
    retried: int
    skip_rate: float | None
    retry_rate: float | None
    median_duration_seconds: float | None
    mean_score: float | None
    duration_bins: list[HistogramBin]
    score_bins: list[HistogramBin]
    discrimination: Discrimination
    generic: bool
    generic_for_specialised: bool
    specialised_positions: list[str] = field(default_factory=list)

    @property
    def does_not_discriminate(self) -> bool:
        return self.discrimination.verdict == DiscriminationVerdict.DOES_NOT_DISCRIMINATE

    @property
    def too_few(self) -> bool:
        return self.discrimination.verdict == DiscriminationVerdict.TOO_FEW

    @property
    def flagged(self) -> bool:
        """A candidate for rewriting: it does not separate, or it is generic where role-specific ones exist."""
        return self.does_not_discriminate or self.generic_for_specialised


def _specialised_dimensions_by_position(position_ids: set[int]) -> dict[int, set[int]]:
    """Per position: the dimensions on which an active question written for that position has a current rubric."""
    result: dict[int, set[int]] = defaultdict(set)
    if not position_ids:
        return result
    for position_id, dimension_id in Rubric.objects.filter(
        is_current=True, question__is_active=True, question__positions__in=position_ids
    ).values_list("question__positions", "dimension_id"):
        if position_id in position_ids:
            result[position_id].add(dimension_id)
    return result


def question_analysis_list(
    analytics_filter: AnalyticsFilter, *, question_id: int | None = None
) -> list[QuestionAnalysis]:
    """Per question asked under the filter: counts, rates, histograms, discrimination and the rewrite flags.

    ``generic_for_specialised``: the question is generic (written for no position) and was asked for a position
    that has active role-specific questions on one of this question's dimensions, which the template could have
    used instead (templates prefer role-specific questions: `interviews.services.templates.template_generate`).
    Ordered with flagged questions first, then by code.
    """
    rows = _answer_rows(analytics_filter, question_id=question_id)
    by_question: dict[int, list[AnswerRow]] = defaultdict(list)
    for row in rows:
        by_question[row.question_id].append(row)
    questions = Question.objects.filter(pk__in=by_question).prefetch_related("positions")
    questions_by_id = {question.pk: question for question in questions}
    dimensions_by_question: dict[int, set[int]] = defaultdict(set)
    for rubric_question_id, dimension_id in Rubric.objects.filter(
        question__in=by_question, is_current=True
    ).values_list("question_id", "dimension_id"):
        dimensions_by_question[rubric_question_id].add(dimension_id)
    outcomes = human_round_outcomes(
        application_ids=sorted({row.application_id for row in rows if row.application_id is not None})
    )
    asked_positions = {row.position_id for row in rows if row.position_id is not None}
    specialised = _specialised_dimensions_by_position(asked_positions)
    position_titles = dict(Position.objects.filter(pk__in=asked_positions).values_list("pk", "title"))
    result = []
    for question_key, question_rows in by_question.items():
        question = questions_by_id[question_key]
        answered_rows = [row for row in question_rows if not row.skipped]
        durations = [row.duration_seconds for row in answered_rows if row.duration_seconds is not None]
        scores = [row.score for row in answered_rows if row.score is not None]
        pairs = [
            (row.score, outcomes[row.application_id])
            for row in answered_rows
            if row.score is not None and row.application_id in outcomes
        ]
        generic = not question.positions.all()
        flagged_positions = sorted(
            {
                position_titles.get(row.position_id, "")
                for row in question_rows
                if generic
                and row.position_id is not None
                and specialised.get(row.position_id, set()) & dimensions_by_question[question_key]
            }
        )
        total = len(question_rows)
        skipped = total - len(answered_rows)
        retried = sum(1 for row in question_rows if row.retried)
        result.append(
            QuestionAnalysis(
                question=question,
                answers=total,
                answered=len(answered_rows),
                skipped=skipped,
                retried=retried,
                skip_rate=skipped / total if total else None,
                retry_rate=retried / total if total else None,
                median_duration_seconds=stats.median(durations) if durations else None,
                mean_score=math.fsum(scores) / len(scores) if scores else None,
                duration_bins=duration_histogram(durations),
                score_bins=score_histogram(scores),
                discrimination=discrimination([score for score, _ in pairs], [outcome for _, outcome in pairs]),
                generic=generic,
                generic_for_specialised=bool(flagged_positions),
                specialised_positions=flagged_positions,
            )
        )
    result.sort(key=lambda item: (not item.flagged, item.question.code))
    return result


def question_analysis_get(analytics_filter: AnalyticsFilter, *, question_id: int) -> QuestionAnalysis:
    """One question's analysis; not found when it does not exist or was not asked under the filter."""
    found = question_analysis_list(analytics_filter, question_id=question_id)
    if not found:
        if Question.objects.filter(pk=question_id).exists():
            raise NotFound(_("This question was not asked in the interviews the filter selects."))
        raise NotFound(_("Question not found."))
    return found[0]


def application_list_for_filter(analytics_filter: AnalyticsFilter) -> QuerySet[Application]:
    """Applications inside the filter: the opening, the department and below, applied within the period."""
    applications = Application.objects.all()
    if analytics_filter.opening is not None:
        applications = applications.filter(opening=analytics_filter.opening)
    if analytics_filter.department is not None:
        applications = applications.filter(opening__department__path__startswith=analytics_filter.department.path)
    if analytics_filter.date_from is not None:
        applications = applications.filter(created_at__date__gte=analytics_filter.date_from)
    if analytics_filter.date_to is not None:
        applications = applications.filter(created_at__date__lte=analytics_filter.date_to)
    return applications


@dataclass(frozen=True)
class FunnelStage:
    """One kind of stage across the filter's openings: how many applications reached it, how many are there now,
    the share of those who reached the previous stage, and the median days spent in it by those who left it."""

    kind: str
    label: str
    reached: int
    current: int
    conversion: float | None
    median_days: float | None
    left: int


@dataclass(frozen=True)
class Funnel:
    applications: int
    stages: list[FunnelStage]
    rejected: int
    withdrawn: int
    hired: int


def funnel(analytics_filter: AnalyticsFilter) -> Funnel:
    """The hiring funnel by stage kind (screening → … → hired), from the applications' stage moves.

    An application reached a stage kind when it was ever moved into or out of (or now sits in) a stage of that
    kind. Days in a
    stage run from entering it to the next move out of it (a move to another stage, a rejection, a withdrawal or a
    hire); applications still in the stage are counted in ``current``, not in the median. Three queries.
    """
    applications = list(application_list_for_filter(analytics_filter).values_list("pk", "stage__kind", "status"))
    ids = [pk for pk, _kind, _status in applications]
    reached: dict[str, set[int]] = defaultdict(set)
    current: dict[str, int] = defaultdict(int)
    for pk, kind, status in applications:
        if kind:
            reached[kind].add(pk)
            if status == Application.Status.ACTIVE:
                current[kind] += 1
    durations: dict[str, list[float]] = defaultdict(list)
    entered_at: dict[int, tuple[str, Any]] = {}
    moves = (
        StageMove.objects.filter(application_id__in=ids)
        .order_by("application_id", "moved_at", "pk")
        .values_list("application_id", "from_stage__kind", "to_stage__kind", "moved_at", "to_status")
    )
    for application_id, from_kind, to_kind, moved_at, to_status in moves:
        if from_kind:
            reached[from_kind].add(application_id)
        previous = entered_at.pop(application_id, None)
        if previous is not None:
            durations[previous[0]].append((moved_at - previous[1]).total_seconds() / 86400)
        if to_kind and to_status in (Application.Status.ACTIVE, Application.Status.HIRED):
            reached[to_kind].add(application_id)
            entered_at[application_id] = (to_kind, moved_at)
    stages = []
    previous_reached: int | None = None
    for kind, label in PipelineStage.Kind.choices:
        count = len(reached[kind])
        stages.append(
            FunnelStage(
                kind=kind,
                label=str(label),
                reached=count,
                current=current[kind],
                conversion=count / previous_reached if previous_reached else None,
                median_days=round(stats.median(durations[kind]), 1) if durations[kind] else None,
                left=len(durations[kind]),
            )
        )
        previous_reached = count
    statuses = [status for _pk, _kind, status in applications]
    return Funnel(
        applications=len(applications),
        stages=stages,
        rejected=statuses.count(Application.Status.REJECTED),
        withdrawn=statuses.count(Application.Status.WITHDRAWN),
        hired=statuses.count(Application.Status.HIRED),
    )


@dataclass(frozen=True)
class DimensionAgreement:
    dimension: str
    agreement: Agreement


@dataclass(frozen=True)
class AiHumanAgreement:
    overall: Agreement
    dimensions: list[DimensionAgreement]


def ai_human_agreement(analytics_filter: AnalyticsFilter) -> AiHumanAgreement:
    """How the AI interview's dimension scores agree with the later human scorecards, per dimension.

    Each submitted scorecard rating (1–5) of an application in the filter is paired with the same dimension's score
    in the current score version of the application's AI interview, put on the 1–5 scale by the fixed line
    1 + 4 × score / 100 (`scoring.calibration.fixed_level`); statistics from `scoring.agreement` (Pearson, Spearman,
    quadratic weighted kappa on whole levels, mean absolute error). Three queries.
    """
    applications = application_list_for_filter(analytics_filter)
    ratings = list(
        ScorecardRating.objects.filter(
            scorecard__application__in=applications.values("pk"), scorecard__submitted_at__isnull=False
        )
        .order_by("scorecard__application_id", "scorecard_id", "dimension__code")
        .values_list("scorecard__application__invitation__session", "dimension__code", "dimension__name", "rating")
    )
    session_ids = {session_id for session_id, *_ in ratings if session_id is not None}
    current: dict[int, dict[str, Any]] = {}
    for session_id, dimensions in (
        SessionScore.objects.filter(session_id__in=session_ids)
        .order_by("version", "pk")
        .values_list("session_id", "dimensions")
    ):
        current[session_id] = dimensions
    pairs: dict[tuple[str, str], tuple[list[float], list[float]]] = {}
    all_ai: list[float] = []
    all_human: list[float] = []
    for session_id, code, name, rating in ratings:
        dimension = current.get(session_id, {}).get(code) if session_id is not None else None
        if not dimension:
            continue
        level = fixed_level(float(dimension["score"]))
        ai, human = pairs.setdefault((code, name), ([], []))
        ai.append(level)
        human.append(float(rating))
        all_ai.append(level)
        all_human.append(float(rating))
    return AiHumanAgreement(
        overall=agreement(all_ai, all_human),
        dimensions=[
            DimensionAgreement(dimension=name, agreement=agreement(ai, human))
            for (_code, name), (ai, human) in sorted(pairs.items())
        ],
    )


__all__ = [
    "MINIMUM_PER_OUTCOME",
    "AnalyticsFilter",
    "QuestionAnalysis",
    "analytics_filter_parse",
    "question_analysis_get",
    "question_analysis_list",
]
