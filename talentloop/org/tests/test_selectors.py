from __future__ import annotations

import pytest

from talentloop.accounts.models import User
from talentloop.conftest import Organisation
from talentloop.org.models import Candidate, Employee, Role
from talentloop.org.selectors import (
    candidate_list,
    company_get_default,
    department_tree,
    employee_list,
    employee_record_get,
    own_records_get,
    position_list,
    role_grant_list,
)
from talentloop.org.services import candidate_create, candidate_update
from talentloop.org.tests.factories import CandidateFactory, CompanyFactory, EmployeeFactory, UserFactory


@pytest.mark.django_db
def test_company_get_default_is_the_first_company(org: Organisation) -> None:
    # given
    CompanyFactory.create(name="Later")

    # when / then
    assert company_get_default() == org.company


@pytest.mark.django_db
def test_company_get_default_without_any_company() -> None:
    assert company_get_default() is None


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("", ["冯凯", "吴杰", "周婷"]),
        ("周", ["周婷"]),
        ("WU.JIE@", ["吴杰"]),
        ("138001380", ["冯凯", "吴杰", "周婷"]),
        ("13800138002", ["吴杰"]),
        ("工程师", ["吴杰"]),
        ("nobody", []),
    ],
)
def test_candidate_list_searches_name_email_mobile_and_position_newest_first(
    query: str, names: list[str], org: Organisation, hr: User, candidate_a: User, candidate_b: User
) -> None:
    # given: a third candidate, added last
    CandidateFactory.create(applied_position=org.key_account_manager, full_name="冯凯", mobile="13800138004")

    # when
    found = candidate_list(user=hr, query=query)

    # then
    assert [candidate.person.full_name for candidate in found] == names


@pytest.mark.django_db
def test_candidate_list_filters_by_status(hr: User, candidate_a: User, candidate_b: User) -> None:
    # given
    candidate_update(actor=hr, candidate=candidate_b.person.candidate, data={"status": Candidate.Status.HIRED})

    # when
    hired = candidate_list(user=hr, status=Candidate.Status.HIRED)
    active = candidate_list(user=hr, status=Candidate.Status.ACTIVE)

    # then
    assert [candidate.person.full_name for candidate in hired] == ["吴杰"]
    assert [candidate.person.full_name for candidate in active] == ["周婷"]


@pytest.mark.django_db
def test_candidate_list_search_never_widens_what_a_role_sees(
    rnd_manager: User, candidate_a: User, candidate_b: User
) -> None:
    # when
    found = {query: list(candidate_list(user=rnd_manager, query=query)) for query in ("周婷", "zhou", "销售代表", "")}

    # then
    assert {query: [c.person.full_name for c in candidates] for query, candidates in found.items()} == {
        "周婷": [],
        "zhou": [],
        "销售代表": [],
        "": ["吴杰"],
    }


@pytest.mark.django_db
def test_employee_list_searches_and_filters_by_department_subtree(
    org: Organisation, hr: User, sales_manager: User, employee: User, interviewer: User
) -> None:
    # given: one more employee in East China Sales
    EmployeeFactory.create(department=org.sales_east, person__full_name="孙浩", employee_number="E0103")

    # when
    in_sales = employee_list(user=hr, department_id=org.sales.pk)
    in_rnd = employee_list(user=hr, department_id=org.rnd.pk)
    in_nowhere = employee_list(user=hr, department_id=org.sales.pk + 1000)
    by_number = employee_list(user=hr, query="e010")
    by_email = employee_list(user=hr, query="LIU.YANG")

    # then: ordered by employee number
    assert [e.employee_number for e in in_sales] == ["E0101", "E0102", "E0103"]
    assert [e.employee_number for e in in_rnd] == ["E0202"]
    assert list(in_nowhere) == []
    assert [e.employee_number for e in by_number] == ["E0101", "E0102", "E0103"]
    assert [e.person.full_name for e in by_email] == ["刘洋"]


@pytest.mark.django_db
def test_employee_list_department_filter_stays_within_what_the_role_sees(
    org: Organisation, rnd_manager: User, employee: User, sales_manager: User
) -> None:
    # when
    found = employee_list(user=rnd_manager, department_id=org.sales.pk)

    # then
    assert list(found) == []


@pytest.mark.django_db
def test_department_tree_lists_parents_first_with_active_employee_counts(
    org: Organisation, hr_admin: User, hr: User, sales_manager: User, employee: User
) -> None:
    # given: one more employee in Sales who has left
    EmployeeFactory.create(department=org.sales, person__full_name="前员工")
    Employee.objects.filter(person__full_name="前员工").update(status=Employee.Status.LEFT)

    # when
    tree = department_tree(company=org.company)

    # then
    positions = {department.code: index for index, department in enumerate(tree)}
    assert positions["hq"] == 0
    assert positions["sales"] < positions["sales-east"]
    assert positions["rnd"] < positions["rnd-backend"]
    assert {department.code: department.employee_count for department in tree} == {  # type: ignore[attr-defined]
        "hq": 0,
        "sales": 2,
        "sales-east": 0,
        "rnd": 0,
        "rnd-backend": 0,
        "hr": 2,
    }


@pytest.mark.django_db
def test_position_list_counts_candidates_and_filters_by_subtree(
    org: Organisation, candidate_a: User, candidate_b: User
) -> None:
    # given
    CandidateFactory.create(applied_position=org.sales_representative, full_name="郑洁")

    # when
    in_sales = position_list(department=org.sales)
    everywhere = position_list()

    # then
    assert {position.code: position.candidate_count for position in in_sales} == {  # type: ignore[attr-defined]
        "sales-rep": 2,
        "key-account-manager": 0,
    }
    assert {position.code for position in everywhere} == {
        "sales-rep",
        "key-account-manager",
        "backend-engineer",
        "hrbp",
    }


@pytest.mark.django_db
def test_role_grant_list_orders_by_username_and_role(
    hr_admin: User, hr: User, sales_manager: User, interviewer: User
) -> None:
    # when
    grants = role_grant_list()

    # then
    assert [(grant.user.username, grant.role) for grant in grants] == [
        ("hr", Role.HR),
        ("hr.admin", Role.HR_ADMIN),
        ("interviewer", Role.INTERVIEWER),
        ("sales.manager", Role.HIRING_MANAGER),
    ]


@pytest.mark.django_db
def test_own_records_get(candidate_a: User, employee: User, hr: User) -> None:
    # given
    nobody = UserFactory.create(username="nobody")

    # when
    records = {
        "candidate_a": own_records_get(user=candidate_a),
        "employee": own_records_get(user=employee),
        "nobody": own_records_get(user=nobody),
    }

    # then
    assert records == {
        "candidate_a": (candidate_a.person.candidate, None),
        "employee": (None, employee.person.employee),
        "nobody": (None, None),
    }


@pytest.mark.django_db
def test_candidate_create_with_an_existing_account_links_the_user(org: Organisation) -> None:
    # given
    user = UserFactory.create(username="applicant")

    # when
    candidate = candidate_create(
        actor=None,
        company=org.company,
        full_name="林晓",
        email="lin.xiao@example.com",
        applied_position=org.backend_engineer,
        user=user,
    )

    # then
    assert own_records_get(user=User.objects.get(pk=user.pk)) == (candidate, None)


def test_employee_record_gives_the_department_path_and_the_nearest_hiring_managers(
    org: Organisation, employee: User, sales_manager: User, rnd_manager: User, interviewer: User
) -> None:
    # given employee works in Sales (managed by sales_manager); interviewer in R&D Backend Team, below R&D
    # when
    own = employee_record_get(employee=employee.person.employee)
    below = employee_record_get(employee=interviewer.person.employee)

    # then
    assert [d.code for d in own.department_path] == ["hq", "sales"]
    assert (own.managers, own.managers_department) == (["张伟"], org.sales)
    assert [d.code for d in below.department_path] == ["hq", "rnd", "rnd-backend"]
    assert (below.managers, below.managers_department) == (["陈磊"], org.rnd)


def test_employee_record_without_a_hiring_manager_above(org: Organisation, hr: User) -> None:
    # when
    record = employee_record_get(employee=hr.person.employee)

    # then
    assert [d.code for d in record.department_path] == ["hq", "hr"]
    assert (record.managers, record.managers_department) == ([], None)


def test_a_hiring_managers_own_record_does_not_name_them_as_their_manager(
    org: Organisation, sales_manager: User
) -> None:
    # when
    record = employee_record_get(employee=sales_manager.person.employee)

    # then: nobody manages Headquarters above Sales
    assert (record.managers, record.managers_department) == ([], None)
