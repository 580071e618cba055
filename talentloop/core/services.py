"""Writes owned by the core app: the audit log."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from talentloop.core.models import AuditEvent


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    # Behind the reverse proxy described in docs/deployment.md, REMOTE_ADDR is the proxy; the proxy is trusted
    # to set X-Real-IP. We only store what we are given.
    address = request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR")
    return address or None


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_label: str = "",
    changes: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Append one event to the audit log.

    ``target`` names the record; ``object_type``/``object_id`` are used when there is no model instance (for
    example a failed login for a username that does not exist).
    """
    if target is not None:
        object_type = object_type or target._meta.label_lower
        object_id = object_id or str(target.pk)
        object_label = object_label or str(target)[:300]
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    channel = ""
    if request is not None:
        channel = "api" if request.path.startswith("/api/") else "web"
    return AuditEvent.objects.create(
        actor=actor if authenticated else None,
        actor_label=(actor.get_username() if authenticated else "")[:200],
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_label=object_label[:300],
        changes=changes or {},
        ip_address=_client_ip(request),
        channel=channel,
    )
