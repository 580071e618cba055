"""The people every test can use, in one place.

The company tree::

    总部 Headquarters
    ├── 销售部 Sales                 ← sales_manager manages it; employee works here
    │   └── 华东销售组 East China Sales ← candidate_a applied here (Sales Representative)
    ├── 研发部 R&D                    ← rnd_manager manages it; candidate_b applied here (Backend Engineer)
    │   └── 后端开发组 Backend Team      ← interviewer works here
    └── 人力资源部 Human Resources      ← hr_admin and hr work here

Staff personas are employees too, as they are in a real company. Every persona signs in with ``PASSWORD``.
Persona fixtures return the ``User``; their records are ``user.person.candidate`` / ``user.person.employee``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from talentloop.accounts.models import User
from talentloop.org.models import Company, Department, Position, Role
from talentloop.org.services import role_grant_create
from talentloop.org.tests.factories import (
    CandidateFactory,
    CompanyFactory,
    DepartmentFactory,
    EmployeeFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Rate limits count in the cache; every test starts with none used."""
    from django.core.cache import cache

    cache.clear()


ROLES = (
    "anonymous",
    "hr_admin",
    "hr",
    "sales_manager",
    "rnd_manager",
    "interviewer",
    "employee",
    "candidate_a",
    "candidate_b",
)


@dataclass(frozen=True)
class Organisation:
    company: Company
    headquarters: Department
    sales: Department
    sales_east: Department
    rnd: Department
    rnd_backend: Department
    human_resources: Department
    sales_representative: Position
    key_account_manager: Position
    backend_engineer: Position
    hr_business_partner: Position


@pytest.fixture
def org(db: None) -> Organisation:
    company = CompanyFactory.create(name="华腾科技有限公司", name_en="Huateng Technology", slug="huateng")
    headquarters = DepartmentFactory.create(company=company, name="总部", name_en="Headquarters", code="hq")
    sales = DepartmentFactory.create(company=company, name="销售部", name_en="Sales", code="sales", parent=headquarters)
    sales_east = DepartmentFactory.create(
        company=company, name="华东销售组", name_en="East China Sales", code="sales-east", parent=sales
    )
    rnd = DepartmentFactory.create(company=company, name="研发部", name_en="R&D", code="rnd", parent=headquarters)
    rnd_backend = DepartmentFactory.create(
        company=company, name="后端开发组", name_en="Backend Team", code="rnd-backend", parent=rnd
    )
    human_resources = DepartmentFactory.create(
        company=company, name="人力资源部", name_en="Human Resources", code="hr", parent=headquarters
    )
    return Organisation(
        company=company,
        headquarters=headquarters,
        sales=sales,
        sales_east=sales_east,
        rnd=rnd,
        rnd_backend=rnd_backend,
        human_resources=human_resources,
        sales_representative=PositionFactory.create(department=sales_east, title="销售代表", code="sales-rep"),
        key_account_manager=PositionFactory.create(department=sales, title="大客户经理", code="key-account-manager"),
        backend_engineer=PositionFactory.create(department=rnd, title="后端工程师", code="backend-engineer"),
        hr_business_partner=PositionFactory.create(department=human_resources, title="HRBP", code="hrbp"),
    )


def _employee_user(
    org: Organisation,
    *,
    username: str,
    full_name: str,
    email: str,
    department: Department,
    employee_number: str,
    role: Role | None = None,
    role_department: Department | None = None,
) -> User:
    user = UserFactory.create(username=username, email=email, display_name=full_name)
    person = PersonFactory.create(company=org.company, full_name=full_name, email=email, user=user)
    EmployeeFactory.create(person=person, department=department, employee_number=employee_number)
    if role is not None:
        role_grant_create(actor=None, user=user, role=role, department=role_department)
    return user


@pytest.fixture
def hr_admin(org: Organisation) -> User:
    return _employee_user(
        org,
        username="hr.admin",
        full_name="王敏",
        email="wang.min@huateng.example",
        department=org.human_resources,
        employee_number="E0001",
        role=Role.HR_ADMIN,
    )


@pytest.fixture
def hr(org: Organisation) -> User:
    return _employee_user(
        org,
        username="hr",
        full_name="李娜",
        email="li.na@huateng.example",
        department=org.human_resources,
        employee_number="E0002",
        role=Role.HR,
    )


@pytest.fixture
def sales_manager(org: Organisation) -> User:
    """Hiring manager of Sales (and so of East China Sales below it)."""
    return _employee_user(
        org,
        username="sales.manager",
        full_name="张伟",
        email="zhang.wei@huateng.example",
        department=org.sales,
        employee_number="E0101",
        role=Role.HIRING_MANAGER,
        role_department=org.sales,
    )


@pytest.fixture
def rnd_manager(org: Organisation) -> User:
    """Hiring manager of R&D: the manager of *another* department, who must see nothing of Sales."""
    return _employee_user(
        org,
        username="rnd.manager",
        full_name="陈磊",
        email="chen.lei@huateng.example",
        department=org.rnd,
        employee_number="E0201",
        role=Role.HIRING_MANAGER,
        role_department=org.rnd,
    )


@pytest.fixture
def interviewer(org: Organisation) -> User:
    """An interviewer from R&D; the ``candidate_a`` fixture assigns them to candidate_a."""
    return _employee_user(
        org,
        username="interviewer",
        full_name="刘洋",
        email="liu.yang@huateng.example",
        department=org.rnd_backend,
        employee_number="E0202",
        role=Role.INTERVIEWER,
    )


@pytest.fixture
def employee(org: Organisation) -> User:
    """An employee of Sales with no staff role."""
    return _employee_user(
        org,
        username="employee",
        full_name="赵静",
        email="zhao.jing@huateng.example",
        department=org.sales,
        employee_number="E0102",
    )


@pytest.fixture
def candidate_a(org: Organisation, interviewer: User) -> User:
    """Applied to Sales Representative (East China Sales, below Sales); interviewer is assigned to them."""
    user = UserFactory.create(username="candidate.a", email="zhou.ting@example.com", display_name="周婷")
    candidate = CandidateFactory.create(
        applied_position=org.sales_representative,
        full_name="周婷",
        email="zhou.ting@example.com",
        mobile="13800138001",
        source="招聘网站",
        user=user,
    )
    candidate.interviewers.add(interviewer)
    return user


@pytest.fixture
def candidate_b(org: Organisation) -> User:
    """Applied to Backend Engineer in R&D."""
    user = UserFactory.create(username="candidate.b", email="wu.jie@example.com", display_name="吴杰")
    CandidateFactory.create(
        applied_position=org.backend_engineer,
        full_name="吴杰",
        email="wu.jie@example.com",
        mobile="13800138002",
        source="内部推荐",
        user=user,
    )
    return user


@pytest.fixture
def personas(
    hr_admin: User,
    hr: User,
    sales_manager: User,
    rnd_manager: User,
    interviewer: User,
    employee: User,
    candidate_a: User,
    candidate_b: User,
) -> dict[str, User | None]:
    """Every persona by role name; ``anonymous`` is ``None``."""
    return {
        "anonymous": None,
        "hr_admin": hr_admin,
        "hr": hr,
        "sales_manager": sales_manager,
        "rnd_manager": rnd_manager,
        "interviewer": interviewer,
        "employee": employee,
        "candidate_a": candidate_a,
        "candidate_b": candidate_b,
    }


@pytest.fixture
def client_for(client: Any) -> Any:
    """``client_for(user)``: the test client signed in as ``user`` (anonymous for ``None``)."""

    def sign_in(user: User | None) -> Any:
        if user is not None:
            client.force_login(user)
        return client

    return sign_in
