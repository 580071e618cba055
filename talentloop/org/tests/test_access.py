from __future__ import annotations

import pytest
from django.test import RequestFactory
from pytest_django import DjangoAssertNumQueries

from talentloop.accounts.models import User
from talentloop.conftest import Organisation
from talentloop.core.exceptions import ErrorCode, NotFound, PermissionDenied
from talentloop.core.models import AuditEvent
from talentloop.org.access import (
    ANONYMOUS,
    actor_get,
    audit_log_check_access,
    candidate_get_for_user,
    candidate_list_for_user,
    department_list_for_user,
    employee_get_for_user,
    employee_list_for_user,
    organisation_check_manage,
    role_grants_check_manage,
)
from talentloop.org.models import Department, Employee, Role
from talentloop.org.services import role_grant_create
from talentloop.org.tests.factories import CandidateFactory, DepartmentFactory, PositionFactory, UserFactory

# --- who is who ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_actor_get_computes_roles_and_scopes_of_every_persona(
    org: Organisation, personas: dict[str, User | None]
) -> None:
    # when
    actors = {name: actor_get(user) for name, user in personas.items()}

    # then
    assert {name: set(actor.roles) for name, actor in actors.items()} == {
        "anonymous": set(),
        "hr_admin": {Role.HR_ADMIN, Role.EMPLOYEE},
        "hr": {Role.HR, Role.EMPLOYEE},
        "sales_manager": {Role.HIRING_MANAGER, Role.EMPLOYEE},
        "rnd_manager": {Role.HIRING_MANAGER, Role.EMPLOYEE},
        "interviewer": {Role.INTERVIEWER, Role.EMPLOYEE},
        "employee": {Role.EMPLOYEE},
        "candidate_a": {Role.CANDIDATE},
        "candidate_b": {Role.CANDIDATE},
    }
    assert actors["sales_manager"].managed_department_paths == (org.sales.path,)
    assert actors["rnd_manager"].managed_department_paths == (org.rnd.path,)
    assert {name for name, actor in actors.items() if actor.is_staff_member} == {
        "hr_admin",
        "hr",
        "sales_manager",
        "rnd_manager",
        "interviewer",
    }
    assert {name for name, actor in actors.items() if actor.is_hr} == {"hr_admin", "hr"}
    assert {name for name, actor in actors.items() if actor.is_hr_admin} == {"hr_admin"}


@pytest.mark.django_db
def test_actor_get_treats_an_inactive_user_as_anonymous(hr_admin: User) -> None:
    # given
    hr_admin.is_active = False
    hr_admin.save()
    signed_in_again = User.objects.get(pk=hr_admin.pk)

    # when
    actor = actor_get(signed_in_again)

    # then
    assert actor == ANONYMOUS


@pytest.mark.django_db
def test_an_employee_who_left_loses_the_employee_role(employee: User) -> None:
    # given
    Employee.objects.filter(person__user=employee).update(status=Employee.Status.LEFT)
    fresh = User.objects.get(pk=employee.pk)

    # when
    actor = actor_get(fresh)

    # then
    assert actor.roles == frozenset()
    assert list(employee_list_for_user(fresh)) == []


@pytest.mark.django_db
def test_actor_get_is_computed_once_per_user_object(
    hr: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    # given
    user = User.objects.get(pk=hr.pk)
    with django_assert_num_queries(4):
        actor_get(user)

    # when: the second call is served from the user object
    with django_assert_num_queries(0):
        actor = actor_get(user)

    # then
    assert actor.is_hr


# --- candidates ------------------------------------------------------------------------------------------------


def _names(candidates: object) -> set[str]:
    return {candidate.person.full_name for candidate in candidates}  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_a_hiring_manager_sees_candidates_of_their_department_and_every_department_below(
    org: Organisation, sales_manager: User, candidate_a: User, candidate_b: User
) -> None:
    # given: one candidate directly in Sales, one in East China Sales (candidate_a), one in R&D (candidate_b),
    # and one four levels below Sales
    CandidateFactory.create(applied_position=org.key_account_manager, full_name="冯凯")
    deep = DepartmentFactory.create(
        company=org.company,
        parent=DepartmentFactory.create(company=org.company, parent=org.sales_east, name="上海组", code="shanghai"),
        name="浦东小组",
        code="pudong",
    )
    CandidateFactory.create(applied_position=PositionFactory.create(department=deep), full_name="林晓")

    # when
    visible = candidate_list_for_user(sales_manager)

    # then
    assert _names(visible) == {"冯凯", "周婷", "林晓"}


@pytest.mark.django_db
def test_a_hiring_manager_of_a_sub_department_does_not_see_the_parent_department(
    org: Organisation, candidate_a: User, employee: User
) -> None:
    # given: a manager of East China Sales only, and a candidate directly in Sales
    manager = UserFactory.create(username="east.manager")
    role_grant_create(actor=None, user=manager, role=Role.HIRING_MANAGER, department=org.sales_east)
    CandidateFactory.create(applied_position=org.key_account_manager, full_name="冯凯")

    # when
    candidates = candidate_list_for_user(manager)
    employees = employee_list_for_user(manager)

    # then
    assert _names(candidates) == {"周婷"}
    assert list(employees) == []


@pytest.mark.django_db
def test_a_department_path_that_shares_a_prefix_is_not_a_subtree(org: Organisation, sales_manager: User) -> None:
    # given: a sibling whose id starts with the digits of Sales' id (Sales /1/2/, sibling /1/29/). Ids come from the
    # database, so this one row is written with a chosen id and the path the service would give it.
    sibling = Department.objects.create(
        pk=int(f"{org.sales.pk}9"),
        company=org.company,
        parent=org.headquarters,
        name="市场部",
        code="marketing",
        depth=1,
    )
    sibling.path = f"{org.headquarters.path}{sibling.pk}/"
    sibling.save(update_fields=["path"])
    assert sibling.path.startswith(org.sales.path.rstrip("/"))
    CandidateFactory.create(applied_position=PositionFactory.create(department=sibling), full_name="林晓")

    # when
    visible = candidate_list_for_user(sales_manager)

    # then
    assert _names(visible) == set()
    assert sibling not in department_list_for_user(sales_manager)


@pytest.mark.django_db
def test_a_user_with_several_roles_sees_the_union_once(
    org: Organisation, interviewer: User, candidate_a: User, candidate_b: User
) -> None:
    # given: the interviewer of candidate_a also manages R&D and East China Sales
    role_grant_create(actor=None, user=interviewer, role=Role.HIRING_MANAGER, department=org.rnd)
    role_grant_create(actor=None, user=interviewer, role=Role.HIRING_MANAGER, department=org.sales_east)

    # when
    visible = list(candidate_list_for_user(interviewer))

    # then
    assert sorted(candidate.person.full_name for candidate in visible) == ["吴杰", "周婷"]


@pytest.mark.django_db
def test_candidate_get_for_user_audits_a_view(hr: User, candidate_a: User) -> None:
    # given
    request = RequestFactory().get("/console/candidates/1/", REMOTE_ADDR="10.0.0.7")
    candidate = candidate_a.person.candidate
    views_before = AuditEvent.objects.filter(action="view").count()

    # when
    fetched = candidate_get_for_user(hr, candidate.pk, request=request)

    # then
    assert fetched == candidate
    assert AuditEvent.objects.filter(action="view").count() == views_before + 1
    event = AuditEvent.objects.filter(action="view").get()
    assert (event.actor, event.object_type, event.object_id, event.object_label, event.ip_address, event.channel) == (
        hr,
        "org.candidate",
        str(candidate.pk),
        "周婷",
        "10.0.0.7",
        "web",
    )


@pytest.mark.django_db
def test_candidate_get_for_user_refuses_unseen_and_unchangeable_candidates(
    rnd_manager: User, sales_manager: User, candidate_a: User
) -> None:
    # given
    candidate_id = candidate_a.person.candidate.pk
    events_before = AuditEvent.objects.count()

    # when
    with pytest.raises(NotFound) as unseen:
        candidate_get_for_user(rnd_manager, candidate_id)
    with pytest.raises(PermissionDenied) as unchangeable:
        candidate_get_for_user(sales_manager, candidate_id, intent="change")
    with pytest.raises(NotFound) as missing:
        candidate_get_for_user(sales_manager, candidate_id + 1000)
    with pytest.raises(NotFound) as malformed:
        candidate_get_for_user(sales_manager, "not-a-number")

    # then
    assert (unseen.value.status, unchangeable.value.status, missing.value.status, malformed.value.status) == (
        404,
        403,
        404,
        404,
    )
    assert unchangeable.value.code == ErrorCode.PERMISSION_DENIED
    assert AuditEvent.objects.count() == events_before


@pytest.mark.django_db
def test_candidate_get_for_user_with_intent_change_does_not_audit_a_view(hr: User, candidate_a: User) -> None:
    # given
    events_before = AuditEvent.objects.count()

    # when
    candidate_get_for_user(hr, candidate_a.person.candidate.pk, intent="change")

    # then
    assert AuditEvent.objects.count() == events_before


# --- employees -------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_employee_get_for_user_sees_own_record_and_subtree_only(
    employee: User, sales_manager: User, rnd_manager: User
) -> None:
    # given
    record = employee.person.employee

    # when
    own = employee_get_for_user(employee, record.pk)
    managed = employee_get_for_user(sales_manager, record.pk)

    # then
    assert own == managed == record
    with pytest.raises(NotFound):
        employee_get_for_user(rnd_manager, record.pk)
    with pytest.raises(PermissionDenied):
        employee_get_for_user(employee, record.pk, intent="change")
    with pytest.raises(PermissionDenied):
        employee_get_for_user(sales_manager, record.pk, intent="change")
    assert AuditEvent.objects.filter(action="view", object_type="org.employee").count() == 2


@pytest.mark.django_db
def test_department_list_for_user(org: Organisation, hr: User, sales_manager: User, employee: User) -> None:
    # when
    seen = {name: set(department_list_for_user(user)) for name, user in [("hr", hr), ("sales", sales_manager)]}

    # then
    assert seen["hr"] == {
        org.headquarters,
        org.sales,
        org.sales_east,
        org.rnd,
        org.rnd_backend,
        org.human_resources,
    }
    assert seen["sales"] == {org.sales, org.sales_east}
    assert list(department_list_for_user(employee)) == []


# --- sections --------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_section_checks(personas: dict[str, User | None]) -> None:
    # given
    outcomes: dict[str, tuple[int, int, int]] = {}

    # when
    for name, user in personas.items():
        statuses = []
        for check in (audit_log_check_access, organisation_check_manage, role_grants_check_manage):
            try:
                check(user)
            except (NotFound, PermissionDenied) as error:
                statuses.append(error.status)
            else:
                statuses.append(200)
        outcomes[name] = (statuses[0], statuses[1], statuses[2])

    # then: (audit log, organisation, roles)
    assert outcomes == {
        "anonymous": (404, 403, 403),
        "hr_admin": (200, 200, 200),
        "hr": (403, 200, 403),
        "sales_manager": (403, 403, 403),
        "rnd_manager": (403, 403, 403),
        "interviewer": (403, 403, 403),
        "employee": (404, 403, 403),
        "candidate_a": (404, 403, 403),
        "candidate_b": (404, 403, 403),
    }
