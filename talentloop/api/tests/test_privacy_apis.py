"""My data over the API: my export and deletion request; HR's list and decisions, and who may do what."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from talentloop.accounts.models import User
from talentloop.core.models import AuditEvent
from talentloop.org.models import Person
from talentloop.privacy.models import DeletionRequest
from talentloop.privacy.services import deletion_request_create

pytestmark = pytest.mark.django_db


def test_my_export_and_my_deletion_request(client: Client, candidate_a: User, candidate_b: User) -> None:
    client.force_login(candidate_a)
    export = client.get("/api/v1/me/data/")
    assert export.status_code == 200
    document = export.json()
    assert document["schema_version"] == 2
    assert document["sections"]["organisation"]["data"]["person"]["full_name"] == "周婷"
    assert "吴杰" not in export.content.decode()
    assert AuditEvent.objects.filter(action="export", channel="api", actor=candidate_a).count() == 1

    assert client.get("/api/v1/me/deletion-request/").status_code == 404
    refused = client.post("/api/v1/me/deletion-request/", {"confirm": False}, content_type="application/json")
    assert (refused.status_code, refused.json()["error"]["code"]) == (400, "not_confirmed")
    assert DeletionRequest.objects.count() == 0

    created = client.post("/api/v1/me/deletion-request/", {"confirm": True}, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["status"] == "requested"
    assert "decided_by" not in created.json()
    twice = client.post("/api/v1/me/deletion-request/", {"confirm": True}, content_type="application/json")
    assert (twice.status_code, twice.json()["error"]["code"]) == (409, "deletion_request_open")
    assert client.get("/api/v1/me/deletion-request/").json()["id"] == created.json()["id"]


@pytest.mark.parametrize(("persona", "expected"), [("sales_manager", 403), ("candidate_b", 404), ("candidate_a", 404)])
def test_only_hr_lists_reads_and_decides(
    client: Client, personas: dict[str, User | None], candidate_a: User, persona: str, expected: int
) -> None:
    request = deletion_request_create(actor=candidate_a, person_id=candidate_a.person.pk, confirmed=True)
    events = AuditEvent.objects.count()
    user = personas[persona]
    assert user is not None
    client.force_login(user)
    url = f"/api/v1/deletion-requests/{request.pk}/"
    assert client.get("/api/v1/deletion-requests/").status_code == expected
    assert client.get(url).status_code == expected
    decided = client.post(f"{url}decision/", {"decision": "approve"}, content_type="application/json")
    assert decided.status_code == expected
    assert "周婷" not in decided.content.decode()
    request.refresh_from_db()
    assert (request.status, AuditEvent.objects.count()) == (DeletionRequest.Status.REQUESTED, events)


def test_hr_decides_and_a_legal_hold_is_a_409_naming_the_holds(
    client: Client, hr: User, candidate_a: User, employee: User, django_capture_on_commit_callbacks: Any
) -> None:
    held = deletion_request_create(actor=employee, person_id=employee.person.pk, confirmed=True)
    free = deletion_request_create(actor=candidate_a, person_id=candidate_a.person.pk, confirmed=True)
    client.force_login(hr)

    listing = client.get("/api/v1/deletion-requests/?status=held").json()
    assert [row["id"] for row in listing["results"]] == [held.pk]

    refused = client.post(
        f"/api/v1/deletion-requests/{held.pk}/decision/", {"decision": "approve"}, content_type="application/json"
    )
    assert refused.status_code == 409
    error = refused.json()["error"]
    assert error["code"] == "legal_hold"
    assert [hold["code"] for hold in error["holds"]] == ["active_employment"]
    assert Person.objects.get(pk=employee.person.pk).full_name == "赵静"

    no_reason = client.post(
        f"/api/v1/deletion-requests/{free.pk}/decision/", {"decision": "reject"}, content_type="application/json"
    )
    assert (no_reason.status_code, no_reason.json()["error"]["code"]) == (400, "reason_required")

    with django_capture_on_commit_callbacks(execute=True):
        approved = client.post(
            f"/api/v1/deletion-requests/{free.pk}/decision/", {"decision": "approve"}, content_type="application/json"
        )
    # the answer is given on approval; the erasure runs after commit
    assert approved.status_code == 200
    assert (approved.json()["status"], approved.json()["decided_by"]) == ("approved", "hr")
    body = client.get(f"/api/v1/deletion-requests/{free.pk}/").json()
    assert (body["status"], body["person_erased"], body["person_name"]) == ("executed", True, "")
    assert body["erased"]["organisation"] == {"candidate_records_anonymised": 1, "people_anonymised": 1}
