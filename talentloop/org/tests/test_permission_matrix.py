"""The permission matrix: every persona against every sensitive page and API endpoint.

``MATRIX`` below is the specification. Cells:

    ok      allowed (200, 201, or the redirect after a successful form) and candidate_a does not appear in the body
    ok+a    allowed, and the body shows candidate_a
    404     not found: the persona may not know the record or the page exists
    403     permission denied: the persona may see the record or section but not do this
    login   redirected to the sign-in page
    401     API: not authenticated

On every refused request the test also asserts that candidate_a's name, email and mobile are not in the body
and that nothing at all was written (row counts, candidate_a's fields and the audit log are unchanged). On every
allowed request it asserts exactly what was written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from talentloop.accounts.models import User
from talentloop.conftest import ROLES, Organisation
from talentloop.core.models import AuditEvent
from talentloop.core.tests.helpers import body_text
from talentloop.org.models import Candidate, Department, Employee, Person, Position, Role, RoleGrant
from talentloop.org.tests.factories import CandidateFactory, EmployeeFactory

MATRIX = """
endpoint                 anonymous hr_admin hr   sales_manager rnd_manager interviewer employee candidate_a candidate_b
web_candidate_list       login     ok+a     ok+a ok+a          ok          ok+a        404      404         404
web_candidate_detail     login     ok+a     ok+a ok+a          404         ok+a        404      404         404
web_candidate_edit_get   login     ok+a     ok+a 403           404         403         404      404         404
web_candidate_edit_post  login     ok       ok   403           404         403         404      404         404
web_candidate_create     login     ok       ok   403           403         403         404      404         404
web_employee_list        login     ok       ok   ok            ok          404         404      404         404
web_employee_detail      login     ok       ok   ok            404         404         404      404         404
web_organisation_get     login     ok       ok   403           403         403         404      404         404
web_organisation_post    login     ok       ok   403           403         403         404      404         404
web_roles_get            login     ok       403  403           403         403         404      404         404
web_roles_post           login     ok       403  403           403         403         404      404         404
web_audit_log            login     ok+a     403  403           403         403         404      404         404
web_wecom_get            login     ok       403  403           403         403         404      404         404
web_wecom_robots_get     login     ok       403  403           403         403         404      404         404
web_wecom_sync_get       login     ok       403  403           403         403         404      404         404
web_portal_profile       login     ok       ok   ok            ok          ok          ok       ok+a        ok
api_candidate_list       401       ok+a     ok+a ok+a          ok          ok+a        ok       ok+a        ok
api_candidate_create     401       ok       ok   403           403         403         403      403         403
api_candidate_detail     401       ok+a     ok+a ok+a          404         ok+a        404      ok+a        404
api_candidate_patch      401       ok+a     ok+a 403           404         403         404      403         404
api_employee_list        401       ok       ok   ok            ok          ok          ok       ok          ok
api_employee_detail      401       ok       ok   ok            404         404         ok       404         404
api_audit_events         401       ok+a     403  403           403         403         404      404         404
"""


def _parse_matrix(table: str) -> dict[str, dict[str, str]]:
    header, *rows = [line.split() for line in table.strip().splitlines()]
    assert tuple(header[1:]) == ROLES
    return {row[0]: dict(zip(ROLES, row[1:], strict=True)) for row in rows}


EXPECTED = _parse_matrix(MATRIX)

CANDIDATE_A_NAME, CANDIDATE_A_EMAIL, CANDIDATE_A_MOBILE = "周婷", "zhou.ting@example.com", "13800138001"


@dataclass(frozen=True)
class World:
    org: Organisation
    users: dict[str, User | None]
    candidate_a_id: int
    employee_record_id: int


@pytest.fixture
def world(org: Organisation, personas: dict[str, User | None], candidate_a: User, employee: User) -> World:
    return World(
        org=org,
        users=personas,
        candidate_a_id=candidate_a.person.candidate.pk,
        employee_record_id=employee.person.employee.pk,
    )


@dataclass(frozen=True)
class Endpoint:
    method: str
    url: Callable[[World], str]
    success_status: int
    data: Callable[[World], dict[str, Any]] | None = None
    # What an allowed request writes: row-count deltas (see _snapshot) and candidate_a's new field values.
    writes: dict[str, int] = field(default_factory=dict)
    changes_candidate_a: dict[str, str] = field(default_factory=dict)
    # Where an allowed form post redirects to.
    redirect: Callable[[World], str] | None = None


def _web_candidates(world: World) -> str:
    return reverse("console:candidate_list")


def _web_candidate_a(world: World) -> str:
    return reverse("console:candidate_detail", args=[world.candidate_a_id])


def _web_candidate_a_edit(world: World) -> str:
    return reverse("console:candidate_edit", args=[world.candidate_a_id])


def _web_candidate_create(world: World) -> str:
    return reverse("console:candidate_create")


def _web_employees(world: World) -> str:
    return reverse("console:employee_list")


def _web_employee(world: World) -> str:
    return reverse("console:employee_detail", args=[world.employee_record_id])


def _web_organisation(world: World) -> str:
    return reverse("console:organisation")


def _web_roles(world: World) -> str:
    return reverse("console:role_list")


def _web_audit(world: World) -> str:
    return reverse("console:audit_log")


def _web_wecom(world: World) -> str:
    return reverse("console:wecom_accounts")


def _web_wecom_robots(world: World) -> str:
    return reverse("console:wecom_robots")


def _web_wecom_sync(world: World) -> str:
    return reverse("console:wecom_contacts_sync")


def _web_profile(world: World) -> str:
    return reverse("portal:profile")


def _api_candidates(world: World) -> str:
    return reverse("api-v1:candidate-list")


def _api_candidate_a(world: World) -> str:
    return reverse("api-v1:candidate-detail", args=[world.candidate_a_id])


def _api_employees(world: World) -> str:
    return reverse("api-v1:employee-list")


def _api_employee(world: World) -> str:
    return reverse("api-v1:employee-detail", args=[world.employee_record_id])


def _api_audit(world: World) -> str:
    return reverse("api-v1:audit-event-list")


def _candidate_a_edit_form(world: World) -> dict[str, Any]:
    return {
        "full_name": CANDIDATE_A_NAME,
        "email": CANDIDATE_A_EMAIL,
        "mobile": CANDIDATE_A_MOBILE,
        "applied_position": world.org.sales_representative.pk,
        "source": "猎头",
        "notes": "",
        "status": Candidate.Status.ACTIVE,
    }


def _new_candidate_form(world: World) -> dict[str, Any]:
    return {
        "full_name": "郑洁",
        "email": "zheng.jie@example.com",
        "mobile": "13800138003",
        "applied_position": world.org.sales_representative.pk,
        "source": "",
        "notes": "",
    }


def _new_department_form(world: World) -> dict[str, Any]:
    return {
        "form": "department",
        "name": "市场部",
        "name_en": "Marketing",
        "code": "marketing",
        "parent": world.org.headquarters.pk,
    }


def _grant_interviewer_form(world: World) -> dict[str, Any]:
    return {"username": "employee", "role": Role.INTERVIEWER, "department": ""}


def _candidate_a_patch(world: World) -> dict[str, Any]:
    return {"source": "猎头"}


def _new_candidate_json(world: World) -> dict[str, Any]:
    return {
        "full_name": "郑洁",
        "email": "zheng.jie@example.com",
        "mobile": "13800138003",
        "applied_position": world.org.sales_representative.pk,
    }


def _newest_candidate_detail(world: World) -> str:
    newest = Candidate.objects.get(person__email="zheng.jie@example.com")
    return reverse("console:candidate_detail", args=[newest.pk])


ENDPOINTS: dict[str, Endpoint] = {
    "web_candidate_list": Endpoint("get", _web_candidates, 200),
    "web_candidate_detail": Endpoint("get", _web_candidate_a, 200, writes={"audit.view": 1}),
    "web_candidate_edit_get": Endpoint("get", _web_candidate_a_edit, 200, writes={"audit.view": 1}),
    "web_candidate_edit_post": Endpoint(
        "post",
        _web_candidate_a_edit,
        302,
        data=_candidate_a_edit_form,
        writes={"audit.update": 1},
        changes_candidate_a={"source": "猎头"},
        redirect=_web_candidate_a,
    ),
    "web_candidate_create": Endpoint(
        "post",
        _web_candidate_create,
        302,
        data=_new_candidate_form,
        writes={"candidates": 1, "people": 1, "audit.create": 1},
        redirect=_newest_candidate_detail,
    ),
    "web_employee_list": Endpoint("get", _web_employees, 200),
    "web_employee_detail": Endpoint("get", _web_employee, 200, writes={"audit.view": 1}),
    "web_organisation_get": Endpoint("get", _web_organisation, 200),
    "web_organisation_post": Endpoint(
        "post",
        _web_organisation,
        302,
        data=_new_department_form,
        writes={"departments": 1},
        redirect=_web_organisation,
    ),
    "web_roles_get": Endpoint("get", _web_roles, 200),
    "web_roles_post": Endpoint(
        "post",
        _web_roles,
        302,
        data=_grant_interviewer_form,
        writes={"role_grants": 1, "audit.grant": 1},
        redirect=_web_roles,
    ),
    "web_audit_log": Endpoint("get", _web_audit, 200),
    "web_wecom_get": Endpoint("get", _web_wecom, 200),
    "web_wecom_robots_get": Endpoint("get", _web_wecom_robots, 200),
    "web_wecom_sync_get": Endpoint("get", _web_wecom_sync, 200),
    # Every persona has exactly one record of their own (staff are employees), and seeing it is audited.
    "web_portal_profile": Endpoint("get", _web_profile, 200, writes={"audit.view": 1}),
    "api_candidate_list": Endpoint("get", _api_candidates, 200),
    "api_candidate_create": Endpoint(
        "post",
        _api_candidates,
        201,
        data=_new_candidate_json,
        writes={"candidates": 1, "people": 1, "audit.create": 1},
    ),
    "api_candidate_detail": Endpoint("get", _api_candidate_a, 200, writes={"audit.view": 1}),
    "api_candidate_patch": Endpoint(
        "patch",
        _api_candidate_a,
        200,
        data=_candidate_a_patch,
        writes={"audit.update": 1},
        changes_candidate_a={"source": "猎头"},
    ),
    "api_employee_list": Endpoint("get", _api_employees, 200),
    "api_employee_detail": Endpoint("get", _api_employee, 200, writes={"audit.view": 1}),
    "api_audit_events": Endpoint("get", _api_audit, 200),
}

API_ERROR_CODES = {"401": "not_authenticated", "403": "permission_denied", "404": "not_found"}


def _snapshot(world: World) -> tuple[dict[str, int], dict[str, Any]]:
    counts = {
        "candidates": Candidate.objects.count(),
        "people": Person.objects.count(),
        "employees": Employee.objects.count(),
        "departments": Department.objects.count(),
        "positions": Position.objects.count(),
        "role_grants": RoleGrant.objects.count(),
        "users": User.objects.count(),
        **{f"audit.{action}": AuditEvent.objects.filter(action=action).count() for action in AuditEvent.Action.values},
    }
    candidate = Candidate.objects.select_related("person").get(pk=world.candidate_a_id)
    fields = {
        "full_name": candidate.person.full_name,
        "email": candidate.person.email,
        "mobile": candidate.person.mobile,
        "source": candidate.source,
        "notes": candidate.notes,
        "status": candidate.status,
        "applied_position": candidate.applied_position_id,
        "interviewers": sorted(candidate.interviewers.values_list("username", flat=True)),
    }
    return counts, fields


def _request(client: Any, endpoint: Endpoint, world: World) -> Any:
    url = endpoint.url(world)
    data = endpoint.data(world) if endpoint.data else None
    if endpoint.method == "get":
        return client.get(url)
    if url.startswith("/api/"):
        return getattr(client, endpoint.method)(url, data=data, content_type="application/json")
    return client.post(url, data=data)


CASES = [(endpoint, role) for endpoint in EXPECTED for role in ROLES]


def test_matrix_covers_every_endpoint_and_role() -> None:
    assert set(EXPECTED) == set(ENDPOINTS)
    assert len(CASES) == 23 * 9


@pytest.mark.parametrize(("endpoint_name", "role"), CASES)
def test_permission_matrix(endpoint_name: str, role: str, world: World, client_for: Any) -> None:
    # given
    endpoint = ENDPOINTS[endpoint_name]
    expected = EXPECTED[endpoint_name][role]
    client = client_for(world.users[role])
    counts_before, candidate_a_before = _snapshot(world)

    # when
    response = _request(client, endpoint, world)

    # then
    body = body_text(response)
    counts_after, candidate_a_after = _snapshot(world)
    if expected in ("ok", "ok+a"):
        assert response.status_code == endpoint.success_status, body[:500]
        if endpoint.redirect is not None:
            assert response["Location"] == endpoint.redirect(world)
        assert counts_after == {name: count + endpoint.writes.get(name, 0) for name, count in counts_before.items()}
        assert candidate_a_after == {**candidate_a_before, **endpoint.changes_candidate_a}
        assert (CANDIDATE_A_NAME in body) == (expected == "ok+a")
        return

    assert CANDIDATE_A_NAME not in body
    assert CANDIDATE_A_EMAIL not in body
    assert CANDIDATE_A_MOBILE not in body
    assert counts_after == counts_before
    assert candidate_a_after == candidate_a_before
    if expected == "login":
        assert response.status_code == 302
        login = reverse("accounts:login")
        assert response["Location"] == f"{login}?{urlencode({'next': endpoint.url(world)}, safe='/')}"
    elif endpoint.url(world).startswith("/api/"):
        assert response.status_code == int(expected)
        error = response.json()["error"]
        assert set(error) == {"code", "message", "fields"}
        assert (error["code"], error["fields"]) == (API_ERROR_CODES[expected], {})
        if expected == "401":
            assert response["WWW-Authenticate"] == "Token"
    else:
        assert response.status_code == int(expected)
        assert "core/error.html" in [template.name for template in response.templates]


# --- lists: exactly who sees whom --------------------------------------------------------------------------

ALL_EMPLOYEES = {"王敏", "李娜", "张伟", "陈磊", "刘洋", "赵静"}
ALL_CANDIDATES = {"周婷", "吴杰"}

CANDIDATES_SEEN = {
    "hr_admin": {"周婷", "吴杰"},
    "hr": {"周婷", "吴杰"},
    "sales_manager": {"周婷"},
    "rnd_manager": {"吴杰"},
    "interviewer": {"周婷"},
    "employee": set(),
    "candidate_a": {"周婷"},
    "candidate_b": {"吴杰"},
}
EMPLOYEES_SEEN = {
    "hr_admin": ALL_EMPLOYEES,
    "hr": ALL_EMPLOYEES,
    "sales_manager": {"张伟", "赵静"},
    "rnd_manager": {"陈磊", "刘洋"},
    "interviewer": {"刘洋"},
    "employee": {"赵静"},
    "candidate_a": set(),
    "candidate_b": set(),
}
WEB_CANDIDATE_LIST_ROLES = ("hr_admin", "hr", "sales_manager", "rnd_manager", "interviewer")
WEB_EMPLOYEE_LIST_ROLES = ("hr_admin", "hr", "sales_manager", "rnd_manager")


def _web_names(response: Any) -> list[str]:
    return [record.person.full_name for record in response.context["page"]]


def _api_names(response: Any) -> list[str]:
    payload = response.json()
    assert payload["count"] == len(payload["results"])
    return [item["full_name"] for item in payload["results"]]


@pytest.mark.parametrize("role", WEB_CANDIDATE_LIST_ROLES)
def test_web_candidate_list_shows_exactly_the_candidates_the_role_may_see(
    role: str, world: World, client_for: Any
) -> None:
    # given
    client = client_for(world.users[role])

    # when
    response = client.get(reverse("console:candidate_list"))

    # then
    assert response.status_code == 200
    names = _web_names(response)
    assert sorted(names) == sorted(CANDIDATES_SEEN[role])
    body = body_text(response)
    for hidden in ALL_CANDIDATES - CANDIDATES_SEEN[role]:
        assert hidden not in body


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_api_candidate_list_shows_exactly_the_candidates_the_role_may_see(
    role: str, world: World, client_for: Any
) -> None:
    # given
    client = client_for(world.users[role])

    # when
    response = client.get(reverse("api-v1:candidate-list"))

    # then
    assert response.status_code == 200
    assert sorted(_api_names(response)) == sorted(CANDIDATES_SEEN[role])
    body = body_text(response)
    for hidden in ALL_CANDIDATES - CANDIDATES_SEEN[role]:
        assert hidden not in body


@pytest.mark.parametrize("role", WEB_EMPLOYEE_LIST_ROLES)
def test_web_employee_list_shows_exactly_the_employees_the_role_may_see(
    role: str, world: World, client_for: Any
) -> None:
    # given
    viewer = world.users[role]
    assert viewer is not None
    client = client_for(viewer)

    # when
    response = client.get(reverse("console:employee_list"))

    # then
    assert response.status_code == 200
    assert sorted(_web_names(response)) == sorted(EMPLOYEES_SEEN[role])
    body = body_text(response)
    for hidden in ALL_EMPLOYEES - EMPLOYEES_SEEN[role] - {viewer.display_name}:
        assert hidden not in body


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_api_employee_list_shows_exactly_the_employees_the_role_may_see(
    role: str, world: World, client_for: Any
) -> None:
    # given
    client = client_for(world.users[role])

    # when
    response = client.get(reverse("api-v1:employee-list"))

    # then
    assert response.status_code == 200
    assert sorted(_api_names(response)) == sorted(EMPLOYEES_SEEN[role])


@pytest.mark.parametrize("term", [CANDIDATE_A_NAME, CANDIDATE_A_EMAIL, CANDIDATE_A_MOBILE, "销售代表"])
def test_search_never_finds_candidate_a_for_the_manager_of_another_department(
    term: str, world: World, client_for: Any
) -> None:
    # given
    client = client_for(world.users["rnd_manager"])

    # when
    web = client.get(reverse("console:candidate_list"), {"q": term})
    api = client.get(reverse("api-v1:candidate-list"), {"q": term})

    # then
    assert web.status_code == 200
    assert _web_names(web) == []
    assert api.status_code == 200
    assert _api_names(api) == []
    # The page echoes the search term back; the rest of candidate_a's details must not be there.
    for response in (web, api):
        body = body_text(response)
        for detail in {CANDIDATE_A_NAME, CANDIDATE_A_EMAIL, CANDIDATE_A_MOBILE} - {term}:
            assert detail not in body


@pytest.mark.parametrize("term", [CANDIDATE_A_NAME, CANDIDATE_A_EMAIL, CANDIDATE_A_MOBILE, "销售代表"])
def test_search_finds_candidate_a_for_the_sales_manager(term: str, world: World, client_for: Any) -> None:
    # given
    client = client_for(world.users["sales_manager"])

    # when
    web = client.get(reverse("console:candidate_list"), {"q": term})
    api = client.get(reverse("api-v1:candidate-list"), {"q": term})

    # then
    assert _web_names(web) == [CANDIDATE_A_NAME]
    assert _api_names(api) == [CANDIDATE_A_NAME]


# --- query counts on list pages: flat, however many rows -------------------------------------------------------

# Measured, not guessed: session, user, the four queries that compute the actor's roles, then the page's count and
# its rows (the dashboard counts three things and shows five recent candidates). Twelve extra rows change nothing.
# Console pages: +2 for HR, whose navigation counts the open review requests and the open tasks, and +1 for the top
# bar's unread notification count (every signed-in page). The candidate list: +1 for HR, the open possible-duplicate
# count.
LIST_QUERY_LIMITS = {
    "console:candidate_list": 13,
    "console:employee_list": 12,
    "console:audit_log": 12,
    "console:dashboard": 14,
    "api-v1:candidate-list": 8,
    "api-v1:employee-list": 8,
    "api-v1:audit-event-list": 8,
}


@pytest.fixture
def crowded_world(world: World) -> World:
    """Twelve more candidates and twelve more employees, so a query per row would show."""
    for number in range(12):
        CandidateFactory.create(applied_position=world.org.key_account_manager, full_name=f"候选人{number}")
        EmployeeFactory.create(department=world.org.sales_east)
    return world


@pytest.mark.parametrize("url_name", LIST_QUERY_LIMITS)
@pytest.mark.parametrize("role", ["hr_admin", "sales_manager"])
def test_list_query_count_does_not_grow_with_rows(
    url_name: str,
    role: str,
    crowded_world: World,
    client_for: Any,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    # given
    client = client_for(crowded_world.users[role])
    expected_status = 200 if role == "hr_admin" or "audit" not in url_name else 403

    # when
    with django_assert_max_num_queries(LIST_QUERY_LIMITS[url_name]):
        response = client.get(reverse(url_name))

    # then
    assert response.status_code == expected_status
