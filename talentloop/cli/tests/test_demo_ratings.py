"""The demo's human ratings: recorded through the ratings service, enough to calibrate, and safe to load again."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from talentloop.accounts.models import User
from talentloop.assessments.models import AnswerScore, Calibration, HumanRating
from talentloop.assessments.rating_selectors import agreement_tables_get
from talentloop.assessments.services.ratings import rating_record
from talentloop.cli import demo_ratings
from talentloop.cli.demo import DEMO_PASSWORD, demo_load
from talentloop.cli.demo_ratings import demo_ratings_load
from talentloop.core.exceptions import ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.scoring.calibration import fixed_level

pytestmark = pytest.mark.django_db


def _snapshot() -> dict[str, Any]:
    return {
        "ratings": sorted(HumanRating.objects.values_list("answer_id", "dimension_id", "rater_id", "level", "note")),
        "calibrations": sorted(
            Calibration.objects.values_list("scope", "question_id", "job_profile_id", "dimension_id", "rating_count")
        ),
        "fitted_at": sorted(Calibration.objects.values_list("pk", "fitted_at")),
        "audit_events": AuditEvent.objects.count(),
    }


def test_the_demo_staff_rate_every_scored_answer_through_the_ratings_service() -> None:
    # when
    demo_load()

    # then: 198 ratings by the five staff who may see the interviews
    per_rater = Counter(HumanRating.objects.values_list("rater__username", flat=True))
    assert dict(per_rater) == {
        "sales.manager": 39,  # every sales answer on every dimension
        "hr": 66,  # sales: customer needs, communication and the first question; production: everything
        "hradmin": 21,  # the first sales question, and risk control in production
        "rnd.manager": 36,  # every backend answer
        "interviewer": 36,  # every backend answer (assigned to the three backend candidates)
    }
    # and every scored answer × dimension has at least one rating, none an unscored one
    scored = set(AnswerScore.objects.values_list("answer_id", "dimension_id"))
    assert set(HumanRating.objects.values_list("answer_id", "dimension_id")) == scored
    assert len(scored) == 114
    # and each was audited as created by its rater, the note by its length only
    events = AuditEvent.objects.filter(object_type="assessments.humanrating")
    assert events.count() == 198
    assert set(events.values_list("action", flat=True)) == {AuditEvent.Action.CREATE}
    assert sorted(events.values_list("actor__username", flat=True)) == sorted(per_rater.elements())
    assert sum(1 for rating in HumanRating.objects.all() if rating.note) == 19
    # and the scopes rated by two or three people reached the minimum of 20 and were calibrated
    calibrations = sorted(
        (
            calibration.scope,
            calibration.question.code if calibration.question else calibration.dimension.code,  # type: ignore[union-attr]
            calibration.job_profile.position.code if calibration.job_profile else "",
            calibration.rating_count,
        )
        for calibration in Calibration.objects.select_related("question", "dimension", "job_profile__position")
    )
    assert calibrations == [
        ("profile_dimension", "communication", "sales-rep", 27),
        ("profile_dimension", "customer-needs", "sales-rep", 27),
        ("profile_dimension", "problem-solving", "backend-engineer", 24),
        ("profile_dimension", "professional-skill", "backend-engineer", 24),
        ("profile_dimension", "risk-control", "production-supervisor", 24),
        ("question", "sales-persuade-customer", "", 27),
    ]


def test_the_ratings_are_close_to_the_ai_but_not_a_copy_and_people_sometimes_differ() -> None:
    # given
    demo_load()
    newest = {(score.answer_id, score.dimension_id): score.score for score in AnswerScore.objects.all()}

    # when: each rating against the AI score on the fixed 1–5 line
    gaps = Counter(
        round(abs(rating.level - fixed_level(newest[(rating.answer_id, rating.dimension_id)])))
        for rating in HumanRating.objects.all()
    )
    tables = agreement_tables_get()

    # then most ratings are within a level of the AI, a few disagree by two levels or more
    assert dict(gaps) == {0: 107, 1: 71, 2: 19, 3: 1}
    # and two people rated 93 answer × dimension pairs, mostly agreeing
    assert tables.overall is not None
    assert (tables.overall.ai_human.n, tables.overall.human_human.n) == (198, 93)
    assert tables.overall.human_human.mean_absolute_error == pytest.approx(24 / 93)
    assert tables.overall.ai_human.pearson == pytest.approx(0.8875, abs=5e-4)


def test_loading_the_ratings_again_changes_nothing_and_keeps_what_staff_changed() -> None:
    # given the demo, and HR changing one of their demo ratings in the console
    summary = demo_load()
    hr = User.objects.get(username="hr")
    changed = HumanRating.objects.filter(rater=hr).order_by("pk").first()
    assert changed is not None
    rating_record(rater=hr, answer=changed.answer, dimension=changed.dimension, level=6 - changed.level, note="改了")
    first = _snapshot()

    # when
    result = demo_ratings_load(completed=summary.completed_interviews)
    demo_load()

    # then
    assert (result.created, result.kept) == (0, 198)
    assert _snapshot() == first
    changed.refresh_from_db()
    assert changed.note == "改了"


def test_a_demo_file_naming_an_unknown_rater_is_refused_before_anything_is_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given the demo, and a ratings file with a new rating by someone who does not exist
    summary = demo_load()
    document = demo_ratings.demo_ratings_document()
    document["interviews"][0]["ratings"][0]["levels"] = {"hr": 1, "nobody": 3}
    monkeypatch.setattr(demo_ratings, "demo_ratings_document", lambda: document)
    before = _snapshot()

    # when
    with pytest.raises(ValidationFailed) as raised:
        demo_ratings_load(completed=summary.completed_interviews)

    # then
    assert raised.value.message == "Demo content ratings.json names unknown raters: nobody."
    assert _snapshot() == before


def test_the_ratings_file_rates_only_demo_interviews_and_levels_from_1_to_5() -> None:
    document = json.loads(demo_ratings.demo_content_bytes("ratings.json"))
    levels = [
        level for entry in document["interviews"] for rating in entry["ratings"] for level in rating["levels"].values()
    ]
    assert len(levels) == 198
    assert set(levels) == {1, 2, 3, 4, 5}
    assert len(document["interviews"]) == 9


def test_hr_sees_the_calibrated_level_next_to_the_ai_score_on_a_demo_interview() -> None:
    # given
    summary = demo_load()
    (session,) = [
        interview.session
        for interview in summary.completed_interviews
        if interview.candidate.person.email == "xu.wen@example.com"
    ]
    client = Client()
    client.post(reverse("accounts:login"), {"username": "hr", "password": DEMO_PASSWORD})

    # when
    url = reverse("console:interview_session", kwargs={"session_id": session.pk})
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")

    # then: 9 of the 13 answer × dimension cells are covered by a calibration, 4 (negotiation outside the first
    # question, problem solving) are not yet
    text = page.content.decode()
    assert page.status_code == 200
    assert text.count('class="calibrated-level"') == 9
    assert text.count("calibrated on 27 ratings") == 9
    assert text.count("not calibrated yet") == 4
