"""The contract every room signs for "my data": its part of a person's export, its legal holds and its erasure.

A room that keeps personal data adds a ``personal_data.py`` module with one ``PersonalDataPart`` subclass,
decorated with ``@personal_data_part_register``. The part works **through the room's own selectors and services**
(nothing reaches into another room's tables), and it receives only ids (``Subject``), so the contract lives here on
the ground floor and any room can sign it without importing upwards. The ``privacy`` app (floor 7) discovers the
modules at start-up and orchestrates: it exports every part, asks every part for legal holds, and erases part by
part, highest floor first (a room's rows point at lower rooms' rows, never the other way round).

See docs/architecture.md ("My data") and docs/decisions/0018-personal-data-parts-and-erasure.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from talentloop.core.models import AuditEvent


@dataclass(frozen=True)
class Subject:
    """Whose data: the ``org.Person`` id, their user account's id (if any), and the records every part said are
    about them, as ``(model label, primary key)`` pairs (filled in by the orchestrator before the export)."""

    person_id: int
    user_id: int | None = None
    records: frozenset[tuple[str, str]] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Hold:
    """A reason that forbids erasing the person's data now. ``code`` is stable (tests and the API use it);
    ``message`` says why in the reader's language; ``params`` are the facts behind it (JSON-safe)."""

    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": str(self.message), "params": self.params}


class PersonalDataPart:
    """One room's share of a person's data. Subclasses set ``key``, ``floor`` and ``title`` and override what applies.

    - ``export`` returns JSON-safe data with human-readable keys; datetimes may stay ``datetime`` (the orchestrator
      writes them as ISO 8601). Never another person's data, never a secret or an internal token.
    - ``records`` names the rows about the person, so the audit trail can be exported with them.
    - ``holds`` returns the legal reasons not to erase now (an open dispute, an active contract, …).
    - ``erase`` removes or anonymises the room's personal data through the room's own services and returns what it
      did as ``{"what": count}``. It runs inside the orchestrator's transaction and must be safe to run twice.
    """

    key: ClassVar[str] = ""
    floor: ClassVar[int] = 0
    title: ClassVar[Any] = ""

    def export(self, subject: Subject) -> dict[str, Any]:
        return {}

    def records(self, subject: Subject) -> Iterable[tuple[str, str]]:
        return ()

    def holds(self, subject: Subject) -> list[Hold]:
        return []

    def erase(self, subject: Subject) -> dict[str, int]:
        return {}


_PARTS: dict[str, PersonalDataPart] = {}


def personal_data_part_register(part_class: type[PersonalDataPart]) -> type[PersonalDataPart]:
    """Class decorator: add a room's part to the registry (once per key; registering the same class again is a
    no-op, a different class under a taken key is a programming error)."""
    if not part_class.key:
        raise ValueError(f"{part_class.__name__} has no key.")
    existing = _PARTS.get(part_class.key)
    if existing is not None and type(existing) is not part_class:
        raise ValueError(f"The personal data part {part_class.key!r} is registered twice.")
    _PARTS[part_class.key] = part_class()
    return part_class


def personal_data_parts() -> list[PersonalDataPart]:
    """Every registered part, in export order: lowest floor first, then by key."""
    return sorted(_PARTS.values(), key=lambda part: (part.floor, part.key))


@personal_data_part_register
class AuditTrailPart(PersonalDataPart):
    """The person's audit trail: what they did, and who looked at or changed their records, and when.

    The log is append-only (decision 0004), so erasure leaves it as it is: it is the company's accountability record.
    Other people stay anonymous in the export: an event by someone else shows neither their name nor their IP."""

    key = "audit_trail"
    floor = 0
    title = _("Audit trail")

    def export(self, subject: Subject) -> dict[str, Any]:
        condition = Q(pk__in=[])
        if subject.user_id is not None:
            condition |= Q(actor_id=subject.user_id)
        by_type: dict[str, list[str]] = {}
        for object_type, object_id in subject.records:
            by_type.setdefault(object_type, []).append(object_id)
        for object_type, object_ids in by_type.items():
            condition |= Q(object_type=object_type, object_id__in=object_ids)
        events = AuditEvent.objects.filter(condition).order_by("occurred_at", "id")
        rows = []
        for event in events:
            by_you = subject.user_id is not None and event.actor_id == subject.user_id
            rows.append(
                {
                    "occurred_at": event.occurred_at,
                    "action": event.action,
                    "by_you": by_you,
                    "record_type": event.object_type,
                    "record_id": event.object_id,
                    # Changes are shown only on the person's own records: elsewhere they are someone else's data.
                    "changes": event.changes if (event.object_type, event.object_id) in subject.records else {},
                    "ip_address": event.ip_address if by_you else None,
                    "channel": event.channel,
                }
            )
        return {"events": rows}
