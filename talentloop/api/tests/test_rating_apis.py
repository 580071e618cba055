"""The ratings API: record and list ratings of an answer, read the agreement statistics; same rules as the console."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from talentloop.assessments.models import HumanRating
from talentloop.assessments.tests.rating_helpers import answer_of
from talentloop.core.models import AuditEvent
from talentloop.interviews.models import InterviewSession

pytest_plugins = ["talentloop.assessments.tests.rating_fixtures"]


def api_for(user: Any) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def ratings_url(session: InterviewSession, order: int = 1) -> str:
    return reverse("api-v1:answer-rating-list", args=[answer_of(session, order).pk])


def nothing_written() -> bool:
    return (
        HumanRating.objects.count() == 0
        and not AuditEvent.objects.filter(object_type="assessments.humanrating").exists()
    )


@pytest.mark.django_db
class TestAnswerRatings:
    def test_record_then_change_then_list(self, scored: InterviewSession, people: dict) -> None:
        client = api_for(people["hr"])
        # when
        first = client.post(
            ratings_url(scored), {"dimension": "customer-needs", "level": 4, "note": "好"}, format="json"
        )
        second = client.post(ratings_url(scored), {"dimension": "customer-needs", "level": 3}, format="json")
        listed = client.get(ratings_url(scored))
        # then
        assert first.status_code == 200 and second.status_code == 200
        assert first.json()["id"] == second.json()["id"]
        body = listed.json()
        assert [(row["dimension"], row["rater_name"], row["level"], row["note"]) for row in body] == [
            ("customer-needs", "hr-user", 3, "")
        ]
        assert list(
            AuditEvent.objects.filter(object_type="assessments.humanrating")
            .order_by("pk")
            .values_list("action", "channel")
        ) == [("create", "api"), ("update", "api")]

    @pytest.mark.parametrize(
        ("data", "code", "field"),
        [
            ({"dimension": "customer-needs", "level": 9}, "rating_level_invalid", "level"),
            ({"dimension": "customer-needs", "level": 0}, "rating_level_invalid", "level"),
            ({"dimension": "communication", "level": 3}, "rating_dimension_not_scored", "dimension"),
            ({"dimension": "no-such-dimension", "level": 3}, "rating_dimension_not_scored", "dimension"),
            ({"dimension": "customer-needs", "level": "high"}, "validation_error", "level"),
            ({"level": 3}, "validation_error", "dimension"),
        ],
    )
    def test_bad_input_gets_its_code_and_nothing_is_written(
        self, scored: InterviewSession, people: dict, data: dict, code: str, field: str
    ) -> None:
        response = api_for(people["hr"]).post(ratings_url(scored), data, format="json")
        assert response.status_code == 400
        assert response.json()["error"]["code"] == code
        assert list(response.json()["error"]["fields"]) == [field]
        assert nothing_written()

    @pytest.mark.parametrize(
        ("persona", "status"),
        [
            ("hr", 200),
            ("interviewer", 200),
            ("sales_manager", 200),
            ("other_interviewer", 404),
            ("rnd_manager", 404),
            ("candidate", 404),
            ("nobody", 404),
            (None, 401),
        ],
    )
    def test_permission_matrix(self, scored: InterviewSession, people: dict, persona: str | None, status: int) -> None:
        client = api_for(people[persona] if persona else None)
        posted = client.post(ratings_url(scored), {"dimension": "customer-needs", "level": 3}, format="json")
        listed = client.get(ratings_url(scored))
        assert (posted.status_code, listed.status_code) == (status, status)
        assert HumanRating.objects.count() == (1 if status == 200 else 0)


@pytest.mark.django_db
class TestAgreementApi:
    @pytest.mark.parametrize(
        ("persona", "status"),
        [("hr", 200), ("interviewer", 403), ("sales_manager", 403), ("candidate", 404), ("nobody", 404), (None, 401)],
    )
    def test_only_hr_reads_it(self, scored: InterviewSession, people: dict, persona: str | None, status: int) -> None:
        client = api_for(people[persona] if persona else None)
        response = client.get(reverse("api-v1:rating-agreement"))
        assert response.status_code == status

    def test_the_statistics(self, scored: InterviewSession, people: dict) -> None:
        for rater, order, level in (("hr", 1, 4), ("hr", 2, 2), ("hr2", 1, 5), ("hr2", 2, 1)):
            api_for(people[rater]).post(
                ratings_url(scored, order), {"dimension": "customer-needs", "level": level}, format="json"
            )
        body = api_for(people["hr"]).get(reverse("api-v1:rating-agreement")).json()
        (dimension,) = body["by_dimension"]
        assert dimension["name"] == "customer-needs · 销售代表"
        assert dimension["rating_count"] == 4
        assert dimension["ai_human"]["n"] == 4
        assert dimension["ai_human"]["quadratic_weighted_kappa"] == pytest.approx(6 / 7, abs=1e-12)
        assert dimension["ai_human"]["mean_absolute_error"] == 0.5
        assert dimension["human_human"]["pearson"] == 1.0
        assert (dimension["calibrated"], dimension["calibration_rating_count"]) == (False, None)
        assert [row["ai_human"]["pearson"] for row in body["by_question"]] == [None, None]
        assert body["overall"]["rating_count"] == 4
