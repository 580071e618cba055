"""The analytics reads on hand-made history: filter validation, histograms, rates, discrimination and flags."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from talentloop.analytics.interview_selectors import (
    AnalyticsFilter,
    ai_human_agreement,
    analytics_filter_parse,
    duration_histogram,
    funnel,
    question_analysis_get,
    question_analysis_list,
    score_histogram,
)
from talentloop.analytics.statistics.discrimination import DiscriminationVerdict
from talentloop.analytics.tests.builders import SUBMITTED, Reply, generic_question_add, interview_add, outcome_record
from talentloop.competencies.models import Dimension
from talentloop.core.exceptions import NotFound, ValidationFailed
from talentloop.questionbank.models import Question
from talentloop.recruitment.models import Scorecard, ScorecardRating
from talentloop.recruitment.tests.fixtures import RecruitmentWorld


def test_filter_parses_every_field(recruitment: RecruitmentWorld) -> None:
    opening = recruitment.internal
    parsed = analytics_filter_parse(
        {"opening": str(opening.pk), "department": str(opening.department_id), "from": "2026-10-01", "to": "2026-10-31"}
    )
    assert parsed.opening == opening
    assert parsed.department == opening.department
    assert (parsed.date_from, parsed.date_to) == (date(2026, 10, 1), date(2026, 10, 31))
    assert parsed.query_string() == (
        f"opening={opening.pk}&department={opening.department_id}&from=2026-10-01&to=2026-10-31"
    )
    assert analytics_filter_parse({}) == AnalyticsFilter()


def test_filter_names_every_bad_field(db: None) -> None:
    with pytest.raises(ValidationFailed) as caught:
        analytics_filter_parse({"opening": "999", "department": "x", "from": "2026-13-01", "to": "yesterday"})
    assert sorted(caught.value.fields) == ["department", "from", "opening", "to"]


def test_filter_refuses_a_period_that_ends_before_it_starts(db: None) -> None:
    with pytest.raises(ValidationFailed) as caught:
        analytics_filter_parse({"from": "2026-10-02", "to": "2026-10-01"})
    assert list(caught.value.fields) == ["to"]


def test_histograms_bin_edges() -> None:
    durations = [0, 29.9, 30, 269.9, 270, 1000]
    assert [item.count for item in duration_histogram(durations)] == [2, 1, 0, 0, 0, 0, 0, 0, 1, 2]
    assert duration_histogram([])[9].label == "≥270"
    assert [item.count for item in score_histogram([0, 9.99, 10, 55, 100])] == [2, 1, 0, 0, 0, 1, 0, 0, 0, 1]
    assert score_histogram([])[0].label == "0–10"


def test_question_analysis_counts_rates_and_histograms(recruitment: RecruitmentWorld, hr: Any) -> None:
    opening = recruitment.internal
    specific = Question.objects.get(code="q-sales")
    generic = generic_question_add(hr=hr, opening=opening)
    for duration, generic_reply in (
        (10.0, Reply(generic, duration=20, score=30)),
        (45.0, Reply(generic, skipped=True, score=None)),
        (70.0, Reply(generic, duration=95, score=90, retries=1)),
        (400.0, Reply(generic, skipped=True, retries=1)),
    ):
        interview_add(opening=opening, replies=[Reply(specific, duration=duration, score=duration / 5), generic_reply])

    by_code = {item.question.code: item for item in question_analysis_list(AnalyticsFilter())}

    specific_row = by_code["q-sales"]
    assert (specific_row.answers, specific_row.answered, specific_row.skipped, specific_row.retried) == (4, 4, 0, 0)
    assert [item.count for item in specific_row.duration_bins] == [1, 1, 1, 0, 0, 0, 0, 0, 0, 1]
    assert [item.count for item in specific_row.score_bins] == [2, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    assert specific_row.median_duration_seconds == 57.5
    assert specific_row.mean_score == 26.25  # (2 + 9 + 14 + 80) / 4
    assert specific_row.generic is False and specific_row.flagged is False

    generic_row = by_code["q-generic"]
    assert (generic_row.answers, generic_row.answered, generic_row.skipped, generic_row.retried) == (4, 2, 2, 2)
    assert generic_row.skip_rate == 0.5
    assert generic_row.retry_rate == 0.5
    assert [item.count for item in generic_row.duration_bins] == [1, 0, 0, 1, 0, 0, 0, 0, 0, 0]
    assert [item.count for item in generic_row.score_bins] == [0, 0, 0, 1, 0, 0, 0, 0, 0, 1]
    # Generic, asked for Sales Representative where q-sales covers the same dimension: flagged, listed first.
    assert generic_row.generic_for_specialised is True
    assert generic_row.specialised_positions == [opening.position.title]
    assert [item.question.code for item in question_analysis_list(AnalyticsFilter())] == ["q-generic", "q-sales"]
    assert generic_row.discrimination.verdict == DiscriminationVerdict.TOO_FEW
    assert generic_row.discrimination.examples == 0


def test_filter_narrows_by_opening_department_and_period(recruitment: RecruitmentWorld) -> None:
    sales_question = Question.objects.get(code="q-sales")
    backend_question = Question.objects.get(code="q-backend")
    interview_add(opening=recruitment.internal, replies=[Reply(sales_question)])
    interview_add(
        opening=recruitment.external, replies=[Reply(backend_question)], submitted_at=SUBMITTED + timedelta(days=40)
    )

    def codes(**kwargs: Any) -> list[str]:
        return [item.question.code for item in question_analysis_list(AnalyticsFilter(**kwargs))]

    assert codes() == ["q-backend", "q-sales"]
    assert codes(opening=recruitment.external) == ["q-backend"]
    assert codes(department=recruitment.internal.department) == ["q-sales"]
    assert codes(date_from=(SUBMITTED + timedelta(days=1)).date()) == ["q-backend"]
    assert codes(date_to=SUBMITTED.date()) == ["q-sales"]


def test_discrimination_of_a_question_that_separates_and_one_that_does_not(
    recruitment: RecruitmentWorld, hr: Any
) -> None:
    opening = recruitment.internal
    specific = Question.objects.get(code="q-sales")
    generic = generic_question_add(hr=hr, opening=opening)
    for index in range(24):
        passed = index % 2 == 0
        application = interview_add(
            opening=opening,
            replies=[Reply(specific, score=80 if passed else 40), Reply(generic, score=50)],
        )
        if index < 22:  # two are still waiting for their department interview
            outcome_record(application, passed=passed)

    specific_row = question_analysis_get(AnalyticsFilter(), question_id=specific.pk)
    assert (specific_row.discrimination.passed, specific_row.discrimination.not_passed) == (11, 11)
    assert specific_row.discrimination.area_under_curve.auc == 1.0
    assert specific_row.discrimination.point_biserial.r == 1.0
    assert specific_row.discrimination.verdict == DiscriminationVerdict.DISCRIMINATES
    assert specific_row.flagged is False

    generic_row = question_analysis_get(AnalyticsFilter(), question_id=generic.pk)
    assert generic_row.discrimination.area_under_curve.auc == 0.5
    assert generic_row.discrimination.point_biserial.r is None  # a constant score
    assert generic_row.does_not_discriminate is True
    assert generic_row.flagged is True


def test_question_analysis_get_of_an_unasked_question_is_not_found(recruitment: RecruitmentWorld) -> None:
    question = Question.objects.get(code="q-sales")
    with pytest.raises(NotFound):
        question_analysis_get(AnalyticsFilter(), question_id=question.pk)
    with pytest.raises(NotFound):
        question_analysis_get(AnalyticsFilter(), question_id=question.pk + 1000)


def test_funnel_counts_stages_conversion_and_days(recruitment: RecruitmentWorld) -> None:
    question = Question.objects.get(code="q-sales")
    opening = recruitment.internal
    for passed in (True, True, False):
        outcome_record(interview_add(opening=opening, replies=[Reply(question)]), passed=passed)
    interview_add(opening=opening, replies=[Reply(question)])  # still at the AI interview

    result = funnel(AnalyticsFilter(opening=opening))

    rows = {
        stage.kind: (stage.reached, stage.current, stage.conversion, stage.median_days, stage.left)
        for stage in result.stages
    }
    assert rows == {
        "screening": (0, 0, None, None, 0),
        "ai_interview": (4, 1, None, None, 0),
        "human_interview": (3, 0, 0.75, 3.0, 3),
        "background_check": (2, 2, 2 / 3, None, 0),
        "offer": (0, 0, 0.0, None, 0),
        "hired": (0, 0, None, None, 0),
    }
    assert (result.applications, result.rejected, result.withdrawn, result.hired) == (4, 1, 0, 0)
    assert funnel(AnalyticsFilter(opening=recruitment.external)).applications == 0


def test_ai_human_agreement_pairs_scorecard_ratings_with_ai_dimension_scores(
    recruitment: RecruitmentWorld, hr: Any
) -> None:
    question = Question.objects.get(code="q-sales")
    opening = recruitment.internal
    dimension = Dimension.objects.get(code="problem-solving")
    human = opening.stages.get(kind="human_interview")
    for score, rating, submitted in ((0, 1, True), (50, 3, True), (100, 5, True), (100, 1, False)):
        application = interview_add(opening=opening, replies=[Reply(question, score=score)])
        scorecard = Scorecard.objects.create(
            application=application,
            stage=human,
            interviewer=hr,
            recommendation=Scorecard.Recommendation.YES,
            submitted_at=SUBMITTED if submitted else None,
        )
        ScorecardRating.objects.create(scorecard=scorecard, dimension=dimension, rating=rating)

    result = ai_human_agreement(AnalyticsFilter())

    assert [row.dimension for row in result.dimensions] == ["问题解决"]
    only = result.dimensions[0].agreement
    assert (only.n, only.pearson, only.quadratic_weighted_kappa, only.mean_absolute_error) == (3, 1.0, 1.0, 0.0)
    assert result.overall.n == 3
