from __future__ import annotations

import pytest
from django.test import RequestFactory

from talentloop.accounts.models import User
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record


def _values(event: AuditEvent) -> tuple[object, ...]:
    return (
        event.actor,
        event.actor_label,
        event.action,
        event.object_type,
        event.object_id,
        event.object_label,
        event.changes,
        event.ip_address,
        event.channel,
    )


@pytest.mark.django_db
def test_audit_record_names_the_target_and_the_actor(hr: User, candidate_a: User) -> None:
    # given
    candidate = candidate_a.person.candidate
    request = RequestFactory().get("/console/candidates/", REMOTE_ADDR="192.0.2.10")

    # when
    event = audit_record(
        actor=hr, action=AuditEvent.Action.UPDATE, target=candidate, changes={"notes": ["", "x"]}, request=request
    )

    # then
    event.refresh_from_db()
    assert _values(event) == (
        hr,
        "hr",
        "update",
        "org.candidate",
        str(candidate.pk),
        "周婷",
        {"notes": ["", "x"]},
        "192.0.2.10",
        "web",
    )


@pytest.mark.django_db
def test_audit_record_prefers_the_proxy_address_and_marks_the_api_channel(hr: User) -> None:
    # given
    request = RequestFactory().get("/api/v1/candidates/", REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="203.0.113.5")

    # when
    event = audit_record(actor=hr, action=AuditEvent.Action.EXPORT, object_type="org.candidate", request=request)

    # then
    assert (event.ip_address, event.channel) == ("203.0.113.5", "api")


@pytest.mark.django_db
def test_audit_record_without_an_actor_or_a_request() -> None:
    # when
    event = audit_record(
        actor=None,
        action=AuditEvent.Action.LOGIN_FAILED,
        object_type="accounts.user",
        object_label="x" * 400,
    )

    # then
    event.refresh_from_db()
    assert _values(event) == (None, "", "login_failed", "accounts.user", "", "x" * 300, {}, None, "")
