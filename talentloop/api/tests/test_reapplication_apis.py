# ruff: noqa: F811  (the imported fixtures are used as test arguments)
"""The re-application API: the candidate checks and re-applies after their own interview; HR reads the funnel,
the list and sets the policy."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from talentloop.accounts.models import User
from talentloop.feedback.models import Reapplication, ReapplicationPolicy
from talentloop.feedback.tests.reapplications.conftest import failed  # noqa: F401
from talentloop.interviews.models import InterviewSession, Invitation

MINE = "/api/v1/me/reapplications/"
ELIGIBILITY = "/api/v1/me/reapplications/eligibility/"
HR_LIST = "/api/v1/reapplications/"
FUNNEL = "/api/v1/reapplications/funnel/"
POLICY = "/api/v1/job-profiles/sales-rep/reapplication-policy/"


def _error(response: Any) -> dict[str, Any]:
    body = response.json()
    assert list(body) == ["error"]
    return body["error"]


@pytest.fixture
def cooled_down(failed: InterviewSession) -> InterviewSession:
    """The failed interview, handed in 91 days ago: the default cool-down of 90 days is over."""
    InterviewSession.objects.filter(pk=failed.pk).update(submitted_at=timezone.now() - timedelta(days=91))
    failed.refresh_from_db()
    return failed


class TestCandidate:
    def test_eligibility_during_the_cooldown(self, client: Client, candidate_a: User, failed: InterviewSession) -> None:
        client.force_login(candidate_a)
        body = client.get(ELIGIBILITY, {"session": failed.pk}).json()
        assert (body["eligible"], body["code"], body["cooldown_days"], body["weak_dimensions"]) == (
            False,
            "reapplication_cooling_down",
            90,
            ["customer-needs", "communication"],
        )

    def test_re_applies_and_lists_it(self, client: Client, candidate_a: User, cooled_down: InterviewSession) -> None:
        client.force_login(candidate_a)
        created = client.post(MINE, {"session": cooled_down.pk}, content_type="application/json")
        assert created.status_code == 201
        body = created.json()
        assert (body["previous_session"], body["basis"], body["status"], body["session"]) == (
            cooled_down.pk,
            "cooldown_over",
            "invited",
            None,
        )
        assert body["interview_link"].startswith("http")
        listed = client.get(MINE).json()
        assert [row["id"] for row in listed["results"]] == [body["id"]]
        again = client.post(MINE, {"session": cooled_down.pk}, content_type="application/json")
        assert (again.status_code, _error(again)["code"]) == (409, "reapplication_already_reapplied")
        assert Reapplication.objects.count() == 1

    def test_cooling_down_answers_409_with_the_date(
        self, client: Client, candidate_a: User, failed: InterviewSession
    ) -> None:
        client.force_login(candidate_a)
        response = client.post(MINE, {"session": failed.pk}, content_type="application/json")
        error = _error(response)
        assert (response.status_code, error["code"]) == (409, "reapplication_cooling_down")
        assert failed.submitted_at is not None
        assert error["cooldown_ends_at"] == (failed.submitted_at + timedelta(days=90)).isoformat()
        assert Reapplication.objects.count() == 0

    def test_someone_elses_interview_is_not_found(
        self, client: Client, candidate_b: User, cooled_down: InterviewSession
    ) -> None:
        client.force_login(candidate_b)
        response = client.post(MINE, {"session": cooled_down.pk}, content_type="application/json")
        assert (response.status_code, _error(response)["code"]) == (404, "not_found")
        assert client.get(ELIGIBILITY, {"session": cooled_down.pk}).status_code == 404
        assert Reapplication.objects.count() == 0


class TestHr:
    def test_funnel_and_list(self, client: Client, hr: User, candidate_a: User, cooled_down: InterviewSession) -> None:
        client.force_login(candidate_a)
        client.post(MINE, {"session": cooled_down.pk}, content_type="application/json")
        client.force_login(hr)
        funnel = client.get(FUNNEL, {"job_profile": "sales-rep"}).json()
        assert [(stage["key"], stage["count"]) for stage in funnel] == [
            ("failed", 1),
            ("started_path", 0),
            ("finished_path", 0),
            ("reapplied", 1),
            ("passed", 0),
            ("hired", 0),
        ]
        listed = client.get(HR_LIST).json()
        assert listed["count"] == 1
        assert (listed["results"][0]["candidate_name"], listed["results"][0]["status"]) == ("周婷", "invited")
        assert _error(client.get(FUNNEL, {"job_profile": "nope"}))["code"] == "not_found"

    @pytest.mark.parametrize(("persona", "expected"), [("interviewer", 403), ("candidate_a", 404), ("anonymous", 401)])
    def test_only_hr(
        self, client: Client, personas: dict[str, User | None], persona: str, expected: int, failed: InterviewSession
    ) -> None:
        user = personas[persona]
        if user is not None:
            client.force_login(user)
        assert client.get(FUNNEL).status_code == expected
        assert client.get(HR_LIST).status_code == expected

    def test_policy_read_and_set(self, client: Client, hr: User, scored_interview_of_a: Invitation) -> None:
        client.force_login(hr)
        assert client.get(POLICY).json() == {"is_open": True, "cooldown_days": 90, "early_after_growth_path": False}
        response = client.put(
            POLICY,
            {"is_open": True, "cooldown_days": 30, "early_after_growth_path": True},
            content_type="application/json",
        )
        assert response.json() == {"is_open": True, "cooldown_days": 30, "early_after_growth_path": True}
        bad = client.put(
            POLICY,
            {"is_open": True, "cooldown_days": 800, "early_after_growth_path": True},
            content_type="application/json",
        )
        assert (bad.status_code, list(_error(bad)["fields"])) == (400, ["cooldown_days"])
        assert ReapplicationPolicy.objects.get().cooldown_days == 30


def test_the_schema_lists_the_endpoints(client: Client, hr: User) -> None:
    client.force_login(hr)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    for path in (MINE, ELIGIBILITY, HR_LIST, FUNNEL, "/api/v1/job-profiles/{position_code}/reapplication-policy/"):
        assert path in schema
