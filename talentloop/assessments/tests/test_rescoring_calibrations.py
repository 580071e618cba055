"""A re-score batch refits the calibrations covering the rated answers it gave new scores, and the session page then
shows the calibrated level, read from the refitted calibration, next to the new raw score."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from talentloop.assessments.models import AnswerScore, Calibration, RescoreBatch
from talentloop.assessments.selectors import RescoreSelection
from talentloop.assessments.services.ratings import rating_record
from talentloop.assessments.services.rescoring import rescore_batch_create, rescore_batch_process
from talentloop.assessments.tests.rating_helpers import answer_of
from talentloop.assessments.tests.test_scores import REVISED_KEY_POINTS, rubrics_save
from talentloop.competencies.models import Dimension
from talentloop.core.models import AuditEvent
from talentloop.interviews.models import InterviewSession

pytest_plugins = ["talentloop.assessments.tests.rating_fixtures"]


def needs() -> Dimension:
    return Dimension.objects.get(code="customer-needs")


def calibration_rows() -> list[tuple[str, int, list[float], list[float]]]:
    return [
        (c.scope, c.rating_count, c.parameters["thresholds_scores"], c.parameters["thresholds_levels"])
        for c in Calibration.objects.order_by("scope")
    ]


def batch_audit() -> dict[str, Any]:
    event = AuditEvent.objects.filter(object_type="assessments.rescorebatch", action="update").get()
    return event.changes


@pytest.fixture
def calibrated(scored: InterviewSession, people: dict, settings: Any) -> InterviewSession:
    """Answer 1 (score 75 on customer-needs) rated 4 and 5 by two people: its question and its dimension in the
    profile are calibrated (two ratings needed here)."""
    settings.TALENTLOOP_CALIBRATION_MIN_RATINGS = 2
    one = answer_of(scored, 1)
    rating_record(rater=people["hr"], answer=one, dimension=needs(), level=4)
    rating_record(rater=people["hr2"], answer=one, dimension=needs(), level=5)
    assert calibration_rows() == [("profile_dimension", 2, [75.0], [4.5]), ("question", 2, [75.0], [4.5])]
    return scored


def newest_score(session: InterviewSession, order: int) -> AnswerScore:
    return AnswerScore.objects.filter(answer=answer_of(session, order), dimension=needs()).latest("created_at", "pk")


@pytest.mark.django_db
class TestRescoreRefitsCalibrations:
    def test_a_batch_that_rescores_a_rated_answer_refits_its_calibrations_in_place(
        self, calibrated: InterviewSession, people: dict
    ) -> None:
        # given HR revises the rubrics, so re-scoring gives answer 1 a new score
        rubrics_save(REVISED_KEY_POINTS)
        before = set(Calibration.objects.values_list("pk", flat=True))
        batch = rescore_batch_create(actor=people["hr"], selection=RescoreSelection(session_ids=(calibrated.pk,)))
        # when
        processed = rescore_batch_process(batch_id=batch.pk)
        # then the batch re-scored the interview
        assert processed is not None
        assert (processed.status, processed.rescored) == (RescoreBatch.Status.FINISHED, 1)
        new_score = newest_score(calibrated, 1).score
        assert new_score != 75.0
        # and both calibrations were refitted in place on the new score, when the batch finished
        assert set(Calibration.objects.values_list("pk", flat=True)) == before
        assert calibration_rows() == [
            ("profile_dimension", 2, [new_score], [4.5]),
            ("question", 2, [new_score], [4.5]),
        ]
        assert {calibration.fitted_at for calibration in Calibration.objects.all()} == {processed.finished_at}
        assert batch_audit()["calibrations_refitted"] == 2

    def test_the_session_page_shows_the_calibrated_level_next_to_the_new_raw_score(
        self, calibrated: InterviewSession, people: dict
    ) -> None:
        # given
        rubrics_save(REVISED_KEY_POINTS)
        batch = rescore_batch_create(actor=people["hr"], selection=RescoreSelection(session_ids=(calibrated.pk,)))
        rescore_batch_process(batch_id=batch.pk)
        client = Client(headers={"Accept-Language": "en"})
        client.force_login(people["hr"])
        # when
        content = client.get(reverse("console:interview_session", args=[calibrated.pk])).content.decode()
        # then answer 1's cell shows the new raw score and, next to it, the calibrated level on two ratings
        key = f"rating-{answer_of(calibrated, 1).pk}-{needs().pk}"
        cell = content[content.index(f'id="{key}"') :]
        cell = cell[: cell.index("</form>")]
        raw = f"{newest_score(calibrated, 1).score}"
        assert re.search(
            rf"AI score: <strong>{re.escape(raw)}</strong> / 100\s*· calibrated level "
            r'<strong class="calibrated-level">4\.50</strong> / 5',
            cell,
        )
        assert "calibrated on 2 ratings" in cell
        # and the answers nobody rated on a calibrated scope are still read on the fixed line
        assert content.count('class="calibrated-level"') == 2  # answers 1 and 2 share customer-needs in the profile
        assert content.count("not calibrated yet") == 1  # answer 3, communication

    def test_a_batch_that_changes_no_score_refits_nothing(self, calibrated: InterviewSession, people: dict) -> None:
        # given the rubrics are as they were when the interview was scored
        fitted = sorted(Calibration.objects.values_list("pk", "fitted_at"))
        batch = rescore_batch_create(actor=people["hr"], selection=RescoreSelection(session_ids=(calibrated.pk,)))
        # when
        processed = rescore_batch_process(batch_id=batch.pk)
        # then
        assert processed is not None
        assert (processed.rescored, processed.unchanged) == (0, 1)
        assert sorted(Calibration.objects.values_list("pk", "fitted_at")) == fitted
        assert batch_audit()["calibrations_refitted"] == 0
