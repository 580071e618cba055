"""Reads owned by privacy."""

from __future__ import annotations

from django.db.models import QuerySet

from talentloop.privacy.models import DeletionRequest


def deletion_request_list(*, status: str = "") -> QuerySet[DeletionRequest]:
    """Deletion requests, open ones first, newest first. Access is checked by the caller (HR only)."""
    requests = DeletionRequest.objects.select_related("person", "decided_by")
    if status:
        requests = requests.filter(status=status)
    return requests.order_by("-created_at", "-pk")


def deletion_request_latest_for_person(*, person_id: int) -> DeletionRequest | None:
    """The person's most recent deletion request, if any (the portal shows its status)."""
    return DeletionRequest.objects.filter(person_id=person_id).order_by("-created_at", "-pk").first()
