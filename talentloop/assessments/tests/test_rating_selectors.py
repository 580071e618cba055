"""Agreement statistics and the session page's rating cells, on hand-made data worked out on paper."""

from __future__ import annotations

from typing import Any

import pytest

from talentloop.assessments.models import HumanRating
from talentloop.assessments.rating_selectors import (
    agreement_tables_get,
    answer_rating_list,
    session_rating_cells,
)
from talentloop.assessments.services.ratings import rating_record
from talentloop.assessments.tests.rating_helpers import answer_of
from talentloop.competencies.models import Dimension
from talentloop.interviews.models import InterviewSession
from talentloop.scoring.agreement import Agreement

pytest_plugins = ["talentloop.assessments.tests.rating_fixtures"]


def rate_four(session: InterviewSession, people: dict) -> None:
    """hr: answer 1 → 4, answer 2 → 2; hr2: answer 1 → 5, answer 2 → 1 (all on customer-needs)."""
    needs = Dimension.objects.get(code="customer-needs")
    one, two = answer_of(session, 1), answer_of(session, 2)
    rating_record(rater=people["hr"], answer=one, dimension=needs, level=4)
    rating_record(rater=people["hr"], answer=two, dimension=needs, level=2)
    rating_record(rater=people["hr2"], answer=one, dimension=needs, level=5, note="很好")
    rating_record(rater=people["hr2"], answer=two, dimension=needs, level=1)


@pytest.mark.django_db
class TestAgreementTables:
    def test_exact_statistics_with_the_fixed_mapping(self, scored: InterviewSession, people: dict) -> None:
        # given AI levels 4 (score 75) and 2 (score 25) on the fixed line, rated (4, 5) and (2, 1)
        rate_four(scored, people)
        # when
        tables = agreement_tables_get()
        # then per dimension in the profile: AI [4, 2, 4, 2] against humans [4, 2, 5, 1]
        (dimension_row,) = tables.by_dimension
        assert dimension_row.label == "customer-needs · 销售代表"
        assert dimension_row.rating_count == 4 and dimension_row.calibration is None
        assert dimension_row.calibrated_pairs == 0
        ai = dimension_row.ai_human
        assert ai.n == 4
        assert ai.pearson == pytest.approx(6 / 40**0.5, abs=1e-12)
        assert ai.spearman == pytest.approx(4 / 20**0.5, abs=1e-12)
        assert ai.quadratic_weighted_kappa == pytest.approx(6 / 7, abs=1e-12)
        assert ai.mean_absolute_error == 0.5
        # the two people agree on order (r = 1), differ by one level each time
        human = dimension_row.human_human
        assert (human.n, human.pearson, human.mean_absolute_error) == (2, 1.0, 1.0)
        assert human.quadratic_weighted_kappa == pytest.approx(0.8, abs=1e-12)
        # per question: one answer each, so the AI is constant and correlations are undefined
        assert [row.label for row in tables.by_question] == ["q1 · 问题1", "q2 · 问题2"]
        assert tables.by_question[0].ai_human == Agreement(
            n=2, pearson=None, spearman=None, quadratic_weighted_kappa=0.0, mean_absolute_error=0.5
        )
        assert tables.by_question[0].human_human == Agreement(
            n=1, pearson=None, spearman=None, quadratic_weighted_kappa=None, mean_absolute_error=1.0
        )
        assert tables.overall is not None and tables.overall.ai_human == ai

    def test_calibrated_levels_replace_the_fixed_line_once_a_calibration_exists(
        self, scored: InterviewSession, people: dict, settings: Any
    ) -> None:
        # given a calibration fitted on the four ratings: 25 → 1.5, 75 → 4.5
        settings.TALENTLOOP_CALIBRATION_MIN_RATINGS = 4
        rate_four(scored, people)
        # when
        (dimension_row,) = agreement_tables_get().by_dimension
        # then every pair is read through it: |4.5-4| + |1.5-2| + |4.5-5| + |1.5-1| = 2
        assert dimension_row.calibration is not None and dimension_row.calibrated_pairs == 4
        assert dimension_row.ai_human.mean_absolute_error == 0.5
        assert dimension_row.ai_human.pearson == pytest.approx(6 / 40**0.5, abs=1e-12)

    def test_no_ratings_no_rows(self, scored: InterviewSession) -> None:
        tables = agreement_tables_get()
        assert (tables.by_question, tables.by_dimension, tables.overall) == ([], [], None)

    def test_query_count_does_not_grow_with_ratings(
        self, scored: InterviewSession, people: dict, django_assert_num_queries: Any
    ) -> None:
        rate_four(scored, people)
        rating_record(
            rater=people["hr3"],
            answer=answer_of(scored, 3),
            dimension=Dimension.objects.get(code="communication"),
            level=3,
        )
        with django_assert_num_queries(6):
            agreement_tables_get()


@pytest.mark.django_db
class TestSessionRatingCells:
    def test_cells_show_scores_ratings_own_rating_and_calibrated_level(
        self, scored: InterviewSession, people: dict, settings: Any, django_assert_num_queries: Any
    ) -> None:
        settings.TALENTLOOP_CALIBRATION_MIN_RATINGS = 4
        rate_four(scored, people)
        with django_assert_num_queries(4):  # scores, anchors, ratings, calibrations
            cells = session_rating_cells(session=scored, user=people["hr2"])
        assert [
            (
                cell.answer.order,
                cell.dimension.code,
                cell.score.score,
                cell.calibrated_level,
                [(rating.rater.username, rating.level) for rating in cell.ratings],
                cell.own_rating.level if cell.own_rating else None,
            )
            for cell in cells
        ] == [
            (1, "customer-needs", 75.0, 4.5, [("hr-user", 4), ("hr2", 5)], 5),
            (2, "customer-needs", 25.0, 1.5, [("hr-user", 2), ("hr2", 1)], 1),
            (3, "communication", 50.0, None, [], None),
        ]
        assert cells[0].anchor_by_level == {1: "只描述个人努力", 3: "识别部分需求", 5: "系统识别并验证需求"}

    def test_answer_rating_list(self, scored: InterviewSession, people: dict) -> None:
        rate_four(scored, people)
        ratings = answer_rating_list(answer=answer_of(scored, 1))
        assert [(rating.rater.username, rating.level, rating.note) for rating in ratings] == [
            ("hr-user", 4, ""),
            ("hr2", 5, "很好"),
        ]
        assert HumanRating.objects.count() == 4
