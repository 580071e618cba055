"""The REST API: token authentication, the one error shape, the schema, and what each endpoint writes."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openapi_spec_validator import validate
from rest_framework.authtoken.models import Token

from talentloop.accounts.models import User
from talentloop.conftest import Organisation
from talentloop.core.models import AuditEvent
from talentloop.core.tests.helpers import translated
from talentloop.org.models import Candidate, Person
from talentloop.org.tests.factories import PASSWORD

CANDIDATES_URL = "/api/v1/candidates/"


def _error(response: Any) -> dict[str, Any]:
    """The error body, after checking it has exactly the one shape."""
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert list(body) == ["error"]
    assert set(body["error"]) == {"code", "message", "fields"}
    assert isinstance(body["error"]["message"], str)
    assert body["error"]["message"]
    return body["error"]


def _candidate_rows() -> tuple[int, int, int]:
    return Candidate.objects.count(), Person.objects.count(), AuditEvent.objects.count()


# --- token authentication --------------------------------------------------------------------------------------


def test_a_token_authenticates_api_calls(client: Client, hr: User, candidate_a: User) -> None:
    # given
    issued = client.post(
        reverse("api-v1:token"), {"username": "hr", "password": PASSWORD}, content_type="application/json"
    )
    token = issued.json()["token"]

    # when
    me = Client().get(reverse("api-v1:me"), HTTP_AUTHORIZATION=f"Token {token}")
    candidates = Client().get(CANDIDATES_URL, HTTP_AUTHORIZATION=f"Token {token}")

    # then
    assert issued.status_code == 200
    assert token == Token.objects.get(user=hr).key
    assert me.status_code == 200
    assert me.json() == {
        "id": hr.pk,
        "username": "hr",
        "display_name": "李娜",
        "roles": ["employee", "hr"],
        "preferred_language": "",
    }
    assert [item["full_name"] for item in candidates.json()["results"]] == ["周婷"]


def test_asking_twice_returns_the_same_token(client: Client, hr: User) -> None:
    # when
    tokens = [
        client.post(
            reverse("api-v1:token"), {"username": "hr", "password": PASSWORD}, content_type="application/json"
        ).json()["token"]
        for _attempt in range(2)
    ]

    # then
    assert tokens[0] == tokens[1]
    assert Token.objects.count() == 1


def test_a_wrong_password_gets_no_token(client: Client, hr: User) -> None:
    # when
    response = client.post(
        reverse("api-v1:token"), {"username": "hr", "password": "wrong"}, content_type="application/json"
    )

    # then
    assert response.status_code == 400
    error = _error(response)
    assert (error["code"], list(error["fields"])) == ("validation_error", ["non_field_errors"])
    assert Token.objects.count() == 0
    assert AuditEvent.objects.filter(action="login_failed", object_label="hr", channel="api").count() == 1


def test_a_locked_account_is_told_so_and_gets_no_token(client: Client, hr: User) -> None:
    # given five failed attempts through the API
    for _attempt in range(5):
        client.post(reverse("api-v1:token"), {"username": "hr", "password": "wrong"}, content_type="application/json")

    # when the right password comes during the lockout
    response = client.post(
        reverse("api-v1:token"), {"username": "hr", "password": PASSWORD}, content_type="application/json"
    )

    # then
    assert response.status_code == 429
    assert _error(response)["code"] == "locked_out"
    assert Token.objects.count() == 0


def test_an_unknown_token_is_refused(client: Client, hr: User) -> None:
    # when
    response = client.get(reverse("api-v1:me"), HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")

    # then
    assert response.status_code == 401
    assert _error(response)["code"] == "authentication_failed"
    assert response["WWW-Authenticate"] == "Token"


def test_a_token_needs_no_csrf_token_but_a_session_does(hr: User, org: Organisation) -> None:
    # given
    token = Token.objects.create(user=hr)
    session_client = Client(enforce_csrf_checks=True)
    session_client.force_login(hr)
    token_client = Client(enforce_csrf_checks=True)
    data = {"full_name": "郑洁", "email": "zheng.jie@example.com", "applied_position": org.backend_engineer.pk}
    before = _candidate_rows()

    # when
    by_session = session_client.post(CANDIDATES_URL, data, content_type="application/json")
    after_session = _candidate_rows()
    by_token = token_client.post(
        CANDIDATES_URL, data, content_type="application/json", HTTP_AUTHORIZATION=f"Token {token.key}"
    )

    # then
    assert by_session.status_code == 403
    assert _error(by_session)["code"] == "permission_denied"
    assert after_session == before
    assert by_token.status_code == 201


# --- the one error shape ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_401_for_an_anonymous_call(client: Client) -> None:
    # when
    response = client.get(CANDIDATES_URL)

    # then
    assert response.status_code == 401
    assert _error(response)["code"] == "not_authenticated"
    assert _error(response)["fields"] == {}


def test_400_lists_the_invalid_fields(client: Client, hr: User, candidate_a: User) -> None:
    # given
    client.force_login(hr)
    before = _candidate_rows()

    # when
    response = client.post(
        CANDIDATES_URL, {"email": "not-an-email", "applied_position": 999999}, content_type="application/json"
    )

    # then
    assert response.status_code == 400
    error = _error(response)
    assert error["code"] == "validation_error"
    assert sorted(error["fields"]) == ["applied_position", "email", "full_name"]
    assert all(isinstance(message, str) for messages in error["fields"].values() for message in messages)
    assert _candidate_rows() == before


def test_400_for_a_service_refusal_names_the_field(client: Client, hr: User, candidate_a: User) -> None:
    # given: the email is already used by candidate_a
    client.force_login(hr)
    before = _candidate_rows()
    position = candidate_a.person.candidate.applied_position

    # when
    response = client.post(
        CANDIDATES_URL,
        {"full_name": "郑洁", "email": "Zhou.Ting@example.com", "applied_position": position.pk},
        content_type="application/json",
    )

    # then
    assert response.status_code == 400
    error = _error(response)
    assert (error["code"], error["fields"]) == ("validation_error", translated({"email": ["Already registered."]}))
    assert _candidate_rows() == before


def test_400_for_malformed_json(client: Client, hr: User) -> None:
    # given
    client.force_login(hr)

    # when
    response = client.post(CANDIDATES_URL, "{not json", content_type="application/json")

    # then
    assert response.status_code == 400
    assert _error(response)["code"] == "bad_request"


def test_403_for_a_role_that_may_not_write(client: Client, sales_manager: User, org: Organisation) -> None:
    # given
    client.force_login(sales_manager)
    before = _candidate_rows()

    # when
    response = client.post(
        CANDIDATES_URL,
        {"full_name": "郑洁", "email": "zheng.jie@example.com", "applied_position": org.sales_representative.pk},
        content_type="application/json",
    )

    # then
    assert response.status_code == 403
    assert (_error(response)["code"], _error(response)["fields"]) == ("permission_denied", {})
    assert _candidate_rows() == before


def test_404_for_a_record_that_does_not_exist(client: Client, hr: User) -> None:
    # given
    client.force_login(hr)

    # when
    response = client.get(reverse("api-v1:candidate-detail", args=[999999]))

    # then
    assert response.status_code == 404
    assert (_error(response)["code"], _error(response)["fields"]) == ("not_found", {})


def test_405_for_a_method_the_endpoint_does_not_have(client: Client, hr: User, candidate_a: User) -> None:
    # given
    client.force_login(hr)
    before = _candidate_rows()

    # when
    response = client.delete(reverse("api-v1:candidate-detail", args=[candidate_a.person.candidate.pk]))

    # then
    assert response.status_code == 405
    assert (_error(response)["code"], _error(response)["fields"]) == ("method_not_allowed", {})
    assert _candidate_rows() == before


@pytest.mark.parametrize("path", ["/api/v1/nothing-here/", "/api/v2/candidates/", "/api/v1/candidates/abc/"])
@pytest.mark.parametrize("signed_in", [False, True])
def test_404_for_an_unknown_api_url_is_json(client: Client, hr: User, path: str, signed_in: bool) -> None:
    # given
    if signed_in:
        client.force_login(hr)

    # when
    response = client.get(path, HTTP_ACCEPT="text/html")

    # then
    assert response.status_code == 404
    assert (_error(response)["code"], _error(response)["fields"]) == ("not_found", {})


@pytest.mark.django_db
def test_an_unknown_page_outside_the_api_is_an_html_page(client: Client) -> None:
    # when
    page = client.get("/no-such-page/")
    as_json = client.get("/no-such-page/", HTTP_ACCEPT="application/json")

    # then
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")
    assert "core/error.html" in [template.name for template in page.templates]
    assert as_json.status_code == 404
    assert _error(as_json)["code"] == "not_found"


# --- schema and docs -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_openapi_schema_is_valid_and_lists_every_endpoint(client: Client) -> None:
    # when
    response = client.get("/api/schema/", {"format": "json"})

    # then
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert schema["info"]["title"] == "TalentLoop API"
    assert sorted(schema["paths"]) == [
        "/api/v1/answers/{answer_id}/ratings/",
        "/api/v1/applications/{application_id}/history/",
        "/api/v1/applications/{application_id}/move/",
        "/api/v1/applications/{application_id}/reject/",
        "/api/v1/applications/{application_id}/scorecards/",
        "/api/v1/audit-events/",
        "/api/v1/auth/token/",
        "/api/v1/candidates/",
        "/api/v1/candidates/{candidate_id}/",
        "/api/v1/comments/{comment_id}/reopen/",
        "/api/v1/comments/{comment_id}/resolve/",
        "/api/v1/deletion-requests/",
        "/api/v1/deletion-requests/{deletion_request_id}/",
        "/api/v1/deletion-requests/{deletion_request_id}/decision/",
        "/api/v1/departments/",
        "/api/v1/dimensions/",
        "/api/v1/dimensions/{code}/",
        "/api/v1/employees/",
        "/api/v1/employees/{employee_id}/",
        "/api/v1/employees/{employee_id}/record/",
        "/api/v1/growth-items/{item_id}/{action}/",
        "/api/v1/growth-paths/{invitation_id}/",
        "/api/v1/interview-sessions/live/",
        "/api/v1/interview-sessions/{session_id}/",
        "/api/v1/interview-sessions/{session_id}/comments/",
        "/api/v1/interview-sessions/{session_id}/mentions/",
        "/api/v1/interview-sessions/{session_id}/scores/",
        "/api/v1/interview-sessions/{session_id}/scores/{version}/",
        "/api/v1/interview-templates/",
        "/api/v1/interview-templates/{template_id}/",
        "/api/v1/interview/{token}/",
        "/api/v1/interview/{token}/answer/",
        "/api/v1/interview/{token}/consent/",
        "/api/v1/interview/{token}/draft/",
        "/api/v1/interview/{token}/events/",
        "/api/v1/interview/{token}/next/",
        "/api/v1/interview/{token}/open/",
        "/api/v1/interview/{token}/recording/",
        "/api/v1/interview/{token}/retry/",
        "/api/v1/interview/{token}/skip/",
        "/api/v1/interview/{token}/start/",
        "/api/v1/interview/{token}/submit/",
        "/api/v1/invitations/",
        "/api/v1/invitations/{invitation_id}/actions/",
        "/api/v1/job-profiles/",
        "/api/v1/job-profiles/{position_code}/",
        "/api/v1/job-profiles/{position_code}/reapplication-policy/",
        "/api/v1/learning/courses/",
        "/api/v1/learning/courses/{code}/",
        "/api/v1/learning/export/",
        "/api/v1/learning/import/",
        "/api/v1/learning/mentors/",
        "/api/v1/learning/projects/",
        "/api/v1/learning/projects/{code}/",
        "/api/v1/me/",
        "/api/v1/me/applications/",
        "/api/v1/me/applications/{application_id}/",
        "/api/v1/me/applications/{application_id}/withdraw/",
        "/api/v1/me/data/",
        "/api/v1/me/deletion-request/",
        "/api/v1/me/employee-record/",
        "/api/v1/me/internal-openings/",
        "/api/v1/me/mentoring/",
        "/api/v1/me/notifications/",
        "/api/v1/me/notifications/read-all/",
        "/api/v1/me/notifications/unread-count/",
        "/api/v1/me/notifications/{notification_id}/read/",
        "/api/v1/me/reapplications/",
        "/api/v1/me/reapplications/eligibility/",
        "/api/v1/me/review-requests/",
        "/api/v1/openings/",
        "/api/v1/openings/{opening_id}/",
        "/api/v1/openings/{opening_id}/applications/",
        "/api/v1/openings/{opening_id}/applications/bulk-move/",
        "/api/v1/openings/{opening_id}/applications/bulk-reject/",
        "/api/v1/openings/{opening_id}/board/",
        "/api/v1/openings/{opening_id}/close/",
        "/api/v1/openings/{opening_id}/open/",
        "/api/v1/openings/{opening_id}/stages/",
        "/api/v1/question-bank/export/",
        "/api/v1/question-bank/import/",
        "/api/v1/questions/",
        "/api/v1/questions/{code}/",
        "/api/v1/questions/{code}/rubrics/",
        "/api/v1/ratings/agreement/",
        "/api/v1/reapplications/",
        "/api/v1/reapplications/funnel/",
        "/api/v1/rescore-batches/",
        "/api/v1/rescore-batches/{batch_id}/",
        "/api/v1/review-requests/",
        "/api/v1/review-requests/{request_id}/",
        "/api/v1/review-requests/{request_id}/resolve/",
    ]
    assert "tokenAuth" in schema["components"]["securitySchemes"]


@pytest.mark.django_db
def test_the_api_docs_page_answers(client: Client) -> None:
    # when
    response = client.get("/api/docs/")

    # then
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


# --- what the endpoints write ----------------------------------------------------------------------------------


def test_creating_a_candidate_returns_it_and_audits_the_api_channel(
    client: Client, hr: User, org: Organisation
) -> None:
    # given
    client.force_login(hr)

    # when
    response = client.post(
        CANDIDATES_URL,
        {
            "full_name": "郑洁",
            "email": "Zheng.Jie@Example.com",
            "mobile": "138 0013 8003",
            "applied_position": org.sales_representative.pk,
            "source": "校园招聘",
        },
        content_type="application/json",
    )

    # then
    assert response.status_code == 201
    body = response.json()
    candidate = Candidate.objects.get(pk=body["id"])
    assert {key: value for key, value in body.items() if key != "created_at"} == {
        "id": candidate.pk,
        "full_name": "郑洁",
        "email": "zheng.jie@example.com",
        "mobile": "13800138003",
        "applied_position": org.sales_representative.pk,
        "applied_position_title": "销售代表",
        "department": "华东销售组",
        "source": "校园招聘",
        "status": "active",
    }
    event = AuditEvent.objects.filter(action="create", object_type="org.candidate").get()
    assert (event.actor, event.object_id, event.channel) == (hr, str(candidate.pk), "api")


def test_creating_a_candidate_with_a_mobile_only(client: Client, hr: User, org: Organisation) -> None:
    # given
    client.force_login(hr)

    # when
    response = client.post(
        CANDIDATES_URL,
        {"full_name": "马超", "mobile": "13800138007", "applied_position": org.backend_engineer.pk},
        content_type="application/json",
    )

    # then
    assert response.status_code == 201
    assert (response.json()["email"], response.json()["mobile"]) == ("", "13800138007")
    assert Candidate.objects.get(pk=response.json()["id"]).person.email == ""


def test_patching_a_candidate_records_the_change(client: Client, hr: User, candidate_a: User) -> None:
    # given
    client.force_login(hr)
    candidate = candidate_a.person.candidate

    # when
    response = client.patch(
        reverse("api-v1:candidate-detail", args=[candidate.pk]),
        {"status": "hired", "notes": "Offer accepted."},
        content_type="application/json",
    )

    # then
    assert response.status_code == 200
    assert response.json()["status"] == "hired"
    candidate.refresh_from_db()
    assert (candidate.status, candidate.notes) == ("hired", "Offer accepted.")
    event = AuditEvent.objects.filter(action="update").get()
    assert (event.actor, event.channel, event.changes) == (
        hr,
        "api",
        {"status": ["active", "hired"], "notes": ["", "Offer accepted."]},
    )


def test_patching_with_an_invalid_value_writes_nothing(client: Client, hr: User, candidate_a: User) -> None:
    # given
    client.force_login(hr)
    candidate = candidate_a.person.candidate
    before = _candidate_rows()

    # when
    response = client.patch(
        reverse("api-v1:candidate-detail", args=[candidate.pk]),
        {"status": "promoted", "notes": "should not be saved"},
        content_type="application/json",
    )

    # then
    assert response.status_code == 400
    assert list(_error(response)["fields"]) == ["status"]
    candidate.refresh_from_db()
    assert (candidate.status, candidate.notes) == ("active", "")
    assert _candidate_rows() == before


def test_viewing_a_candidate_through_the_api_is_audited(client: Client, hr: User, candidate_a: User) -> None:
    # given
    client.force_login(hr)
    candidate = candidate_a.person.candidate

    # when
    response = client.get(reverse("api-v1:candidate-detail", args=[candidate.pk]), REMOTE_ADDR="192.0.2.44")

    # then
    assert response.status_code == 200
    event = AuditEvent.objects.filter(action="view").get()
    assert (event.actor, event.object_type, event.object_id, event.ip_address, event.channel) == (
        hr,
        "org.candidate",
        str(candidate.pk),
        "192.0.2.44",
        "api",
    )


def test_lists_are_paginated(client: Client, hr: User, candidate_a: User, candidate_b: User) -> None:
    # given
    client.force_login(hr)

    # when
    first = client.get(CANDIDATES_URL, {"limit": 1}).json()
    second = client.get(CANDIDATES_URL, {"limit": 1, "offset": 1}).json()

    # then
    assert (first["count"], len(first["results"]), first["previous"]) == (2, 1, None)
    assert first["next"] == "http://testserver/api/v1/candidates/?limit=1&offset=1"
    assert [first["results"][0]["full_name"], second["results"][0]["full_name"]] == ["吴杰", "周婷"]
    assert second["next"] is None


def test_departments_list_the_tree_parents_first(client: Client, org: Organisation, employee: User) -> None:
    # given
    client.force_login(employee)

    # when
    response = client.get(reverse("api-v1:department-list"))

    # then
    assert response.status_code == 200
    rows = {row["code"]: row for row in response.json()}
    assert rows["sales"] == {
        "id": org.sales.pk,
        "name": "销售部",
        "name_en": "Sales",
        "code": "sales",
        "parent": org.headquarters.pk,
        "depth": 1,
        "employee_count": 1,
    }
    codes = [row["code"] for row in response.json()]
    assert codes.index("sales") < codes.index("sales-east")
    assert len(codes) == 6


def test_the_audit_events_api_filters(client: Client, hr_admin: User, candidate_a: User) -> None:
    # given
    client.force_login(hr_admin)
    client.get(reverse("api-v1:candidate-detail", args=[candidate_a.person.candidate.pk]))

    # when
    response = client.get(reverse("api-v1:audit-event-list"), {"action": "view"})

    # then
    assert response.status_code == 200
    results = response.json()["results"]
    assert [(row["actor"], row["action"], row["object_label"], row["channel"]) for row in results] == [
        ("hr.admin", "view", "周婷", "api")
    ]
