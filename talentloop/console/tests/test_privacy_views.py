"""Deletion requests in the console: HR sees and decides them; nobody else can, and a refused try changes nothing."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from talentloop.accounts.models import User
from talentloop.core.models import AuditEvent
from talentloop.core.tests.helpers import body_text
from talentloop.org.models import Person
from talentloop.privacy.models import DeletionRequest
from talentloop.privacy.services import deletion_request_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_a(candidate_a: User) -> DeletionRequest:
    return deletion_request_create(actor=candidate_a, person_id=candidate_a.person.pk, confirmed=True)


def _state(request: DeletionRequest) -> tuple[Any, ...]:
    request.refresh_from_db()
    return (request.status, request.decided_by_id, request.hr_hold_reason, AuditEvent.objects.count())


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("hr", 200),
        ("hr_admin", 200),
        ("sales_manager", 403),
        ("interviewer", 403),
        ("candidate_a", 404),
        ("candidate_b", 404),
        ("employee", 404),
    ],
)
def test_only_hr_sees_deletion_requests(
    client: Client, personas: dict[str, User | None], request_a: DeletionRequest, persona: str, expected: int
) -> None:
    user = personas[persona]
    assert user is not None
    client.force_login(user)
    listing = client.get(reverse("console:deletion_request_list"))
    detail = client.get(reverse("console:deletion_request_detail", args=[request_a.pk]))
    assert (listing.status_code, detail.status_code) == (expected, expected)
    if expected == 200:
        assert "周婷" in body_text(listing) and "周婷" in body_text(detail)
    else:
        assert "周婷" not in body_text(listing) and "周婷" not in body_text(detail)


@pytest.mark.parametrize(("persona", "expected"), [("sales_manager", 403), ("candidate_b", 404), ("candidate_a", 404)])
def test_nobody_but_hr_can_decide_and_a_refused_try_changes_nothing(
    client: Client,
    personas: dict[str, User | None],
    request_a: DeletionRequest,
    persona: str,
    expected: int,
    django_capture_on_commit_callbacks: Any,
) -> None:
    before = _state(request_a)
    user = personas[persona]
    assert user is not None
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("console:deletion_request_decide", args=[request_a.pk]), {"decision": "approve"})
    assert response.status_code == expected
    assert _state(request_a) == before
    assert Person.objects.get(pk=request_a.person_id).full_name == "周婷"


def test_hr_approves_and_the_data_is_erased(
    client: Client, hr: User, candidate_a: User, request_a: DeletionRequest, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(hr)
    page = client.get(reverse("console:deletion_request_detail", args=[request_a.pk]))
    assert 'value="approve"' in page.content.decode()
    assert "disabled" not in page.content.decode().split('value="approve"')[1].split(">")[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("console:deletion_request_decide", args=[request_a.pk]), {"decision": "approve"})
    assert response.status_code == 302
    request_a.refresh_from_db()
    assert (request_a.status, request_a.decided_by_id) == (DeletionRequest.Status.EXECUTED, hr.pk)
    person = Person.objects.get(pk=request_a.person_id)
    assert (person.full_name, person.email, person.mobile, person.user_id) == ("—", "", "", None)
    listing = client.get(reverse("console:deletion_request_list"))
    assert "周婷" not in body_text(listing)


def test_an_active_employee_is_held_and_approval_is_refused_with_the_reason(
    client: Client, hr: User, employee: User
) -> None:
    request = deletion_request_create(actor=employee, person_id=employee.person.pk, confirmed=True)
    assert [hold["code"] for hold in request.hold_reasons] == ["active_employment"]
    client.force_login(hr)
    page = client.get(reverse("console:deletion_request_detail", args=[request.pk]))
    assert "<code>active_employment</code>" in page.content.decode()
    before = _state(request)
    response = client.post(reverse("console:deletion_request_decide", args=[request.pk]), {"decision": "approve"})
    assert response.status_code == 302
    assert _state(request) == before
    assert Person.objects.get(pk=employee.person.pk).full_name == "赵静"


def test_the_list_costs_the_same_queries_for_one_request_or_many(
    client: Client,
    hr: User,
    candidate_a: User,
    candidate_b: User,
    employee: User,
    django_assert_num_queries: Any,
) -> None:
    # given one request, counted
    client.force_login(hr)
    deletion_request_create(actor=candidate_a, person_id=candidate_a.person.pk, confirmed=True)
    client.get(reverse("console:deletion_request_list"))  # warm the session and the actor cache
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("console:deletion_request_list"))

    # when there are three, then the page runs no more queries
    deletion_request_create(actor=candidate_b, person_id=candidate_b.person.pk, confirmed=True)
    deletion_request_create(actor=employee, person_id=employee.person.pk, confirmed=True)
    with django_assert_num_queries(len(one)):
        response = client.get(reverse("console:deletion_request_list"))
    assert len(re.findall(r'href="/console/privacy/\d+/"', response.content.decode())) == 3
