# ruff: noqa: F811  (the imported fixtures are used as test arguments)
"""The review-request API: candidates ask about their own interviews; HR lists and resolves."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from rest_framework import serializers

from talentloop.accounts.models import User
from talentloop.core.models import AuditEvent
from talentloop.core.tests.helpers import body_text
from talentloop.feedback.models import ReviewRequest
from talentloop.feedback.services.reviews import review_request_create
from talentloop.feedback.tests.review_fixtures import review_world, scored, scored_b  # noqa: F401
from talentloop.interviews.models import InterviewSession

MINE = "/api/v1/me/review-requests/"
HR_LIST = "/api/v1/review-requests/"


def _error(response: Any) -> dict[str, Any]:
    body = response.json()
    assert list(body) == ["error"]
    return body["error"]


@pytest.fixture
def asked(scored: InterviewSession, candidate_a: User) -> ReviewRequest:
    return review_request_create(actor=candidate_a, session=scored, kind="human_review", text="请人工复核")


class TestCandidate:
    def test_asks_and_lists_their_own(
        self, client: Client, scored: InterviewSession, scored_b: InterviewSession, candidate_a: User, candidate_b: User
    ) -> None:
        review_request_create(actor=candidate_b, session=scored_b, kind="explanation", text="吴杰的问题")
        client.force_login(candidate_a)
        # when
        created = client.post(
            MINE,
            {"session": scored.pk, "kind": "explanation", "text": "为什么第一题是0分？"},
            content_type="application/json",
        )
        # then
        assert created.status_code == 201
        body = created.json()
        assert (body["session"], body["kind"], body["status"], body["text"], body["resolved_by"]) == (
            scored.pk,
            "explanation",
            "open",
            "为什么第一题是0分？",
            None,
        )
        listed = client.get(MINE).json()
        assert listed["count"] == 1
        assert [row["text"] for row in listed["results"]] == ["为什么第一题是0分？"]

    def test_someone_elses_interview_is_not_found_and_nothing_is_written(
        self, client: Client, scored: InterviewSession, candidate_b: User
    ) -> None:
        client.force_login(candidate_b)
        audit_before = AuditEvent.objects.count()
        response = client.post(
            MINE, {"session": scored.pk, "kind": "human_review", "text": "请复核"}, content_type="application/json"
        )
        assert response.status_code == 404
        assert _error(response)["code"] == "not_found"
        assert "周婷" not in body_text(response)
        assert ReviewRequest.objects.count() == 0
        assert AuditEvent.objects.count() == audit_before

    @pytest.mark.parametrize(
        ("payload", "status", "code"),
        [
            ({"kind": "explanation", "text": ""}, 400, "review_text_required"),
            ({"kind": "explanation", "text": "长" * 2001}, 400, "review_text_too_long"),
            ({"kind": "appeal", "text": "请复核"}, 400, "validation_error"),
        ],
    )
    def test_bad_input_gets_its_code_and_writes_nothing(
        self,
        client: Client,
        scored: InterviewSession,
        candidate_a: User,
        payload: dict[str, str],
        status: int,
        code: str,
    ) -> None:
        client.force_login(candidate_a)
        response = client.post(MINE, {"session": scored.pk, **payload}, content_type="application/json")
        assert response.status_code == status
        assert _error(response)["code"] == code
        assert ReviewRequest.objects.count() == 0
        assert mail.outbox == []

    def test_a_second_open_request_is_a_conflict(
        self, client: Client, asked: ReviewRequest, scored: InterviewSession, candidate_a: User
    ) -> None:
        client.force_login(candidate_a)
        response = client.post(
            MINE, {"session": scored.pk, "kind": "human_review", "text": "再次"}, content_type="application/json"
        )
        assert response.status_code == 409
        assert _error(response)["code"] == "review_request_already_open"
        assert ReviewRequest.objects.count() == 1

    def test_a_candidate_cannot_use_the_hr_endpoints(
        self, client: Client, asked: ReviewRequest, candidate_a: User
    ) -> None:
        client.force_login(candidate_a)
        assert client.get(HR_LIST).status_code == 404
        assert client.get(f"{HR_LIST}{asked.pk}/").status_code == 404
        resolved = client.post(
            f"{HR_LIST}{asked.pk}/resolve/",
            {"decision": "overturn_pass", "response": "自己通过"},
            content_type="application/json",
        )
        assert resolved.status_code == 404
        asked.refresh_from_db()
        assert asked.status == "open"


class TestHr:
    def test_lists_and_resolves(
        self, client: Client, hr: User, asked: ReviewRequest, django_capture_on_commit_callbacks: Any
    ) -> None:
        client.force_login(hr)
        listed = client.get(HR_LIST).json()
        assert [(row["id"], row["candidate_name"], row["overdue"], row["ai_passed"]) for row in listed["results"]] == [
            (asked.pk, "周婷", False, False)
        ]
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"{HR_LIST}{asked.pk}/resolve/",
                {"decision": "uphold", "response": "复核后维持原结果。"},
                content_type="application/json",
            )
        assert response.status_code == 200
        body = response.json()
        assert (body["status"], body["decision"], body["resolved_by"]) == ("done", "uphold", hr.display_name)
        asked.refresh_from_db()
        # the candidate is notified in the app at once (recorded), and by email once the delivery runs
        assert asked.notified_at is not None
        assert body["notified_at"] == serializers.DateTimeField().to_representation(asked.notified_at)
        (email,) = mail.outbox
        assert (email.to, email.subject) == (["zhou.ting@example.com"], "您的申请已获答复：人工复核")
        assert f"/portal/interviews/{asked.session_id}/review/" in email.body
        assert "复核后维持原结果" not in email.body
        assert client.get(HR_LIST).json()["count"] == 0
        assert client.get(HR_LIST, {"status": "done"}).json()["count"] == 1
        again = client.post(
            f"{HR_LIST}{asked.pk}/resolve/",
            {"decision": "overturn_pass", "response": "改判"},
            content_type="application/json",
        )
        assert again.status_code == 409
        assert _error(again)["code"] == "review_request_already_resolved"
        assert len(mail.outbox) == 1

    def test_a_missing_decision_gets_its_code(self, client: Client, hr: User, asked: ReviewRequest) -> None:
        client.force_login(hr)
        response = client.post(f"{HR_LIST}{asked.pk}/resolve/", {"response": "理由"}, content_type="application/json")
        assert response.status_code == 400
        error = _error(response)
        assert (error["code"], list(error["fields"])) == ("review_decision_required", ["decision"])
        asked.refresh_from_db()
        assert asked.status == "open"

    @pytest.mark.parametrize(
        ("persona", "status"), [("interviewer", 403), ("sales_manager", 403), ("rnd_manager", 404), ("employee", 404)]
    )
    def test_other_staff_cannot_resolve(
        self, client: Client, personas: dict[str, User | None], asked: ReviewRequest, persona: str, status: int
    ) -> None:
        user = personas[persona]
        assert user is not None
        client.force_login(user)
        response = client.post(
            f"{HR_LIST}{asked.pk}/resolve/",
            {"decision": "overturn_pass", "response": "通过"},
            content_type="application/json",
        )
        assert response.status_code == status
        assert "请人工复核" not in body_text(response)
        asked.refresh_from_db()
        assert asked.status == "open"
        assert mail.outbox == []


def test_anonymous_calls_are_not_authenticated(client: Client, asked: ReviewRequest, scored: InterviewSession) -> None:
    created = client.post(
        MINE, {"session": scored.pk, "kind": "explanation", "text": "为什么"}, content_type="application/json"
    )
    assert (created.status_code, _error(created)["code"]) == (401, "not_authenticated")
    assert client.get(HR_LIST).status_code == 401
    assert client.post(f"{HR_LIST}{asked.pk}/resolve/", {}, content_type="application/json").status_code == 401
    assert ReviewRequest.objects.count() == 1
