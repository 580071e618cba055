"""The score API: versions with evidence, re-score batches, HR only, one error shape."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from talentloop.assessments.models import AnswerScore, RescoreBatch, SessionScore
from talentloop.assessments.services.scores import session_score
from talentloop.assessments.tests.personas import other_users
from talentloop.core.models import AuditEvent
from talentloop.interviews.models import InterviewSession


def client_for(user: Any) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def written() -> tuple[int, int, int, int]:
    return (
        RescoreBatch.objects.count(),
        SessionScore.objects.count(),
        AnswerScore.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.django_db
class TestScoreVersions:
    def test_hr_lists_the_versions_current_first(
        self, two_scored: list[InterviewSession], interview_world: Any
    ) -> None:
        submitted = two_scored[0]
        session_score(session_id=submitted.pk, current_rubrics=True, requested_by=interview_world["hr"])
        # when
        response = client_for(interview_world["hr"]).get(f"/api/v1/interview-sessions/{submitted.pk}/scores/")
        # then
        assert response.status_code == 200
        body = response.json()
        assert [(v["version"], v["is_current"], v["reason"], v["requested_by"]) for v in body] == [
            (2, True, "rescore", "hr-user"),
            (1, False, "initial", None),
        ]
        assert body[1]["overall"] == 46.88 and body[1]["passed"] is False and body[1]["scorer"] == "rubric_scorer.v1"
        assert [(r["question"], r["dimension"], r["version"]) for r in body[1]["rubric_versions"]] == [
            ("q1", "customer-needs", 2),
            ("q2", "customer-needs", 2),
            ("q3", "communication", 2),
        ]
        assert body[1]["dimensions"] == [
            {
                "code": "communication",
                "name": "communication",
                "score": 0.0,
                "weight": 1.0,
                "required_level": 3,
                "answers": 1,
            },
            {
                "code": "customer-needs",
                "name": "customer-needs",
                "score": 62.5,
                "weight": 3.0,
                "required_level": 4,
                "answers": 2,
            },
        ]

    def test_one_version_has_answers_key_points_and_evidence(
        self, submitted: InterviewSession, interview_world: Any
    ) -> None:
        session_score(session_id=submitted.pk)
        # when
        response = client_for(interview_world["hr"]).get(f"/api/v1/interview-sessions/{submitted.pk}/scores/1/")
        # then
        assert response.status_code == 200
        body = response.json()
        assert (body["version"], body["is_current"]) == (1, True)
        first = body["answers"][0]
        assert [answer["order"] for answer in body["answers"]] == [1, 2, 3]
        assert [(d["dimension"], d["score"], d["rubric_version"], d["scorer"]) for d in first["dimensions"]] == [
            ("customer-needs", 100.0, 2, "rubric_scorer.v1")
        ]
        key_points = first["dimensions"][0]["key_points"]
        assert [key_point["status"] for key_point in key_points] == ["hit", "hit", "hit"]
        for key_point in key_points:
            for evidence in key_point["evidence"]:
                assert first["text"][evidence["start"] : evidence["end"]] == evidence["quote"]
        assert [key_point["points_lost"] for key_point in key_points] == [0.0, 0.0, 0.0]
        assert first["delivery"]["duration_seconds"] == 20.0
        assert first["delivery"]["expected_seconds"] == 120.0
        assert (first["delivery"]["cohort_average_seconds"], first["delivery"]["cohort_note"]) == (None, "")
        assert body["answers"][1]["dimensions"][0]["reasons"] == ["keyword_list"]

    def test_an_unknown_version_is_not_found(self, submitted: InterviewSession, interview_world: Any) -> None:
        session_score(session_id=submitted.pk)
        response = client_for(interview_world["hr"]).get(f"/api/v1/interview-sessions/{submitted.pk}/scores/9/")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
        assert response.json()["error"]["message"] == "This interview has no score version 9."


@pytest.mark.django_db
class TestRescoreBatches:
    def test_hr_creates_a_batch_and_reads_its_status(
        self, two_scored: list[InterviewSession], interview_world: Any, django_capture_on_commit_callbacks: Any
    ) -> None:
        client = client_for(interview_world["hr"])
        first, second = two_scored
        # when
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/api/v1/rescore-batches/", {"session_ids": [first.pk, second.pk]}, format="json")
        # then it was accepted before it ran, and its status shows the result
        assert response.status_code == 201, response.content
        created = response.json()
        assert (created["status"], created["total"], created["requested_by"]) == ("pending", 2, "hr-user")
        status = client.get(f"/api/v1/rescore-batches/{created['id']}/").json()
        assert (status["status"], status["rescored"], status["failed"]) == ("finished", 2, 0)
        assert status["results"] == {
            str(second.pk): {"outcome": "rescored", "version": 2, "error": ""},
            str(first.pk): {"outcome": "rescored", "version": 2, "error": ""},
        }
        audit = AuditEvent.objects.get(object_type="assessments.rescorebatch", action="create")
        assert (audit.actor, audit.channel) == (interview_world["hr"], "api")

    @pytest.mark.parametrize(
        ("data", "code", "field"),
        [
            ({}, "rescore_selection_required", None),
            ({"session_ids": ["x"]}, "validation_error", "session_ids"),
            ({"template_id": 999999}, "validation_error", "template_id"),
            ({"session_ids": [999999]}, "rescore_interviews_not_available", "session_ids"),
        ],
    )
    def test_bad_input_gets_a_specific_error_and_writes_nothing(
        self,
        two_scored: list[InterviewSession],
        interview_world: Any,
        data: dict[str, Any],
        code: str,
        field: str | None,
    ) -> None:
        before = written()
        response = client_for(interview_world["hr"]).post("/api/v1/rescore-batches/", data, format="json")
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["code"] == code
        if field is not None:
            assert field in error["fields"]
        assert written() == before

    def test_an_unknown_batch_is_not_found(self, interview_world: Any) -> None:
        response = client_for(interview_world["hr"]).get("/api/v1/rescore-batches/424242/")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), [("manager", 403), ("outsider", 404), ("anonymous", 401)])
def test_only_hr_may_use_the_score_api(
    two_scored: list[InterviewSession], interview_world: Any, who: str, status: int
) -> None:
    users = other_users(interview_world)
    session = two_scored[0]
    batch = RescoreBatch.objects.create(requested_by=interview_world["hr"], session_ids=[session.pk])
    client = client_for(users.get(who))
    before = written()
    # when
    responses = [
        client.get(f"/api/v1/interview-sessions/{session.pk}/scores/"),
        client.get(f"/api/v1/interview-sessions/{session.pk}/scores/1/"),
        client.post("/api/v1/rescore-batches/", {"session_ids": [session.pk]}, format="json"),
        client.get(f"/api/v1/rescore-batches/{batch.pk}/"),
    ]
    # then
    assert [response.status_code for response in responses] == [status] * 4
    assert written() == before
    for response in responses:
        assert "overall" not in response.content.decode()
        assert session.invitation.candidate.person.full_name not in response.content.decode()
