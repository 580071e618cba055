"""The console's Openings pages and the employee record page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from talentloop.accounts.models import User
from talentloop.conftest import Organisation
from talentloop.core.models import AuditEvent
from talentloop.recruitment.models import Application, Opening
from talentloop.recruitment.tests.fixtures import MOTIVATION, RecruitmentWorld

pytestmark = pytest.mark.django_db


def test_hr_lists_every_opening_with_its_application_count(
    client: Client, hr: User, recruitment: RecruitmentWorld, application: Application
) -> None:
    # given
    client.force_login(hr)

    # when
    response = client.get(reverse("console:opening_list"))

    # then
    assert response.status_code == 200
    rows = [(o.title, o.status, o.application_count) for o in response.context["page"]]
    assert rows == [("销售代表（草稿）", "draft", 0), ("后端工程师", "open", 0), ("华南销售代表", "open", 1)]
    assert response.context["can_manage"] is True


def test_the_list_filters_by_status_and_answers_htmx_with_rows(
    client: Client, hr: User, recruitment: RecruitmentWorld
) -> None:
    # given
    client.force_login(hr)

    # when
    response = client.get(reverse("console:opening_list"), {"status": "draft"}, HTTP_HX_REQUEST="true")

    # then
    assert [o.title for o in response.context["page"]] == ["销售代表（草稿）"]
    assert response.templates[0].name == "console/openings/_rows.html"


@pytest.mark.parametrize(("persona", "status"), [("interviewer", 403), ("employee", 404), ("candidate_a", 404)])
def test_the_openings_page_is_for_hr_and_hiring_managers(
    client: Client, personas: dict[str, User | None], persona: str, status: int
) -> None:
    # given
    user = personas[persona]
    assert user is not None
    client.force_login(user)

    # when / then
    assert client.get(reverse("console:opening_list")).status_code == status


def test_a_hiring_manager_sees_the_applications_of_their_opening_but_cannot_change_it(
    client: Client, sales_manager: User, recruitment: RecruitmentWorld, application: Application
) -> None:
    # given
    client.force_login(sales_manager)
    before = AuditEvent.objects.count()

    # when
    detail = client.get(reverse("console:opening_detail", args=[recruitment.internal.pk]))
    edit = client.get(reverse("console:opening_edit", args=[recruitment.internal.pk]))
    close = client.post(reverse("console:opening_status", args=[recruitment.internal.pk, "close"]))

    # then
    assert detail.status_code == 200
    [(progress, can_open)] = detail.context["rows"]
    assert (progress.application, can_open) == (application, True)
    assert MOTIVATION in detail.content.decode()
    assert (edit.status_code, close.status_code) == (403, 403)
    recruitment.internal.refresh_from_db()
    assert recruitment.internal.status == Opening.Status.OPEN
    assert AuditEvent.objects.count() == before


def test_another_departments_manager_gets_404_for_the_opening(
    client: Client, rnd_manager: User, recruitment: RecruitmentWorld
) -> None:
    client.force_login(rnd_manager)
    assert client.get(reverse("console:opening_detail", args=[recruitment.internal.pk])).status_code == 404


def test_hr_creates_an_opening_as_a_draft(
    client: Client, org: Organisation, hr: User, sales_manager: User, recruitment: RecruitmentWorld
) -> None:
    # given
    client.force_login(hr)

    # when
    response = client.post(
        reverse("console:opening_create"),
        {
            "title": "大客户经理",
            "position": org.sales_representative.pk,
            "interview_template": recruitment.sales_template.pk,
            "hiring_manager": sales_manager.pk,
            "headcount": "1",
            "internal": "on",
        },
    )

    # then
    opening = Opening.objects.get(title="大客户经理")
    assert response.status_code == 302
    assert response["Location"] == reverse("console:opening_detail", args=[opening.pk])
    assert (opening.status, opening.internal, opening.hiring_manager) == ("draft", True, sales_manager)


def test_the_form_shows_the_services_errors_and_writes_nothing(
    client: Client, org: Organisation, hr: User, rnd_manager: User, recruitment: RecruitmentWorld
) -> None:
    # given
    client.force_login(hr)
    before = Opening.objects.count()

    # when
    response = client.post(
        reverse("console:opening_create"),
        {
            "title": "销售",
            "position": org.sales_representative.pk,
            "interview_template": recruitment.backend_template.pk,
            "hiring_manager": rnd_manager.pk,
            "headcount": "0",
        },
    )

    # then
    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == ["headcount", "hiring_manager", "interview_template"]
    assert Opening.objects.count() == before


def test_hr_opens_and_closes_an_opening(client: Client, hr: User, recruitment: RecruitmentWorld) -> None:
    # given
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(hr)
    url = reverse("console:opening_status", args=[recruitment.draft.pk, "open"])

    # when
    opened = client.post(url)
    again = client.post(url, follow=True)
    closed = client.post(reverse("console:opening_status", args=[recruitment.draft.pk, "close"]))

    # then
    assert (opened.status_code, closed.status_code) == (302, 302)
    assert [str(m) for m in again.context["messages"]] == [
        "The opening is open for applications.",
        "This opening is already open.",
    ]
    recruitment.draft.refresh_from_db()
    assert recruitment.draft.status == Opening.Status.CLOSED


def test_hr_edits_an_opening(client: Client, org: Organisation, hr: User, recruitment: RecruitmentWorld) -> None:
    # given
    client.force_login(hr)
    url = reverse("console:opening_edit", args=[recruitment.draft.pk])

    # when
    page = client.get(url)
    response = client.post(
        url,
        {
            "title": "销售代表（华南）",
            "position": org.sales_representative.pk,
            "interview_template": recruitment.sales_template.pk,
            "headcount": "5",
        },
    )

    # then
    assert page.context["form"].initial["title"] == "销售代表（草稿）"
    assert response.status_code == 302
    recruitment.draft.refresh_from_db()
    assert (recruitment.draft.title, recruitment.draft.headcount, recruitment.draft.internal) == (
        "销售代表（华南）",
        5,
        False,
    )


def test_the_employee_record_page_shows_the_portal_record_and_the_internal_applications(
    client: Client, hr: User, employee: User, application: Application
) -> None:
    # given
    client.force_login(hr)
    employee_record = employee.person.employee

    # when
    detail = client.get(reverse("console:employee_detail", args=[employee_record.pk]))
    response = client.get(reverse("console:employee_record", args=[employee_record.pk]))

    # then
    assert reverse("console:employee_record", args=[employee_record.pk]) in detail.content.decode()
    assert response.status_code == 200
    assert response.context["record"].employee == employee_record
    assert [p.application for p in response.context["applications"]] == [application]
    assert "华南销售代表" in response.content.decode()


def test_the_employee_record_page_is_404_outside_the_scope(client: Client, rnd_manager: User, employee: User) -> None:
    client.force_login(rnd_manager)
    response = client.get(reverse("console:employee_record", args=[employee.person.employee.pk]))
    assert response.status_code == 404


def test_the_opening_list_and_detail_query_counts_do_not_grow(
    client: Client,
    org: Organisation,
    hr: User,
    employee: User,
    colleague: User,
    sales_manager: User,
    recruitment: RecruitmentWorld,
    application: Application,
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from talentloop.recruitment.services import OpeningInput, application_create, opening_create

    client.force_login(hr)

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    list_url = reverse("console:opening_list")
    detail_url = reverse("console:opening_detail", args=[recruitment.internal.pk])
    few = (queries(list_url), queries(detail_url))
    for number in range(4):
        opening_create(
            actor=hr,
            company=org.company,
            data=OpeningInput(title=f"销售 {number}", position=org.sales_representative, hiring_manager=sales_manager),
        )
    application_create(actor=colleague, opening=recruitment.internal, person=colleague.person, motivation="想转销售")
    assert (Opening.objects.count(), Application.objects.count()) == (7, 2)
    assert (queries(list_url), queries(detail_url)) == (few[0], few[1])
