"""The openings and applications API: HR manages openings, hiring managers read theirs, employees apply and
follow their own applications; the same error codes as the pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from talentloop.accounts.models import User
from talentloop.conftest import Organisation
from talentloop.interviews.models import Invitation
from talentloop.recruitment.models import Application, Opening
from talentloop.recruitment.tests.fixtures import MOTIVATION, RecruitmentWorld

pytestmark = pytest.mark.django_db

OPENINGS = "/api/v1/openings/"
MINE = "/api/v1/me/applications/"


def _error(response: Any) -> dict[str, Any]:
    body = response.json()
    assert list(body) == ["error"]
    return body["error"]


def test_hr_lists_openings_with_counts(
    client: Client, hr: User, recruitment: RecruitmentWorld, application: Application
) -> None:
    # given
    client.force_login(hr)

    # when
    body = client.get(OPENINGS, {"status": "open"}).json()

    # then
    assert body["count"] == 2
    assert [(row["title"], row["internal"], row["application_count"]) for row in body["results"]] == [
        ("后端工程师", False, 0),
        ("华南销售代表", True, 1),
    ]
    assert body["results"][1]["hiring_manager_name"] == "张伟"


def test_hr_creates_changes_opens_and_closes_an_opening(
    client: Client, org: Organisation, hr: User, sales_manager: User, recruitment: RecruitmentWorld
) -> None:
    # given
    client.force_login(hr)

    # when
    created = client.post(
        OPENINGS,
        {
            "title": "大客户经理",
            "position": org.sales_representative.pk,
            "interview_template": recruitment.sales_template.pk,
            "hiring_manager": sales_manager.pk,
            "headcount": "2",
            "internal": True,
        },
        content_type="application/json",
    )
    opening_id = created.json()["id"]
    patched = client.patch(f"{OPENINGS}{opening_id}/", {"headcount": 3}, content_type="application/json")
    opened = client.post(f"{OPENINGS}{opening_id}/open/")
    opened_again = client.post(f"{OPENINGS}{opening_id}/open/")
    closed = client.post(f"{OPENINGS}{opening_id}/close/")

    # then
    assert created.status_code == 201
    assert (created.json()["status"], created.json()["department"]) == ("draft", org.sales_east.pk)
    assert (patched.status_code, patched.json()["headcount"], patched.json()["title"]) == (200, 3, "大客户经理")
    assert (opened.status_code, opened.json()["status"]) == (200, "open")
    assert (opened_again.status_code, _error(opened_again)["code"]) == (409, "opening_status")
    assert (closed.status_code, closed.json()["status"]) == (200, "closed")


def test_validation_errors_name_the_fields_and_write_nothing(
    client: Client, org: Organisation, hr: User, recruitment: RecruitmentWorld
) -> None:
    # given
    client.force_login(hr)
    before = Opening.objects.count()

    # when
    response = client.post(
        OPENINGS,
        {"title": "", "position": org.sales_representative.pk, "headcount": "many", "hiring_manager": 999999},
        content_type="application/json",
    )
    bad_template = client.post(
        OPENINGS,
        {
            "title": "销售",
            "position": org.sales_representative.pk,
            "interview_template": recruitment.backend_template.pk,
        },
        content_type="application/json",
    )

    # then
    assert (response.status_code, _error(response)["code"], list(_error(response)["fields"])) == (
        400,
        "validation_error",
        ["hiring_manager"],
    )
    assert (bad_template.status_code, _error(bad_template)["code"]) == (400, "opening_invalid")
    assert list(_error(bad_template)["fields"]) == ["interview_template"]
    assert Opening.objects.count() == before


def test_hiring_managers_read_their_openings_and_applications_only(
    client: Client, sales_manager: User, rnd_manager: User, recruitment: RecruitmentWorld, application: Application
) -> None:
    # given
    client.force_login(sales_manager)

    # when
    listed = client.get(f"{OPENINGS}{recruitment.internal.pk}/applications/").json()
    patch = client.patch(f"{OPENINGS}{recruitment.internal.pk}/", {"headcount": 9}, content_type="application/json")
    client.force_login(rnd_manager)
    other = client.get(f"{OPENINGS}{recruitment.internal.pk}/applications/")

    # then
    assert [(row["person_name"], row["motivation"], row["interview_status"]) for row in listed["results"]] == [
        ("赵静", MOTIVATION, "pending")
    ]
    assert "interview_link" not in listed["results"][0]
    assert (patch.status_code, other.status_code) == (403, 404)


def test_an_employee_applies_and_follows_the_application(
    client: Client, employee: User, recruitment: RecruitmentWorld
) -> None:
    # given
    client.force_login(employee)

    # when
    internal = client.get("/api/v1/me/internal-openings/").json()
    created = client.post(
        MINE, {"opening": recruitment.internal.pk, "motivation": MOTIVATION}, content_type="application/json"
    )
    duplicate = client.post(
        MINE, {"opening": recruitment.internal.pk, "motivation": MOTIVATION}, content_type="application/json"
    )
    listed = client.get(MINE).json()

    # then
    assert [row["title"] for row in internal["results"]] == ["华南销售代表"]
    assert created.status_code == 201
    body = created.json()
    assert (body["source"], body["status"], body["interview_status"]) == ("internal", "active", "pending")
    assert body["interview_link"].startswith("http")
    assert (duplicate.status_code, _error(duplicate)["code"]) == (409, "application_duplicate")
    assert [row["id"] for row in listed["results"]] == [body["id"]]
    assert (Application.objects.count(), Invitation.objects.count()) == (1, 1)


def test_an_employee_cannot_apply_to_an_external_opening_or_read_anothers_application(
    client: Client, colleague: User, recruitment: RecruitmentWorld, application: Application
) -> None:
    # given
    client.force_login(colleague)

    # when
    external = client.post(
        MINE, {"opening": recruitment.external.pk, "motivation": MOTIVATION}, content_type="application/json"
    )
    empty = client.post(MINE, {"opening": recruitment.internal.pk, "motivation": " "}, content_type="application/json")
    other = client.get(f"{MINE}{application.pk}/")
    withdraw = client.post(f"{MINE}{application.pk}/withdraw/")

    # then
    assert (external.status_code, other.status_code, withdraw.status_code) == (404, 404, 404)
    assert (empty.status_code, _error(empty)["code"], list(_error(empty)["fields"])) == (
        400,
        "application_invalid",
        ["motivation"],
    )
    assert Application.objects.count() == 1


def test_my_employee_record(client: Client, employee: User, sales_manager: User, candidate_a: User) -> None:
    # given
    client.force_login(employee)

    # when
    body = client.get("/api/v1/me/employee-record/").json()
    client.force_login(candidate_a)
    none = client.get("/api/v1/me/employee-record/")

    # then
    assert (body["employee_number"], body["department_path"], body["managers"]) == (
        "E0102",
        ["总部", "销售部"],
        ["张伟"],
    )
    assert none.status_code == 404


def test_the_schema_documents_the_recruitment_endpoints(client: Client, hr: User) -> None:
    client.force_login(hr)
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    assert {
        "/api/v1/openings/",
        "/api/v1/openings/{opening_id}/",
        "/api/v1/openings/{opening_id}/open/",
        "/api/v1/openings/{opening_id}/close/",
        "/api/v1/openings/{opening_id}/applications/",
        "/api/v1/me/internal-openings/",
        "/api/v1/me/applications/",
        "/api/v1/me/applications/{application_id}/",
        "/api/v1/me/applications/{application_id}/withdraw/",
        "/api/v1/me/employee-record/",
        "/api/v1/employees/{employee_id}/record/",
    } <= set(paths)
