from __future__ import annotations

import pytest

from talentloop.core.models import AppendOnlyError, AuditEvent
from talentloop.core.services import audit_record


def _rows() -> list[tuple[object, ...]]:
    return list(AuditEvent.objects.order_by("pk").values_list("pk", "action", "object_label", "changes"))


@pytest.fixture
def event(db: None) -> AuditEvent:
    return audit_record(
        actor=None, action=AuditEvent.Action.VIEW, object_type="org.candidate", object_id="7", object_label="周婷"
    )


def test_saving_an_existing_event_is_refused(event: AuditEvent) -> None:
    # given
    before = _rows()
    event.object_label = "someone else"

    # when
    with pytest.raises(AppendOnlyError):
        event.save()

    # then
    assert _rows() == before


def test_deleting_an_event_is_refused(event: AuditEvent) -> None:
    # given
    before = _rows()

    # when
    with pytest.raises(AppendOnlyError):
        event.delete()

    # then
    assert _rows() == before


def test_updating_events_through_a_queryset_is_refused(event: AuditEvent) -> None:
    # given
    before = _rows()

    # when
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(object_label="someone else")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().update(changes={})

    # then
    assert _rows() == before


def test_deleting_events_through_a_queryset_is_refused(event: AuditEvent) -> None:
    # given
    before = _rows()

    # when
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()

    # then
    assert _rows() == before


def test_new_events_are_appended(event: AuditEvent) -> None:
    # when
    second = AuditEvent(action=AuditEvent.Action.EXPORT, object_type="org.employee", object_id="9")
    second.save()

    # then
    assert [row[1] for row in _rows()] == ["view", "export"]
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["export", "view"]  # newest first
