"""Reads owned by the core app."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from talentloop.core.models import AuditEvent


def audit_event_list(
    *,
    query: str = "",
    action: str = "",
    object_type: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    """Audit events, newest first, filtered. Access is checked by the caller (HR admins only)."""
    events = AuditEvent.objects.all()
    if query:
        events = events.filter(Q(actor_label__icontains=query) | Q(object_label__icontains=query) | Q(object_id=query))
    if action:
        events = events.filter(action=action)
    if object_type:
        events = events.filter(object_type=object_type)
    if since:
        events = events.filter(occurred_at__date__gte=since)
    if until:
        events = events.filter(occurred_at__date__lte=until)
    return events
