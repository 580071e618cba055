"""The pass predictor on the company's own history: building the history, fitting, and advice per application.

History: every application under the filter whose AI interview was submitted and scored and whose first human
(department) interview has an outcome. Its features (named as `analytics.prediction` expects):

- ``ai:overall``: the interview's current overall score (weighted by the job profile), on the 1–5 scale;
- ``dimension:<name>``: the interview's current dimension scores, put on the 1–5 level scale by the fixed line
  1 + 4 × score / 100 (`scoring.calibration.fixed_level`), the scale the job profile's required levels use;
- ``delivery:skip_share``, ``delivery:retry_share``, ``delivery:time_share``: the share of questions skipped, the
  share retried, and the mean answer time as a share of each question's expected answer time;
- ``resume:<feature>``: structured résumé features, when a provider supplies them for every row:
  ``resume_feature_values`` reads them from the careers site's résumés (years of experience; highest degree as
  1 associate … 4 doctorate). A history where some applicants sent no résumé simply leaves them out.

A feature is used only when every example has it: across roles that measure different dimensions only the shared
ones (and the overall score) remain, so filtering by one opening gives the dimension-level model and its advice.
Advice is given for active applications now at a human-interview stage with a scored interview (the people the
next human round will see), and is never acted on by TalentLoop.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from talentloop.analytics.interview_selectors import AnalyticsFilter, human_round_outcomes, session_list_for_filter
from talentloop.analytics.prediction import (
    DIMENSION_PREFIX,
    Advice,
    InsufficientHistoryError,
    PassPredictor,
    RefusalReason,
    Validation,
    feature_matrix,
)
from talentloop.assessments.models import SessionScore
from talentloop.competencies.models import JobProfileDimension
from talentloop.interviews.models import Answer
from talentloop.recruitment.models import Application, PipelineStage
from talentloop.recruitment.resume_text import DEGREES
from talentloop.recruitment.selectors import resume_features_list
from talentloop.scoring.calibration import fixed_level

#: The AI interview's overall score on the 1–5 scale: every role has it, so a history across roles has a score.
OVERALL_FEATURE = "ai:overall"
DELIVERY_FEATURES = ("delivery:skip_share", "delivery:retry_share", "delivery:time_share")
RESUME_PREFIX = "resume:"
#: How many applications awaiting their human round the page advises on (newest interviews first).
ADVICE_LIMIT = 50

ResumeFeatures = Callable[[list[int]], Mapping[int, Mapping[str, float]]]


def resume_feature_values(application_ids: list[int]) -> dict[int, dict[str, float]]:
    """The résumé features of these applications as numbers (the ``resume_features`` provider of the console):
    ``years_of_experience`` as stated or computed, ``highest_degree`` as its rank (1 associate … 4 doctorate).
    A feature the résumé does not give is absent for that application."""
    values: dict[int, dict[str, float]] = {}
    for application_id, features in resume_features_list(application_ids=application_ids).items():
        row: dict[str, float] = {}
        if features.years_of_experience is not None:
            row["years_of_experience"] = float(features.years_of_experience)
        if features.highest_degree in DEGREES:
            row["highest_degree"] = float(DEGREES.index(features.highest_degree) + 1)
        values[application_id] = row
    return values


@dataclass(frozen=True)
class ApplicationFeatures:
    application: Application
    features: dict[str, float]


@dataclass(frozen=True)
class PredictionHistory:
    """The examples the predictor learns from, and the applications still waiting for their human round."""

    feature_names: tuple[str, ...]
    examples: list[ApplicationFeatures]
    outcomes: list[bool]
    awaiting: list[ApplicationFeatures]


@dataclass(frozen=True)
class ApplicationAdvice:
    application: Application
    advice: Advice


@dataclass(frozen=True)
class PredictionReport:
    """Either the refusal (with its numbers) or the validation and the advice per waiting application."""

    history: PredictionHistory
    refusal: InsufficientHistoryError | None
    validation: Validation | None
    advice: list[ApplicationAdvice]


def _application_features(
    analytics_filter: AnalyticsFilter, resume_features: ResumeFeatures | None
) -> list[ApplicationFeatures]:
    applications = list(
        Application.objects.filter(
            invitation__session__in=session_list_for_filter(analytics_filter).values("pk"),
        )
        .exclude(status=Application.Status.WITHDRAWN)
        .select_related("person", "opening", "opening__job_profile", "invitation__session", "stage")
        .order_by("-invitation__session__submitted_at", "-pk")
    )
    session_ids = [application.invitation.session.pk for application in applications]  # type: ignore[union-attr]
    current: dict[int, SessionScore] = {}
    for version in SessionScore.objects.filter(session_id__in=session_ids).order_by("version", "pk"):
        current[version.session_id] = version
    delivery: dict[int, list[tuple[str, int, float | None, int]]] = defaultdict(list)
    for session_id, status, retries, duration, expected in Answer.objects.filter(
        session_id__in=session_ids, status__in=(Answer.Status.ANSWERED, Answer.Status.SKIPPED)
    ).values_list("session_id", "status", "retries_used", "duration_seconds", "expected_answer_seconds"):
        delivery[session_id].append((status, retries, duration, expected))
    resume = resume_features([application.pk for application in applications]) if resume_features else {}
    result = []
    for application in applications:
        session_id = application.invitation.session.pk  # type: ignore[union-attr]
        score = current.get(session_id)
        answers = delivery.get(session_id, [])
        if score is None or not answers:
            continue
        features: dict[str, float] = {OVERALL_FEATURE: round(fixed_level(float(score.overall)), 4)}
        for dimension in score.dimensions.values():
            features[f"{DIMENSION_PREFIX}{dimension['name']}"] = round(fixed_level(float(dimension["score"])), 4)
        answered = [(duration, expected) for status, _, duration, expected in answers if status == "answered"]
        features["delivery:skip_share"] = (len(answers) - len(answered)) / len(answers)
        features["delivery:retry_share"] = sum(1 for _, retries, _, _ in answers if retries > 0) / len(answers)
        shares = [duration / expected for duration, expected in answered if duration is not None and expected]
        features["delivery:time_share"] = round(math.fsum(shares) / len(shares), 4) if shares else 0.0
        for name, value in resume.get(application.pk, {}).items():
            features[f"{RESUME_PREFIX}{name}"] = float(value)
        result.append(ApplicationFeatures(application=application, features=features))
    return result


def prediction_history_get(
    analytics_filter: AnalyticsFilter, *, resume_features: ResumeFeatures | None = None
) -> PredictionHistory:
    """The history (applications with a human-round outcome) and the waiting applications, with their features."""
    rows = _application_features(analytics_filter, resume_features)
    outcomes = human_round_outcomes(application_ids=[row.application.pk for row in rows])
    examples = [row for row in rows if row.application.pk in outcomes]
    awaiting = [
        row
        for row in rows
        if row.application.pk not in outcomes
        and row.application.status == Application.Status.ACTIVE
        and row.application.stage is not None
        and row.application.stage.kind == PipelineStage.Kind.HUMAN_INTERVIEW
    ][:ADVICE_LIMIT]
    if examples:
        shared = set(examples[0].features)
        for row in examples[1:]:
            shared &= set(row.features)
        feature_names = tuple(sorted(shared))
    else:
        feature_names = ()
    awaiting = [row for row in awaiting if set(feature_names) <= set(row.features)]
    return PredictionHistory(
        feature_names=feature_names,
        examples=examples,
        outcomes=[outcomes[row.application.pk] for row in examples],
        awaiting=awaiting,
    )


def _role_levels(application: Application) -> dict[str, float]:
    if application.opening.job_profile is None:
        return {}
    return {
        requirement.dimension.name: float(requirement.required_level)
        for requirement in JobProfileDimension.objects.filter(profile=application.opening.job_profile).select_related(
            "dimension"
        )
    }


def prediction_report_get(
    analytics_filter: AnalyticsFilter,
    *,
    resume_features: ResumeFeatures | None = None,
    random_state: int = 0,
) -> PredictionReport:
    """Fit the pass predictor on the filter's history; its validation and advice, or its refusal with the counts."""
    history = prediction_history_get(analytics_filter, resume_features=resume_features)
    passed = sum(1 for outcome in history.outcomes if outcome)
    predictor = PassPredictor(feature_names=history.feature_names, random_state=random_state)
    if not history.examples:
        # Every example carries the delivery features, so no features means no history: refuse with the counts.
        refusal = InsufficientHistoryError(
            reason=RefusalReason.TOO_FEW_EXAMPLES,
            examples=len(history.examples),
            passed=passed,
            not_passed=len(history.examples) - passed,
            minimum_examples=predictor.minimum_examples,
            minimum_per_outcome=predictor.minimum_per_outcome,
        )
        return PredictionReport(history=history, refusal=refusal, validation=None, advice=[])
    matrix = feature_matrix([row.features for row in history.examples], history.feature_names)
    try:
        predictor.fit(matrix, history.outcomes)
    except InsufficientHistoryError as error:
        return PredictionReport(history=history, refusal=error, validation=None, advice=[])
    levels_by_profile: dict[int | None, dict[str, float]] = {}
    advice = []
    for row in history.awaiting:
        profile_id = row.application.opening.job_profile_id
        if profile_id not in levels_by_profile:
            levels_by_profile[profile_id] = _role_levels(row.application)
        vector = feature_matrix([row.features], history.feature_names)[0]
        advice.append(
            ApplicationAdvice(
                application=row.application,
                advice=predictor.advise(vector, role_levels=levels_by_profile[profile_id]),
            )
        )
    return PredictionReport(history=history, refusal=None, validation=predictor.validation_, advice=advice)
