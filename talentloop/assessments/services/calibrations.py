"""Fitting the calibrations that map a scorer version's raw 0–100 score to the human 1–5 scale.

A scope (a question, or a dimension in a job profile) is calibrated once it has at least
``settings.TALENTLOOP_CALIBRATION_MIN_RATINGS`` human ratings of answers scored by that scorer version. It is refitted
in place whenever one of its ratings is recorded or changed (`rating_record` calls `calibrations_refit_for_rating`
explicitly, in the same transaction) and whenever a re-score batch gives one of its rated answers a new score
(`rescore_batch_process` calls `calibrations_refit_for_sessions`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from talentloop.assessments.models import AnswerScore, Calibration, HumanRating
from talentloop.assessments.rating_selectors import calibration_scope_ratings, rating_pairs
from talentloop.competencies.models import Dimension, JobProfile
from talentloop.interviews.models import Answer
from talentloop.questionbank.models import Question
from talentloop.scoring.calibration import IsotonicCalibration


@transaction.atomic
def calibration_fit(
    *,
    scorer_name: str,
    scorer_version: str,
    question: Question | None = None,
    job_profile: JobProfile | None = None,
    dimension: Dimension | None = None,
    now: datetime | None = None,
) -> Calibration | None:
    """Fit (or refit) the calibration of one scope for one scorer version, from every rating in the scope.

    The scope is ``question``, or ``job_profile`` with ``dimension``. Below the minimum number of ratings nothing is
    written and ``None`` is returned.
    """
    if (question is None) == (job_profile is None or dimension is None):
        raise ValueError("Give a question, or a job profile with a dimension.")
    ratings = calibration_scope_ratings(
        question_id=question.pk if question is not None else None,
        job_profile_id=job_profile.pk if job_profile is not None else None,
        dimension_id=dimension.pk if dimension is not None else None,
    )
    pairs = [
        pair
        for pair in rating_pairs(ratings=ratings)
        if pair.scorer_name == scorer_name and pair.scorer_version == scorer_version
    ]
    if len(pairs) < settings.TALENTLOOP_CALIBRATION_MIN_RATINGS:
        return None
    fitted = IsotonicCalibration().fit([pair.score for pair in pairs], [pair.level for pair in pairs])
    scope = Calibration.Scope.QUESTION if question is not None else Calibration.Scope.PROFILE_DIMENSION
    calibration, _ = Calibration.objects.update_or_create(
        scope=scope,
        question=question,
        job_profile=job_profile if question is None else None,
        dimension=dimension if question is None else None,
        scorer_name=scorer_name,
        scorer_version=scorer_version,
        defaults={
            "parameters": fitted.to_dict(),
            "rating_count": len(pairs),
            "fitted_at": now or timezone.now(),
        },
    )
    return calibration


def calibrations_refit_for_rating(*, answer: Answer, dimension: Dimension, now: datetime | None = None) -> None:
    """Refit the two scopes a rating of ``answer`` on ``dimension`` belongs to, for each scorer version that scored
    it."""
    job_profile = answer.session.invitation.template.job_profile
    scorers = (
        AnswerScore.objects.filter(answer=answer, dimension=dimension)
        .values_list("scorer_name", "scorer_version")
        .distinct()
        .order_by("scorer_name", "scorer_version")
    )
    for scorer_name, scorer_version in scorers:
        calibration_fit(scorer_name=scorer_name, scorer_version=scorer_version, question=answer.question, now=now)
        calibration_fit(
            scorer_name=scorer_name,
            scorer_version=scorer_version,
            job_profile=job_profile,
            dimension=dimension,
            now=now,
        )


def _scopes_refit(*, ratings: QuerySet[HumanRating], now: datetime | None) -> int:
    """Refit the question and profile-dimension scopes the given ratings belong to (each from all its ratings), for
    every scorer version that scored one of the rated answers; returns how many calibrations those scopes have."""
    rated = ratings.values_list(
        "answer__question_id", "answer__session__invitation__template__job_profile_id", "dimension_id"
    ).distinct()
    questions: set[int] = set()
    profile_dimensions: set[tuple[int, int]] = set()
    for question_id, job_profile_id, dimension_id in rated:
        questions.add(question_id)
        profile_dimensions.add((job_profile_id, dimension_id))
    scorers = sorted(
        set(
            AnswerScore.objects.filter(answer__human_ratings__in=ratings.values("pk")).values_list(
                "scorer_name", "scorer_version"
            )
        )
    )
    stored = 0
    for scorer_name, scorer_version in scorers:
        for question in Question.objects.filter(pk__in=questions).order_by("pk"):
            stored += (
                calibration_fit(scorer_name=scorer_name, scorer_version=scorer_version, question=question, now=now)
                is not None
            )
        profiles = JobProfile.objects.in_bulk({profile_id for profile_id, _ in profile_dimensions})
        dimensions = Dimension.objects.in_bulk({dimension_id for _, dimension_id in profile_dimensions})
        for job_profile_id, dimension_id in sorted(profile_dimensions):
            stored += (
                calibration_fit(
                    scorer_name=scorer_name,
                    scorer_version=scorer_version,
                    job_profile=profiles[job_profile_id],
                    dimension=dimensions[dimension_id],
                    now=now,
                )
                is not None
            )
    return stored


def calibrations_refit_all(*, now: datetime | None = None) -> int:
    """Refit every scope that has ratings, for every scorer version that scored a rated answer; returns how many
    calibrations are stored afterwards for those scopes.

    Ratings refit their scopes as they arrive and a re-score batch refits the scopes of the interviews it re-scored
    (`calibrations_refit_for_sessions`); this is for a changed ``TALENTLOOP_CALIBRATION_MIN_RATINGS``, or to repair.
    """
    return _scopes_refit(ratings=HumanRating.objects.all(), now=now)


def calibrations_refit_for_sessions(*, session_ids: Iterable[int], now: datetime | None = None) -> int:
    """Refit every scope a rated answer of these interviews belongs to, after re-scoring gave them new scores (a
    calibration is fitted on each rated answer's newest score, so the old fit no longer describes them). Each scope
    is refitted from all its ratings, in every interview; returns how many calibrations those scopes have."""
    return _scopes_refit(ratings=HumanRating.objects.filter(answer__session_id__in=list(session_ids)), now=now)
