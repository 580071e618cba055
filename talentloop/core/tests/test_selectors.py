from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from talentloop.core.models import AuditEvent
from talentloop.core.selectors import audit_event_list
from talentloop.core.services import audit_record


@pytest.fixture
def events(db: None) -> None:
    audit_record(
        actor=None, action=AuditEvent.Action.VIEW, object_type="org.candidate", object_id="7", object_label="周婷"
    )
    audit_record(
        actor=None, action=AuditEvent.Action.UPDATE, object_type="org.candidate", object_id="8", object_label="吴杰"
    )
    audit_record(
        actor=None, action=AuditEvent.Action.VIEW, object_type="org.employee", object_id="7", object_label="赵静"
    )


def _labels(events: object) -> list[str]:
    return [event.object_label for event in events]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("filters", "labels"),
    [
        ({}, ["赵静", "吴杰", "周婷"]),
        ({"query": "周"}, ["周婷"]),
        ({"query": "7"}, ["赵静", "周婷"]),
        ({"action": "view"}, ["赵静", "周婷"]),
        ({"object_type": "org.candidate"}, ["吴杰", "周婷"]),
        ({"action": "view", "object_type": "org.candidate"}, ["周婷"]),
    ],
)
def test_audit_event_list_filters_newest_first(events: None, filters: dict[str, str], labels: list[str]) -> None:
    # when
    found = audit_event_list(**filters)  # type: ignore[arg-type]

    # then
    assert _labels(found) == labels


def test_audit_event_list_filters_by_day(events: None) -> None:
    # given
    today = timezone.localdate()

    # when
    found = {
        "today": _labels(audit_event_list(since=today, until=today)),
        "since tomorrow": _labels(audit_event_list(since=today + timedelta(days=1))),
        "until yesterday": _labels(audit_event_list(until=today - timedelta(days=1))),
        "long ago": _labels(audit_event_list(since=date(2000, 1, 1))),
    }

    # then
    assert found == {
        "today": ["赵静", "吴杰", "周婷"],
        "since tomorrow": [],
        "until yesterday": [],
        "long ago": ["赵静", "吴杰", "周婷"],
    }
