"""Recording human ratings and refitting calibrations: validation, permissions, audit and the exact threshold."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command

from talentloop.assessments.models import Calibration, HumanRating
from talentloop.assessments.rating_errors import RatingErrorCode
from talentloop.assessments.services.calibrations import calibration_fit, calibrations_refit_all
from talentloop.assessments.services.ratings import rating_record
from talentloop.assessments.tests.rating_helpers import answer_of
from talentloop.competencies.models import Dimension
from talentloop.core.exceptions import ErrorCode, NotFound, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.interviews.models import InterviewSession
from talentloop.scoring.calibration import IsotonicCalibration

pytest_plugins = ["talentloop.assessments.tests.rating_fixtures"]


def needs() -> Dimension:
    return Dimension.objects.get(code="customer-needs")


def rating_events() -> list[tuple[str, dict[str, Any]]]:
    return list(
        AuditEvent.objects.filter(object_type="assessments.humanrating").order_by("pk").values_list("action", "changes")
    )


@pytest.mark.django_db
class TestRatingRecord:
    def test_a_first_rating_is_stored_and_audited(self, scored: InterviewSession, people: dict) -> None:
        # when
        rating = rating_record(
            rater=people["hr"], answer=answer_of(scored, 1), dimension=needs(), level=4, note=" 清楚 "
        )
        # then
        assert (rating.level, rating.note, rating.rater_id) == (4, "清楚", people["hr"].pk)
        assert HumanRating.objects.count() == 1
        assert rating_events() == [("create", {"level": [None, 4], "note_characters": [None, 2]})]

    def test_rating_again_updates_the_one_row_and_audits_old_and_new(
        self, scored: InterviewSession, people: dict
    ) -> None:
        answer = answer_of(scored, 1)
        first = rating_record(rater=people["hr"], answer=answer, dimension=needs(), level=4)
        # when
        second = rating_record(rater=people["hr"], answer=answer, dimension=needs(), level=2, note="重看后")
        unchanged = rating_record(rater=people["hr"], answer=answer, dimension=needs(), level=2, note="重看后")
        # then
        assert first.pk == second.pk == unchanged.pk
        assert list(HumanRating.objects.values_list("level", "note")) == [(2, "重看后")]
        assert rating_events() == [
            ("create", {"level": [None, 4], "note_characters": [None, 0]}),
            ("update", {"level": [4, 2], "note_characters": [0, 3]}),
        ]

    @pytest.mark.parametrize("level", [0, 6, -1, True, "3", 2.5, None])
    def test_a_level_outside_one_to_five_is_refused_and_nothing_written(
        self, scored: InterviewSession, people: dict, level: Any
    ) -> None:
        with pytest.raises(ValidationFailed) as raised:
            rating_record(rater=people["hr"], answer=answer_of(scored, 1), dimension=needs(), level=level)
        assert raised.value.code == RatingErrorCode.LEVEL_INVALID
        assert list(raised.value.fields) == ["level"]
        assert HumanRating.objects.count() == 0
        assert rating_events() == []

    def test_a_dimension_the_answer_was_not_scored_on_is_refused(self, scored: InterviewSession, people: dict) -> None:
        communication = Dimension.objects.get(code="communication")
        with pytest.raises(ValidationFailed) as raised:
            rating_record(rater=people["hr"], answer=answer_of(scored, 1), dimension=communication, level=3)
        assert raised.value.code == RatingErrorCode.DIMENSION_NOT_SCORED
        assert HumanRating.objects.count() == 0 and rating_events() == []

    def test_a_note_too_long_is_refused(self, scored: InterviewSession, people: dict) -> None:
        with pytest.raises(ValidationFailed) as raised:
            rating_record(rater=people["hr"], answer=answer_of(scored, 1), dimension=needs(), level=3, note="长" * 2001)
        assert raised.value.code == RatingErrorCode.NOTE_TOO_LONG
        assert HumanRating.objects.count() == 0 and rating_events() == []

    @pytest.mark.parametrize("rater", ["hr", "hr2", "interviewer", "sales_manager"])
    def test_staff_who_see_the_candidate_may_rate(self, scored: InterviewSession, people: dict, rater: str) -> None:
        rating_record(rater=people[rater], answer=answer_of(scored, 1), dimension=needs(), level=3)
        assert list(HumanRating.objects.values_list("rater_id", flat=True)) == [people[rater].pk]

    @pytest.mark.parametrize("rater", ["other_interviewer", "rnd_manager", "candidate", "nobody"])
    def test_anyone_else_is_told_not_found_and_nothing_written(
        self, scored: InterviewSession, people: dict, rater: str
    ) -> None:
        with pytest.raises(NotFound) as raised:
            rating_record(rater=people[rater], answer=answer_of(scored, 1), dimension=needs(), level=3)
        assert raised.value.code == ErrorCode.NOT_FOUND
        assert HumanRating.objects.count() == 0 and rating_events() == []


@pytest.mark.django_db
class TestCalibrationRefit:
    def test_a_scope_is_calibrated_exactly_at_the_minimum_number_of_ratings(
        self, scored: InterviewSession, people: dict, settings: Any
    ) -> None:
        # given four ratings needed; answers 1 (score 75) and 2 (score 25) share customer-needs in the profile
        settings.TALENTLOOP_CALIBRATION_MIN_RATINGS = 4
        one, two = answer_of(scored, 1), answer_of(scored, 2)
        rating_record(rater=people["hr"], answer=one, dimension=needs(), level=4)
        rating_record(rater=people["hr"], answer=two, dimension=needs(), level=2)
        rating_record(rater=people["hr2"], answer=one, dimension=needs(), level=5)
        # then three are not enough
        assert Calibration.objects.count() == 0
        # when the fourth arrives
        rating_record(rater=people["hr2"], answer=two, dimension=needs(), level=1)
        # then the dimension in the profile is calibrated (each question has only two ratings)
        calibration = Calibration.objects.get()
        assert (calibration.scope, calibration.job_profile_id, calibration.dimension_id, calibration.question_id) == (
            "profile_dimension",
            scored.invitation.template.job_profile_id,
            needs().pk,
            None,
        )
        assert (calibration.scorer_name, calibration.scorer_version, calibration.rating_count) == (
            "rubric_scorer",
            "v1",
            4,
        )
        assert calibration.parameters["thresholds_scores"] == [25.0, 75.0]
        assert calibration.parameters["thresholds_levels"] == [1.5, 4.5]
        # when a rating changes, the calibration is refitted in place
        rating_record(rater=people["hr2"], answer=two, dimension=needs(), level=3)
        calibration = Calibration.objects.get()
        assert calibration.parameters["thresholds_levels"] == [2.5, 4.5]
        assert IsotonicCalibration.from_dict(calibration.parameters).predict([50]) == [3.5]

    def test_calibration_fit_below_the_minimum_writes_nothing(self, scored: InterviewSession, people: dict) -> None:
        rating_record(rater=people["hr"], answer=answer_of(scored, 1), dimension=needs(), level=4)
        assert (
            calibration_fit(scorer_name="rubric_scorer", scorer_version="v1", question=answer_of(scored, 1).question)
            is None
        )
        assert Calibration.objects.count() == 0

    def test_a_question_scope_is_calibrated_too(self, scored: InterviewSession, people: dict, settings: Any) -> None:
        settings.TALENTLOOP_CALIBRATION_MIN_RATINGS = 2
        one = answer_of(scored, 1)
        rating_record(rater=people["hr"], answer=one, dimension=needs(), level=4)
        rating_record(rater=people["hr2"], answer=one, dimension=needs(), level=5)
        assert sorted(Calibration.objects.values_list("scope", "rating_count")) == [
            ("profile_dimension", 2),
            ("question", 2),
        ]


@pytest.mark.django_db
def test_a_second_tab_racing_the_first_rating_changes_it_instead_of_failing(
    scored: InterviewSession, people: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given the other tab's row lands between our lookup and our insert
    answer = answer_of(scored, 1)
    HumanRating.objects.create(answer=answer, dimension=needs(), rater=people["hr"], level=2)
    queryset_class = HumanRating.objects.none().__class__
    real_first = queryset_class.first
    monkeypatch.setattr(queryset_class, "first", lambda self: None if self.model is HumanRating else real_first(self))
    # when
    rating = rating_record(rater=people["hr"], answer=answer, dimension=needs(), level=5)
    monkeypatch.setattr(queryset_class, "first", real_first)
    # then one row, changed and audited as a change
    assert list(HumanRating.objects.values_list("pk", "level")) == [(rating.pk, 5)]
    assert rating_events() == [("update", {"level": [2, 5]})]


@pytest.mark.django_db
def test_refitting_everything_after_the_minimum_is_lowered(
    scored: InterviewSession, people: dict, settings: Any
) -> None:
    # given two ratings of answer 1 recorded while 20 were needed
    one = answer_of(scored, 1)
    rating_record(rater=people["hr"], answer=one, dimension=needs(), level=4)
    rating_record(rater=people["hr2"], answer=one, dimension=needs(), level=5)
    assert Calibration.objects.count() == 0
    # when the minimum drops to two and the command runs
    settings.TALENTLOOP_CALIBRATION_MIN_RATINGS = 2
    output = io.StringIO()
    call_command("calibrations_refit", stdout=output)
    # then both scopes are calibrated, and running it again changes nothing
    assert output.getvalue().strip() == "2 calibration(s) fitted."
    assert sorted(Calibration.objects.values_list("scope", "rating_count")) == [
        ("profile_dimension", 2),
        ("question", 2),
    ]
    assert calibrations_refit_all() == 2
    assert Calibration.objects.count() == 2
