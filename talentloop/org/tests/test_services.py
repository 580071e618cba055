from __future__ import annotations

from typing import Any

import pytest

from talentloop.accounts.models import User
from talentloop.conftest import Organisation
from talentloop.core.exceptions import ErrorCode, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.tests.helpers import translated
from talentloop.org.access import actor_get
from talentloop.org.models import Candidate, Department, Employee, Person, Position, Role, RoleGrant
from talentloop.org.services import (
    candidate_create,
    candidate_create_for_person,
    candidate_update,
    company_create,
    department_create,
    department_move,
    employee_create,
    position_create,
    role_grant_create,
)
from talentloop.org.tests.factories import CompanyFactory, DepartmentFactory, PersonFactory


def _tree(company: Any) -> list[tuple[str, str, int]]:
    """(path written with codes instead of ids, code, depth) for every department, sorted by that path (ids differ
    from one database to the next, codes do not)."""
    codes = dict(Department.objects.values_list("pk", "code"))
    return sorted(
        (
            "/".join(codes[int(part)] for part in department.path.strip("/").split("/")),
            department.code,
            department.depth,
        )
        for department in Department.objects.filter(company=company)
    )


def _department_state() -> list[tuple[str, str, int, int | None]]:
    return list(Department.objects.order_by("pk").values_list("code", "path", "depth", "parent_id"))


# --- company and department tree -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_company_create_refuses_a_used_slug() -> None:
    # given
    company_create(name="华腾科技", slug="huateng")

    # when
    with pytest.raises(ValidationFailed) as error:
        company_create(name="Another", slug="huateng")

    # then
    assert error.value.fields == translated({"slug": ["Already used."]})
    assert error.value.code == ErrorCode.VALIDATION_ERROR


@pytest.mark.django_db
def test_department_create_builds_a_path_at_any_depth() -> None:
    # given
    company = CompanyFactory.create()
    parent = None

    # when: a chain eight levels deep
    chain = []
    for level in range(8):
        parent = department_create(company=company, name=f"Level {level}", code=f"level-{level}", parent=parent)
        chain.append(parent)

    # then
    for depth, department in enumerate(chain):
        department.refresh_from_db()
        assert department.depth == depth
        assert department.path == "/" + "".join(f"{ancestor.pk}/" for ancestor in chain[: depth + 1])
    deepest = chain[-1]
    assert list(Department.objects.filter(path__startswith=chain[3].path).order_by("depth")) == chain[3:]
    assert deepest.path.count("/") == 9


@pytest.mark.django_db
def test_department_create_derives_the_code_from_the_english_name() -> None:
    # given
    company = CompanyFactory.create()

    # when
    department = department_create(company=company, name="市场部", name_en="Market Research")

    # then
    assert department.code == "market-research"
    assert (department.name, department.name_en, department.depth, department.path) == (
        "市场部",
        "Market Research",
        0,
        f"/{department.pk}/",
    )


@pytest.mark.django_db
def test_department_create_refuses_a_duplicate_code_and_a_missing_name(org: Organisation) -> None:
    # given
    before = _department_state()

    # when
    with pytest.raises(ValidationFailed) as duplicate:
        department_create(company=org.company, name="Sales again", code="sales")
    with pytest.raises(ValidationFailed) as nameless:
        department_create(company=org.company, name="   ")

    # then
    assert duplicate.value.fields == translated({"code": ["Choose another code."]})
    assert nameless.value.fields == translated({"name": ["This field is required."]})
    assert _department_state() == before


@pytest.mark.django_db
def test_department_create_refuses_a_parent_of_another_company(org: Organisation) -> None:
    # given
    other = CompanyFactory.create()
    before = _department_state()

    # when
    with pytest.raises(ValidationFailed) as error:
        department_create(company=other, name="Satellite", code="satellite", parent=org.sales)

    # then
    assert list(error.value.fields) == ["parent"]
    assert _department_state() == before


@pytest.mark.django_db
def test_department_move_repaths_every_descendant(org: Organisation) -> None:
    # given: East China Sales gets a team of its own, three levels below Sales
    shanghai = DepartmentFactory.create(company=org.company, name="上海组", code="shanghai", parent=org.sales_east)
    pudong = DepartmentFactory.create(company=org.company, name="浦东小组", code="pudong", parent=shanghai)

    # when: Sales moves below R&D
    department_move(department=org.sales, parent=org.rnd)

    # then
    assert _tree(org.company) == [
        ("hq", "hq", 0),
        ("hq/hr", "hr", 1),
        ("hq/rnd", "rnd", 1),
        ("hq/rnd/rnd-backend", "rnd-backend", 2),
        ("hq/rnd/sales", "sales", 2),
        ("hq/rnd/sales/sales-east", "sales-east", 3),
        ("hq/rnd/sales/sales-east/shanghai", "shanghai", 4),
        ("hq/rnd/sales/sales-east/shanghai/pudong", "pudong", 5),
    ]
    pudong.refresh_from_db()
    assert (
        pudong.path
        == f"/{org.headquarters.pk}/{org.rnd.pk}/{org.sales.pk}/{org.sales_east.pk}/{shanghai.pk}/{pudong.pk}/"
    )


@pytest.mark.django_db
def test_department_move_to_the_top_of_the_tree(org: Organisation) -> None:
    # when
    department_move(department=org.sales, parent=None)

    # then
    assert _tree(org.company) == [
        ("hq", "hq", 0),
        ("hq/hr", "hr", 1),
        ("hq/rnd", "rnd", 1),
        ("hq/rnd/rnd-backend", "rnd-backend", 2),
        ("sales", "sales", 0),
        ("sales/sales-east", "sales-east", 1),
    ]


@pytest.mark.django_db
def test_department_move_refuses_to_move_below_itself(org: Organisation) -> None:
    # given
    before = _department_state()

    # when
    with pytest.raises(ValidationFailed) as onto_itself:
        department_move(department=org.sales, parent=org.sales)
    with pytest.raises(ValidationFailed) as below_itself:
        department_move(department=org.sales, parent=org.sales_east)
    with pytest.raises(ValidationFailed) as root_below_descendant:
        department_move(department=org.headquarters, parent=org.rnd_backend)

    # then
    for error in (onto_itself, below_itself, root_below_descendant):
        assert error.value.fields == translated({"parent": ["Choose another department."]})
    assert _department_state() == before


# --- positions and employees -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_position_create_refuses_a_duplicate_code(org: Organisation) -> None:
    # when
    with pytest.raises(ValidationFailed) as error:
        position_create(department=org.rnd, title="Another sales rep", code="sales-rep")

    # then
    assert error.value.fields == translated({"code": ["Choose another code."]})
    assert Position.objects.filter(code="sales-rep").get().department == org.sales_east


@pytest.mark.django_db
def test_employee_create_records_the_employee_and_an_audit_event(org: Organisation, hr: User) -> None:
    # given
    person = PersonFactory.create(company=org.company, full_name="孙浩")
    events_before = AuditEvent.objects.count()

    # when
    employee = employee_create(actor=hr, person=person, department=org.rnd_backend, employee_number="E0301")

    # then
    assert (employee.department, employee.status, employee.employee_number) == (org.rnd_backend, "active", "E0301")
    assert AuditEvent.objects.count() == events_before + 1
    event = AuditEvent.objects.first()
    assert event is not None
    assert (event.action, event.actor, event.object_type, event.object_id, event.object_label) == (
        "create",
        hr,
        "org.employee",
        str(employee.pk),
        "孙浩 (E0301)",
    )


@pytest.mark.django_db
def test_employee_create_refuses_a_used_number_and_a_second_record(org: Organisation, employee: User) -> None:
    # given
    newcomer = PersonFactory.create(company=org.company)
    counts_before = (Employee.objects.count(), AuditEvent.objects.count())

    # when
    with pytest.raises(ValidationFailed) as used_number:
        employee_create(actor=None, person=newcomer, department=org.sales, employee_number="E0102")
    with pytest.raises(ValidationFailed) as second_record:
        employee_create(actor=None, person=employee.person, department=org.sales, employee_number="E9999")

    # then
    assert used_number.value.fields == translated({"employee_number": ["Already used."]})
    assert second_record.value.fields == translated({"person": ["Already employed."]})
    assert (Employee.objects.count(), AuditEvent.objects.count()) == counts_before


# --- candidates ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_candidate_create_normalises_and_audits(org: Organisation, hr: User) -> None:
    # given
    events_before = AuditEvent.objects.filter(action="create", object_type="org.candidate").count()

    # when
    candidate = candidate_create(
        actor=hr,
        company=org.company,
        full_name="  郑洁 ",
        email=" Zheng.Jie@Example.COM ",
        mobile="+86 138-0013-8003",
        source=" 校园招聘 ",
        applied_position=org.key_account_manager,
    )

    # then
    candidate.refresh_from_db()
    person = candidate.person
    assert (person.full_name, person.email, person.mobile, person.company) == (
        "郑洁",
        "zheng.jie@example.com",
        "+8613800138003",
        org.company,
    )
    assert (candidate.source, candidate.status, candidate.applied_position) == (
        "校园招聘",
        "active",
        org.key_account_manager,
    )
    assert AuditEvent.objects.filter(action="create", object_type="org.candidate").count() == events_before + 1
    event = AuditEvent.objects.filter(action="create", object_type="org.candidate").first()
    assert event is not None
    assert (event.actor, event.actor_label, event.object_id, event.object_label) == (
        hr,
        "hr",
        str(candidate.pk),
        "郑洁",
    )


@pytest.mark.django_db
def test_candidate_create_accepts_a_mobile_without_an_email(org: Organisation) -> None:
    # when
    candidate = candidate_create(
        actor=None, company=org.company, full_name="马超", mobile="13800138007", applied_position=org.backend_engineer
    )

    # then
    assert (candidate.person.email, candidate.person.mobile) == ("", "13800138007")


def _candidate_rows() -> tuple[int, int, int]:
    return Candidate.objects.count(), Person.objects.count(), AuditEvent.objects.count()


@pytest.mark.parametrize(
    ("arguments", "fields"),
    [
        pytest.param(
            {"full_name": "", "email": "new@example.com"},
            {"full_name": ["This field is required."]},
            id="name-required",
        ),
        pytest.param(
            {"full_name": "   ", "email": "new@example.com"},
            {"full_name": ["This field is required."]},
            id="name-blank",
        ),
        pytest.param(
            {"full_name": "郑洁", "email": " ", "mobile": ""},
            {"email": ["Email or mobile is required."], "mobile": ["Email or mobile is required."]},
            id="email-or-mobile-required",
        ),
        pytest.param(
            {"full_name": "郑洁", "email": "ZHOU.TING@example.com"},
            {"email": ["Already registered."]},
            id="duplicate-email-any-case",
        ),
        pytest.param(
            {"full_name": "郑洁", "mobile": "138 0013 8001"},
            {"mobile": ["Already registered."]},
            id="duplicate-mobile-any-spacing",
        ),
        pytest.param(
            {"full_name": "郑洁", "mobile": "call me maybe"},
            {"mobile": ["Use digits, optionally starting with +."]},
            id="invalid-mobile",
        ),
        pytest.param(
            {"full_name": "郑洁", "mobile": "12345"},
            {"mobile": ["Use digits, optionally starting with +."]},
            id="too-short-mobile",
        ),
    ],
)
def test_candidate_create_refuses_invalid_input_and_writes_nothing(
    arguments: dict[str, Any], fields: dict[str, list[str]], org: Organisation, candidate_a: User, hr: User
) -> None:
    # given
    before = _candidate_rows()

    # when
    with pytest.raises(ValidationFailed) as error:
        candidate_create(actor=hr, company=org.company, applied_position=org.sales_representative, **arguments)

    # then
    assert error.value.code == ErrorCode.VALIDATION_ERROR
    assert error.value.fields == translated(fields)
    assert _candidate_rows() == before


@pytest.mark.django_db
def test_candidate_create_allows_the_same_email_in_another_company(org: Organisation, candidate_a: User) -> None:
    # given
    other_company = CompanyFactory.create()
    department = DepartmentFactory.create(company=other_company)
    position = position_create(department=department, title="Sales", code="other-sales")

    # when
    candidate = candidate_create(
        actor=None,
        company=other_company,
        full_name="周婷",
        email="zhou.ting@example.com",
        applied_position=position,
    )

    # then
    assert Candidate.objects.filter(person__email="zhou.ting@example.com").count() == 2
    assert candidate.person.company == other_company


def _candidate_a_state(candidate: Candidate) -> tuple[Any, ...]:
    candidate.refresh_from_db()
    candidate.person.refresh_from_db()
    person = candidate.person
    return (
        person.full_name,
        person.email,
        person.mobile,
        candidate.source,
        candidate.notes,
        candidate.status,
        candidate.applied_position_id,
    )


@pytest.mark.django_db
def test_candidate_update_records_old_and_new_values(org: Organisation, candidate_a: User, hr: User) -> None:
    # given
    candidate = candidate_a.person.candidate
    events_before = AuditEvent.objects.count()

    # when
    candidate_update(
        actor=hr,
        candidate=candidate,
        data={
            "full_name": "周婷",  # unchanged: not recorded
            "email": " Ting.Zhou@Example.com ",
            "mobile": "139-0000-0000",
            "status": Candidate.Status.REJECTED,
            "notes": "Strong negotiator.",
            "applied_position": org.key_account_manager,
        },
    )

    # then
    assert _candidate_a_state(candidate) == (
        "周婷",
        "ting.zhou@example.com",
        "13900000000",
        "招聘网站",
        "Strong negotiator.",
        "rejected",
        org.key_account_manager.pk,
    )
    assert AuditEvent.objects.count() == events_before + 1
    event = AuditEvent.objects.first()
    assert event is not None
    assert (event.action, event.actor, event.object_type, event.object_id) == (
        "update",
        hr,
        "org.candidate",
        str(candidate.pk),
    )
    assert event.changes == {
        "email": ["zhou.ting@example.com", "ting.zhou@example.com"],
        "mobile": ["13800138001", "13900000000"],
        "status": ["active", "rejected"],
        "notes": ["", "Strong negotiator."],
        "applied_position": [org.sales_representative.pk, org.key_account_manager.pk],
    }


@pytest.mark.django_db
def test_candidate_update_without_changes_writes_no_audit_event(candidate_a: User, hr: User) -> None:
    # given
    candidate = candidate_a.person.candidate
    before = _candidate_a_state(candidate)
    events_before = AuditEvent.objects.count()

    # when
    candidate_update(actor=hr, candidate=candidate, data={"full_name": "周婷", "email": "ZHOU.TING@example.com"})

    # then
    assert _candidate_a_state(candidate) == before
    assert AuditEvent.objects.count() == events_before


@pytest.mark.parametrize(
    ("data", "fields"),
    [
        pytest.param(
            {"person": 1, "interviewers": []},
            {"interviewers": ["This field cannot be changed."], "person": ["This field cannot be changed."]},
            id="unknown-fields",
        ),
        pytest.param({"full_name": " "}, {"full_name": ["This field is required."]}, id="blank-name"),
        pytest.param({"status": "promoted"}, {"status": ["Choose one of the offered values."]}, id="unknown-status"),
        pytest.param(
            {"mobile": "not a number"}, {"mobile": ["Use digits, optionally starting with +."]}, id="invalid-mobile"
        ),
        pytest.param(
            {"email": "", "mobile": ""}, {"email": ["Email or mobile is required."]}, id="neither-email-nor-mobile"
        ),
    ],
)
def test_candidate_update_refuses_invalid_input_and_writes_nothing(
    data: dict[str, Any], fields: dict[str, list[str]], candidate_a: User, hr: User
) -> None:
    # given
    candidate = candidate_a.person.candidate
    before = _candidate_a_state(candidate)
    events_before = AuditEvent.objects.count()

    # when
    with pytest.raises(ValidationFailed) as error:
        candidate_update(actor=hr, candidate=candidate, data=data)

    # then
    assert error.value.fields == translated(fields)
    assert _candidate_a_state(candidate) == before
    assert AuditEvent.objects.count() == events_before


@pytest.mark.parametrize(
    ("data", "fields"),
    [
        pytest.param({"email": "Zhou.Ting@example.com"}, {"email": ["Already registered."]}, id="email"),
        pytest.param({"mobile": "138-0013-8001"}, {"mobile": ["Already registered."]}, id="mobile"),
    ],
)
def test_candidate_update_refuses_the_contact_of_another_candidate(
    data: dict[str, Any], fields: dict[str, list[str]], candidate_a: User, candidate_b: User, hr: User
) -> None:
    # given
    candidate = candidate_b.person.candidate
    before = _candidate_a_state(candidate)
    events_before = AuditEvent.objects.count()

    # when
    with pytest.raises(ValidationFailed) as error:
        candidate_update(actor=hr, candidate=candidate, data=data)

    # then
    assert error.value.fields == translated(fields)
    assert _candidate_a_state(candidate) == before
    assert AuditEvent.objects.count() == events_before


@pytest.mark.django_db
def test_candidate_update_keeps_the_candidates_own_contact(candidate_a: User, hr: User) -> None:
    # given
    candidate = candidate_a.person.candidate

    # when
    candidate_update(
        actor=hr, candidate=candidate, data={"email": "zhou.ting@example.com", "mobile": "13800138001", "notes": "ok"}
    )

    # then
    assert _candidate_a_state(candidate)[1:5] == ("zhou.ting@example.com", "13800138001", "招聘网站", "ok")


# --- role grants -----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_role_grant_create_needs_a_department_for_a_hiring_manager(employee: User, hr_admin: User) -> None:
    # given
    before = (RoleGrant.objects.count(), AuditEvent.objects.count())

    # when
    with pytest.raises(ValidationFailed) as error:
        role_grant_create(actor=hr_admin, user=employee, role=Role.HIRING_MANAGER)

    # then
    assert error.value.fields == translated({"department": ["This field is required."]})
    assert (RoleGrant.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.CANDIDATE])
def test_role_grant_create_refuses_roles_that_follow_from_records(role: Role, employee: User, hr_admin: User) -> None:
    # given
    before = (RoleGrant.objects.count(), AuditEvent.objects.count())

    # when
    with pytest.raises(ValidationFailed) as error:
        role_grant_create(actor=hr_admin, user=employee, role=role)

    # then
    assert list(error.value.fields) == ["role"]
    assert (RoleGrant.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.django_db
def test_role_grant_create_is_idempotent(org: Organisation, employee: User, hr_admin: User) -> None:
    # given
    grants_before = RoleGrant.objects.count()
    events_before = AuditEvent.objects.filter(action="grant").count()

    # when
    first = role_grant_create(actor=hr_admin, user=employee, role=Role.HIRING_MANAGER, department=org.sales_east)
    second = role_grant_create(actor=hr_admin, user=employee, role=Role.HIRING_MANAGER, department=org.sales_east)

    # then
    assert first.pk == second.pk
    assert RoleGrant.objects.count() == grants_before + 1
    assert AuditEvent.objects.filter(action="grant").count() == events_before + 1
    event = AuditEvent.objects.filter(action="grant").first()
    assert event is not None
    assert (event.actor, event.object_id, event.changes) == (
        hr_admin,
        str(employee.pk),
        {"role": "hiring_manager", "department": org.sales_east.pk},
    )


@pytest.mark.django_db
def test_role_grant_create_makes_company_wide_roles_ignore_the_department(
    org: Organisation, employee: User, hr_admin: User
) -> None:
    # when
    grant = role_grant_create(actor=hr_admin, user=employee, role=Role.INTERVIEWER, department=org.sales)
    again = role_grant_create(actor=hr_admin, user=employee, role=Role.INTERVIEWER)

    # then
    assert (grant.department, again.pk) == (None, grant.pk)
    assert RoleGrant.objects.filter(user=employee).count() == 1


@pytest.mark.django_db
def test_role_grant_create_takes_effect_for_the_same_user_object(org: Organisation, employee: User) -> None:
    # given: the actor is computed (and cached on the user object) before the grant
    assert actor_get(employee).roles == {Role.EMPLOYEE}

    # when
    role_grant_create(actor=None, user=employee, role=Role.HIRING_MANAGER, department=org.sales_east)

    # then
    actor = actor_get(employee)
    assert actor.roles == {Role.EMPLOYEE, Role.HIRING_MANAGER}
    assert actor.managed_department_paths == (org.sales_east.path,)


def test_candidate_create_for_person_makes_an_employee_a_candidate_once(org: Organisation, employee: User) -> None:
    # given
    person = employee.person
    assert actor_get(employee).roles == frozenset({Role.EMPLOYEE})

    # when
    candidate = candidate_create_for_person(
        actor=employee, person=person, applied_position=org.sales_representative, source="内部申请"
    )
    again = candidate_create_for_person(actor=employee, person=person, applied_position=org.backend_engineer)

    # then
    assert again == candidate
    assert (candidate.person, candidate.applied_position, candidate.source) == (
        person,
        org.sales_representative,
        "内部申请",
    )
    assert Person.objects.count() == 1
    assert actor_get(employee).roles == frozenset({Role.EMPLOYEE, Role.CANDIDATE})
    assert AuditEvent.objects.filter(action="create", object_type="org.candidate").count() == 1


def test_candidate_create_for_person_refuses_another_candidates_email(
    org: Organisation, employee: User, candidate_a: User
) -> None:
    # given the employee's email is already a candidate's
    person = employee.person
    person.email = "zhou.ting@example.com"
    person.save()
    before = Candidate.objects.count()

    # when
    with pytest.raises(ValidationFailed) as caught:
        candidate_create_for_person(actor=employee, person=person, applied_position=org.sales_representative)

    # then
    assert list(caught.value.fields) == ["email"]
    assert Candidate.objects.count() == before
