"""The HR console pages: what they write, what they show, and the errors they put on forms.

Who may open which page is in ``talentloop/org/tests/test_permission_matrix.py``.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext

from talentloop.accounts.models import User
from talentloop.conftest import Organisation
from talentloop.core.models import AuditEvent
from talentloop.org.models import Candidate, Department, Person, Position, Role, RoleGrant


def _rows() -> dict[str, int]:
    return {
        "candidates": Candidate.objects.count(),
        "people": Person.objects.count(),
        "departments": Department.objects.count(),
        "positions": Position.objects.count(),
        "role_grants": RoleGrant.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


def _form_errors(response: Any, form: str = "form") -> dict[str, list[str]]:
    return {name: list(messages) for name, messages in response.context[form].errors.items()}


# --- navigation ------------------------------------------------------------------------------------------------


def test_each_persona_sees_only_the_sections_their_roles_open(client: Client, personas: dict[str, User | None]) -> None:
    # given
    sections: dict[str, list[str]] = {}

    # when
    for name, user in personas.items():
        if user is None:
            continue
        client.force_login(user)
        response = client.get(reverse("portal:profile"))
        sections[name] = [item.section for item in response.context["nav_items"]]

    # then
    staff_head = ["dashboard", "candidates", "interviews", "questions", "learning"]
    staff_tail = ["portal", "opportunities", "my_data", "api"]
    assert sections == {
        "hr_admin": [
            *staff_head,
            "employees",
            "openings",
            "reviews",
            "messages",
            "tasks",
            "reapplications",
            "organisation",
            "agreement",
            "analytics",
            "deletion_requests",
            "roles",
            "audit",
            "fairness",
            "wecom",
            *staff_tail,
        ],
        "hr": [
            *staff_head,
            "employees",
            "openings",
            "reviews",
            "messages",
            "tasks",
            "reapplications",
            "organisation",
            "agreement",
            "analytics",
            "deletion_requests",
            *staff_tail,
        ],
        "sales_manager": [*staff_head, "employees", "openings", *staff_tail],
        "rnd_manager": [*staff_head, "employees", "openings", *staff_tail],
        "interviewer": [*staff_head, *staff_tail],
        "employee": ["portal", "opportunities", "my_data"],
        "candidate_a": ["portal", "portal_messages", "my_data"],
        "candidate_b": ["portal", "portal_messages", "my_data"],
    }


def test_the_dashboard_counts_what_the_role_sees(
    client: Client, sales_manager: User, candidate_a: User, candidate_b: User, employee: User
) -> None:
    # given
    client.force_login(sales_manager)

    # when
    response = client.get(reverse("console:dashboard"))

    # then
    assert response.status_code == 200
    context = response.context
    assert (context["candidate_total"], context["candidate_active"], context["employee_total"]) == (1, 1, 2)
    assert [candidate.person.full_name for candidate in context["recent_candidates"]] == ["周婷"]


# --- candidates ------------------------------------------------------------------------------------------------


def test_viewing_a_candidate_is_audited(client: Client, interviewer: User, candidate_a: User) -> None:
    # given
    client.force_login(interviewer)
    candidate = candidate_a.person.candidate

    # when
    response = client.get(reverse("console:candidate_detail", args=[candidate.pk]), REMOTE_ADDR="192.0.2.8")

    # then
    assert response.status_code == 200
    assert response.context["can_change"] is False
    events = AuditEvent.objects.filter(action="view")
    assert [(e.actor, e.object_type, e.object_id, e.object_label, e.ip_address, e.channel) for e in events] == [
        (interviewer, "org.candidate", str(candidate.pk), "周婷", "192.0.2.8", "web")
    ]


def test_viewing_an_employee_is_audited(client: Client, sales_manager: User, employee: User) -> None:
    # given
    client.force_login(sales_manager)
    record = employee.person.employee

    # when
    response = client.get(reverse("console:employee_detail", args=[record.pk]))

    # then
    assert response.status_code == 200
    events = AuditEvent.objects.filter(action="view")
    assert [(e.actor, e.object_type, e.object_id, e.object_label, e.channel) for e in events] == [
        (sales_manager, "org.employee", str(record.pk), "赵静 (E0102)", "web")
    ]


def test_adding_a_candidate(client: Client, hr: User, org: Organisation) -> None:
    # given
    client.force_login(hr)
    before = _rows()

    # when
    response = client.post(
        reverse("console:candidate_create"),
        {
            "full_name": "郑洁",
            "email": "Zheng.Jie@example.com",
            "mobile": "",
            "applied_position": org.key_account_manager.pk,
            "source": "校园招聘",
            "notes": "Met at the career fair.",
        },
    )

    # then
    candidate = Candidate.objects.get(person__full_name="郑洁")
    assert response.status_code == 302
    assert response["Location"] == reverse("console:candidate_detail", args=[candidate.pk])
    assert (candidate.person.email, candidate.applied_position, candidate.source, candidate.notes) == (
        "zheng.jie@example.com",
        org.key_account_manager,
        "校园招聘",
        "Met at the career fair.",
    )
    assert _rows() == {
        **before,
        "candidates": before["candidates"] + 1,
        "people": before["people"] + 1,
        "audit": before["audit"] + 1,
    }
    event = AuditEvent.objects.first()
    assert event is not None
    assert (event.action, event.actor, event.channel) == ("create", hr, "web")


@pytest.mark.parametrize(
    ("form", "errors"),
    [
        pytest.param(
            {"full_name": "郑洁", "email": "", "mobile": ""},
            {"email": ["Email or mobile is required."], "mobile": ["Email or mobile is required."]},
            id="no-contact",
        ),
        pytest.param(
            {"full_name": "郑洁", "email": "zhou.ting@example.com", "mobile": ""},
            {"email": ["Already registered."]},
            id="duplicate-email",
        ),
        pytest.param(
            {"full_name": "郑洁", "email": "", "mobile": "abc"},
            {"mobile": ["Use digits, optionally starting with +."]},
            id="invalid-mobile",
        ),
    ],
)
def test_adding_a_candidate_shows_the_service_errors_on_the_form(
    form: dict[str, str], errors: dict[str, list[str]], client: Client, hr: User, org: Organisation, candidate_a: User
) -> None:
    # given
    client.force_login(hr)
    before = _rows()

    # when
    response = client.post(
        reverse("console:candidate_create"),
        {**form, "applied_position": org.sales_representative.pk, "source": "", "notes": ""},
    )

    # then
    assert response.status_code == 200
    assert _form_errors(response) == {name: [gettext(m) for m in messages] for name, messages in errors.items()}
    assert _rows() == before


def test_editing_a_candidate_records_old_and_new_values(
    client: Client, hr: User, org: Organisation, candidate_a: User
) -> None:
    # given
    client.force_login(hr)
    candidate = candidate_a.person.candidate
    edit_url = reverse("console:candidate_edit", args=[candidate.pk])
    initial = client.get(edit_url).context["form"].initial

    # when
    response = client.post(
        edit_url,
        {
            "full_name": "周婷",
            "email": "zhou.ting@example.com",
            "mobile": "13800138001",
            "applied_position": org.key_account_manager.pk,
            "source": "招聘网站",
            "notes": "Moved to key accounts.",
            "status": "active",
        },
    )

    # then
    assert initial["email"] == "zhou.ting@example.com"
    assert response.status_code == 302
    assert response["Location"] == reverse("console:candidate_detail", args=[candidate.pk])
    event = AuditEvent.objects.filter(action="update").get()
    assert (event.actor, event.object_id, event.channel, event.changes) == (
        hr,
        str(candidate.pk),
        "web",
        {
            "notes": ["", "Moved to key accounts."],
            "applied_position": [org.sales_representative.pk, org.key_account_manager.pk],
        },
    )


def test_editing_a_candidate_with_neither_email_nor_mobile_writes_nothing(
    client: Client, hr: User, org: Organisation, candidate_a: User
) -> None:
    # given
    client.force_login(hr)
    candidate = candidate_a.person.candidate
    before = _rows()

    # when
    response = client.post(
        reverse("console:candidate_edit", args=[candidate.pk]),
        {
            "full_name": "周婷",
            "email": "",
            "mobile": "",
            "applied_position": org.sales_representative.pk,
            "source": "changed",
            "notes": "",
            "status": "active",
        },
    )

    # then
    assert response.status_code == 200
    assert _form_errors(response) == {"email": [gettext("Email or mobile is required.")]}
    candidate.refresh_from_db()
    candidate.person.refresh_from_db()
    assert (candidate.person.email, candidate.person.mobile, candidate.source) == (
        "zhou.ting@example.com",
        "13800138001",
        "招聘网站",
    )
    assert _rows() == before


def test_the_candidate_list_searches_and_answers_htmx_with_rows_only(
    client: Client, hr: User, candidate_a: User, candidate_b: User
) -> None:
    # given
    client.force_login(hr)

    # when
    page = client.get(reverse("console:candidate_list"), {"q": "wu.jie"})
    rows = client.get(reverse("console:candidate_list"), {"q": "wu.jie"}, HTTP_HX_REQUEST="true")

    # then
    assert [c.person.full_name for c in page.context["page"]] == ["吴杰"]
    assert page.context["can_create"] is True
    templates = [template.name for template in rows.templates]
    assert templates[0] == "console/_candidate_rows.html"
    assert "base.html" not in templates
    assert "<html" not in rows.content.decode()
    assert "吴杰" in rows.content.decode()


def test_the_candidate_list_filters_by_status(client: Client, hr: User, candidate_a: User, candidate_b: User) -> None:
    # given
    client.force_login(hr)
    Candidate.objects.filter(pk=candidate_b.person.candidate.pk).update(status=Candidate.Status.WITHDRAWN)

    # when
    response = client.get(reverse("console:candidate_list"), {"status": "withdrawn"})

    # then
    assert [c.person.full_name for c in response.context["page"]] == ["吴杰"]


# --- organisation ----------------------------------------------------------------------------------------------


def test_adding_a_department_below_another(client: Client, hr: User, org: Organisation) -> None:
    # given
    client.force_login(hr)

    # when
    response = client.post(
        reverse("console:organisation"),
        {"form": "department", "name": "上海组", "name_en": "Shanghai", "code": "", "parent": org.sales_east.pk},
    )

    # then
    assert response.status_code == 302
    department = Department.objects.get(code="shanghai")
    assert (department.parent, department.depth, department.path) == (
        org.sales_east,
        3,
        f"{org.sales_east.path}{department.pk}/",
    )


def test_adding_a_department_with_a_used_code_shows_the_error(client: Client, hr: User, org: Organisation) -> None:
    # given
    client.force_login(hr)
    before = _rows()

    # when
    response = client.post(
        reverse("console:organisation"), {"form": "department", "name": "Sales 2", "code": "sales", "parent": ""}
    )

    # then
    assert response.status_code == 200
    assert _form_errors(response, "department_form") == {"code": [gettext("Choose another code.")]}
    assert response.context["position_form"].is_bound is False
    assert _rows() == before


def test_adding_a_position(client: Client, hr: User, org: Organisation) -> None:
    # given
    client.force_login(hr)

    # when
    response = client.post(
        reverse("console:organisation"),
        {"form": "position", "title": "前端工程师", "title_en": "Frontend Engineer", "department": org.rnd.pk},
    )

    # then
    assert response.status_code == 302
    position = Position.objects.get(code="frontend-engineer")
    assert (position.title, position.department, position.is_open) == ("前端工程师", org.rnd, True)


def test_the_organisation_page_shows_the_tree_and_positions(
    client: Client, hr: User, org: Organisation, employee: User, candidate_a: User
) -> None:
    # given
    client.force_login(hr)

    # when
    response = client.get(reverse("console:organisation"))

    # then
    counts = {department.code: department.employee_count for department in response.context["departments"]}
    assert counts == {"hq": 0, "sales": 1, "sales-east": 0, "rnd": 0, "rnd-backend": 1, "hr": 1}
    candidates = {position.code: position.candidate_count for position in response.context["positions"]}
    assert candidates == {"sales-rep": 1, "key-account-manager": 0, "backend-engineer": 0, "hrbp": 0}


# --- roles -----------------------------------------------------------------------------------------------------


def test_granting_a_role(client: Client, hr_admin: User, employee: User, org: Organisation) -> None:
    # given
    client.force_login(hr_admin)

    # when
    response = client.post(
        reverse("console:role_list"),
        {"username": "employee", "role": Role.HIRING_MANAGER, "department": org.sales_east.pk},
    )

    # then
    assert response.status_code == 302
    assert list(RoleGrant.objects.filter(user=employee).values_list("role", "department")) == [
        ("hiring_manager", org.sales_east.pk)
    ]
    event = AuditEvent.objects.filter(action="grant", actor=hr_admin).get()
    assert (event.object_id, event.changes, event.channel) == (
        str(employee.pk),
        {"role": "hiring_manager", "department": org.sales_east.pk},
        "web",
    )


@pytest.mark.parametrize(
    ("form", "errors"),
    [
        pytest.param(
            {"username": "nobody", "role": Role.HR, "department": ""},
            {"username": ["No user with this username."]},
            id="unknown-user",
        ),
        pytest.param(
            {"username": "employee", "role": Role.HIRING_MANAGER, "department": ""},
            {"department": ["This field is required."]},
            id="manager-without-department",
        ),
    ],
)
def test_granting_a_role_shows_errors_and_writes_nothing(
    form: dict[str, str], errors: dict[str, list[str]], client: Client, hr_admin: User, employee: User
) -> None:
    # given
    client.force_login(hr_admin)
    before = _rows()

    # when
    response = client.post(reverse("console:role_list"), form)

    # then
    assert response.status_code == 200
    assert _form_errors(response) == {name: [gettext(m) for m in messages] for name, messages in errors.items()}
    assert _rows() == before


# --- audit log -------------------------------------------------------------------------------------------------


def test_the_audit_log_filters_by_action(client: Client, hr_admin: User, candidate_a: User) -> None:
    # given
    client.force_login(hr_admin)
    client.get(reverse("console:candidate_detail", args=[candidate_a.person.candidate.pk]))

    # when
    page = client.get(reverse("console:audit_log"), {"action": "view"})
    rows = client.get(reverse("console:audit_log"), {"action": "view"}, HTTP_HX_REQUEST="true")
    everything = client.get(reverse("console:audit_log"))

    # then
    assert [(e.actor_label, e.action, e.object_label) for e in page.context["page"]] == [("hr.admin", "view", "周婷")]
    assert rows.templates[0].name == "console/_audit_rows.html"
    assert len(everything.context["page"]) == AuditEvent.objects.count()


def test_the_audit_log_ignores_an_invalid_filter(client: Client, hr_admin: User) -> None:
    # given
    client.force_login(hr_admin)

    # when
    response = client.get(reverse("console:audit_log"), {"since": "not-a-date"})

    # then
    assert response.status_code == 200
    assert len(response.context["page"]) == AuditEvent.objects.count()
