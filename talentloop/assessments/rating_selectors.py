"""Reading human ratings and calibrations, and the AI–human agreement statistics built from them.

How the AI's 0–100 score meets the human 1–5 level: the newest stored score of the same answer on the same dimension
is mapped to the level scale by the calibration that covers it — the question's if it has one, otherwise the
dimension's in the interview's job profile — and, where neither exists yet, by the fixed documented line
`talentloop.scoring.calibration.fixed_level` (0 → 1, 50 → 3, 100 → 5). Kappa compares whole levels, so the mapped
AI level is rounded half up for it. A calibration is fitted on the very ratings it is then compared with, so the
calibrated agreement is an in-sample figure: read it as "how well a monotone map can fit", not as a forecast.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import get_language

from talentloop.assessments.models import AnswerScore, Calibration, HumanRating
from talentloop.competencies.models import Dimension, JobProfile, LevelAnchor
from talentloop.interviews.models import Answer, InterviewSession
from talentloop.questionbank.models import Question
from talentloop.scoring.agreement import Agreement, agreement
from talentloop.scoring.calibration import IsotonicCalibration, fixed_level


@dataclass(frozen=True)
class RatingPair:
    """One human rating next to the AI score it judges."""

    rating_id: int
    answer_id: int
    dimension_id: int
    rater_id: int
    level: int
    score: float
    scorer_name: str
    scorer_version: str
    question_id: int
    job_profile_id: int


def _newest_scores(answer_dimension_keys: Iterable[tuple[int, int]]) -> dict[tuple[int, int], AnswerScore]:
    """The newest stored score per (answer id, dimension id), in one query."""
    keys = set(answer_dimension_keys)
    if not keys:
        return {}
    answer_ids = {answer_id for answer_id, _ in keys}
    newest: dict[tuple[int, int], AnswerScore] = {}
    for score in (
        AnswerScore.objects.filter(answer_id__in=answer_ids)
        .order_by("created_at", "pk")
        .only("answer_id", "dimension_id", "score", "scorer_name", "scorer_version", "created_at")
    ):
        newest[(score.answer_id, score.dimension_id)] = score
    return {key: value for key, value in newest.items() if key in keys}


def rating_pairs(*, ratings: QuerySet[HumanRating]) -> list[RatingPair]:
    """Each rating with the newest AI score of its answer on its dimension (ratings without one are left out)."""
    rows = list(
        ratings.values_list(
            "pk",
            "answer_id",
            "dimension_id",
            "rater_id",
            "level",
            "answer__question_id",
            "answer__session__invitation__template__job_profile_id",
        ).order_by("pk")
    )
    scores = _newest_scores((row[1], row[2]) for row in rows)
    pairs = []
    for rating_id, answer_id, dimension_id, rater_id, level, question_id, job_profile_id in rows:
        score = scores.get((answer_id, dimension_id))
        if score is None:
            continue
        pairs.append(
            RatingPair(
                rating_id=rating_id,
                answer_id=answer_id,
                dimension_id=dimension_id,
                rater_id=rater_id,
                level=level,
                score=score.score,
                scorer_name=score.scorer_name,
                scorer_version=score.scorer_version,
                question_id=question_id,
                job_profile_id=job_profile_id,
            )
        )
    return pairs


def calibration_scope_ratings(
    *, question_id: int | None = None, job_profile_id: int | None = None, dimension_id: int | None = None
) -> QuerySet[HumanRating]:
    """The ratings a scope is fitted on: every rating of the question's answers, or of the dimension in the profile."""
    if question_id is not None:
        return HumanRating.objects.filter(answer__question_id=question_id)
    if job_profile_id is None or dimension_id is None:
        raise ValueError("Give a question, or a job profile with a dimension.")
    return HumanRating.objects.filter(
        dimension_id=dimension_id, answer__session__invitation__template__job_profile_id=job_profile_id
    )


class CalibrationIndex:
    """Every stored calibration, loaded once, answering "which calibration covers this score?"."""

    def __init__(self, calibrations: Iterable[Calibration]) -> None:
        self.by_question: dict[tuple[int, str, str], Calibration] = {}
        self.by_profile_dimension: dict[tuple[int, int, str, str], Calibration] = {}
        self._fitted: dict[int, IsotonicCalibration] = {}
        for calibration in calibrations:
            if calibration.scope == Calibration.Scope.QUESTION and calibration.question_id is not None:
                key = (calibration.question_id, calibration.scorer_name, calibration.scorer_version)
                self.by_question[key] = calibration
            elif calibration.job_profile_id is not None and calibration.dimension_id is not None:
                self.by_profile_dimension[
                    (
                        calibration.job_profile_id,
                        calibration.dimension_id,
                        calibration.scorer_name,
                        calibration.scorer_version,
                    )
                ] = calibration

    def covering(
        self, *, question_id: int, job_profile_id: int, dimension_id: int, scorer_name: str, scorer_version: str
    ) -> Calibration | None:
        """The question's calibration if there is one, else the dimension's in the job profile, else None."""
        return self.by_question.get((question_id, scorer_name, scorer_version)) or self.by_profile_dimension.get(
            (job_profile_id, dimension_id, scorer_name, scorer_version)
        )

    def level(self, calibration: Calibration | None, score: float) -> float:
        """The AI score on the 1–5 scale: calibrated when a calibration is given, else the fixed line."""
        if calibration is None:
            return fixed_level(score)
        if calibration.pk not in self._fitted:
            self._fitted[calibration.pk] = IsotonicCalibration.from_dict(calibration.parameters)
        return self._fitted[calibration.pk].predict_one(score)


def calibration_index_get() -> CalibrationIndex:
    return CalibrationIndex(Calibration.objects.all())


# --- the session page -------------------------------------------------------------------------------------------


@dataclass
class RatingCell:
    """One answer on one dimension on the session page: the AI score, its 1–5 reading and the human ratings."""

    answer: Answer
    dimension: Dimension
    score: AnswerScore
    calibrated_level: float | None
    calibration: Calibration | None
    anchors: list[LevelAnchor]
    ratings: list[HumanRating] = field(default_factory=list)
    own_rating: HumanRating | None = None

    @property
    def anchor_by_level(self) -> dict[int, str]:
        """Each anchored level's description, in English when the page is in English and one is written."""
        english = (get_language() or "").startswith("en")
        return {
            anchor.level: (anchor.description_en if english and anchor.description_en else anchor.description)
            for anchor in self.anchors
        }

    @property
    def key(self) -> str:
        """Names the cell in the page: element ids and the form's field ids."""
        return f"rating-{self.answer.pk}-{self.dimension.pk}"


def session_rating_cells(*, session: InterviewSession, user: Any) -> list[RatingCell]:
    """Every scored answer × dimension of the interview, in question order, with ratings and calibrated levels.

    A fixed number of queries whatever the number of answers, dimensions and raters.
    """
    scores = list(
        AnswerScore.objects.filter(answer__session=session)
        .select_related("answer__question", "dimension")
        .order_by("answer__order", "dimension__code", "created_at", "pk")
    )
    newest: dict[tuple[int, int], AnswerScore] = {}
    for score in scores:
        newest[(score.answer_id, score.dimension_id)] = score
    if not newest:
        return []
    dimension_ids = {dimension_id for _, dimension_id in newest}
    anchors: dict[int, list[LevelAnchor]] = defaultdict(list)
    for anchor in LevelAnchor.objects.filter(dimension_id__in=dimension_ids).order_by("dimension_id", "level"):
        anchors[anchor.dimension_id].append(anchor)
    ratings: dict[tuple[int, int], list[HumanRating]] = defaultdict(list)
    for rating in (
        HumanRating.objects.filter(answer__session=session).select_related("rater").order_by("created_at", "pk")
    ):
        ratings[(rating.answer_id, rating.dimension_id)].append(rating)
    job_profile_id = session.invitation.template.job_profile_id
    question_ids = {score.answer.question_id for score in newest.values()}
    index = CalibrationIndex(
        Calibration.objects.filter(
            Q(scope=Calibration.Scope.QUESTION, question_id__in=question_ids)
            | Q(
                scope=Calibration.Scope.PROFILE_DIMENSION, job_profile_id=job_profile_id, dimension_id__in=dimension_ids
            )
        )
    )
    cells = []
    for (answer_id, dimension_id), score in newest.items():
        calibration = index.covering(
            question_id=score.answer.question_id,
            job_profile_id=job_profile_id,
            dimension_id=dimension_id,
            scorer_name=score.scorer_name,
            scorer_version=score.scorer_version,
        )
        cell_ratings = ratings.get((answer_id, dimension_id), [])
        cells.append(
            RatingCell(
                answer=score.answer,
                dimension=score.dimension,
                score=score,
                calibrated_level=index.level(calibration, score.score) if calibration is not None else None,
                calibration=calibration,
                anchors=anchors.get(dimension_id, []),
                ratings=cell_ratings,
                own_rating=next((rating for rating in cell_ratings if rating.rater_id == user.pk), None),
            )
        )
    return cells


def rating_cell_get(*, answer: Answer, dimension: Dimension, user: Any) -> RatingCell | None:
    """One cell of the session page (what the rating form re-renders after a save)."""
    for cell in session_rating_cells(session=answer.session, user=user):
        if cell.answer.pk == answer.pk and cell.dimension.pk == dimension.pk:
            return cell
    return None


def answer_rating_list(*, answer: Answer) -> list[HumanRating]:
    """Every rating of the answer, per dimension, oldest first."""
    return list(
        HumanRating.objects.filter(answer=answer)
        .select_related("dimension", "rater")
        .order_by("dimension__code", "created_at", "pk")
    )


# --- the agreement page -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgreementRow:
    """The statistics for one question or one dimension in a job profile."""

    label: str
    ai_human: Agreement
    human_human: Agreement
    rating_count: int
    calibration: Calibration | None
    calibrated_pairs: int


def _human_pairs(pairs: list[RatingPair]) -> tuple[list[int], list[int]]:
    """Every two people who rated the same answer on the same dimension, as one pair (lower rater id first)."""
    by_cell: dict[tuple[int, int], list[RatingPair]] = defaultdict(list)
    for pair in pairs:
        by_cell[(pair.answer_id, pair.dimension_id)].append(pair)
    first: list[int] = []
    second: list[int] = []
    for cell in by_cell.values():
        for one, other in combinations(sorted(cell, key=lambda pair: pair.rater_id), 2):
            first.append(one.level)
            second.append(other.level)
    return first, second


def _row(
    *, label: str, pairs: list[RatingPair], index: CalibrationIndex, calibration: Calibration | None
) -> AgreementRow:
    ai_levels: list[float] = []
    human_levels: list[float] = []
    calibrated = 0
    for pair in pairs:
        covering = index.covering(
            question_id=pair.question_id,
            job_profile_id=pair.job_profile_id,
            dimension_id=pair.dimension_id,
            scorer_name=pair.scorer_name,
            scorer_version=pair.scorer_version,
        )
        calibrated += covering is not None
        ai_levels.append(index.level(covering, pair.score))
        human_levels.append(float(pair.level))
    human_first, human_second = _human_pairs(pairs)
    return AgreementRow(
        label=label,
        ai_human=agreement(ai_levels, human_levels),
        human_human=agreement(human_first, human_second),
        rating_count=len(pairs),
        calibration=calibration,
        calibrated_pairs=calibrated,
    )


@dataclass(frozen=True)
class AgreementTables:
    by_question: list[AgreementRow]
    by_dimension: list[AgreementRow]
    overall: AgreementRow | None


def agreement_tables_get() -> AgreementTables:
    """AI–human and human–human agreement per question and per dimension in each job profile, in six queries."""
    pairs = rating_pairs(ratings=HumanRating.objects.all())
    index = calibration_index_get()
    by_question: dict[int, list[RatingPair]] = defaultdict(list)
    by_dimension: dict[tuple[int, int], list[RatingPair]] = defaultdict(list)
    for pair in pairs:
        by_question[pair.question_id].append(pair)
        by_dimension[(pair.job_profile_id, pair.dimension_id)].append(pair)
    questions = {
        pk: f"{code} · {text}"
        for pk, code, text in Question.objects.filter(pk__in=by_question).values_list("pk", "code", "text")
    }
    dimensions = dict(Dimension.objects.filter(pk__in={key[1] for key in by_dimension}).values_list("pk", "name"))
    profiles = dict(
        JobProfile.objects.filter(pk__in={key[0] for key in by_dimension}).values_list("pk", "position__title")
    )
    question_calibrations = {key[0]: calibration for key, calibration in index.by_question.items()}
    dimension_calibrations = {key[:2]: calibration for key, calibration in index.by_profile_dimension.items()}
    question_rows = [
        _row(label=questions[question_id], pairs=rows, index=index, calibration=question_calibrations.get(question_id))
        for question_id, rows in by_question.items()
    ]
    dimension_rows = [
        _row(
            label=f"{dimensions[dimension_id]} · {profiles[profile_id]}",
            pairs=rows,
            index=index,
            calibration=dimension_calibrations.get((profile_id, dimension_id)),
        )
        for (profile_id, dimension_id), rows in by_dimension.items()
    ]
    return AgreementTables(
        by_question=sorted(question_rows, key=lambda row: row.label),
        by_dimension=sorted(dimension_rows, key=lambda row: row.label),
        overall=_row(label="", pairs=pairs, index=index, calibration=None) if pairs else None,
    )
