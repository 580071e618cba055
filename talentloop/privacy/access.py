"""Who may see and decide deletion requests, and whose data a person may export.

HR (and HR admins) see and decide every deletion request; other staff get 403 (they know the console), anyone else
404. A person reaches only their own data: the portal and API take no person id, so there is nothing to guess."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from talentloop.core.exceptions import NotFound, PermissionDenied
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.org.access import actor_get
from talentloop.privacy.models import DeletionRequest


def deletion_requests_check_access(user: Any) -> None:
    """Only HR reads and decides deletion requests."""
    actor = actor_get(user)
    if not actor.is_hr:
        if actor.is_staff_member:
            raise PermissionDenied(_("Only HR can handle deletion requests."))
        raise NotFound(_("Page not found."))


def deletion_request_get_for_user(
    user: Any, deletion_request_id: int | str, *, request: HttpRequest | None = None
) -> DeletionRequest:
    """Fetch a deletion request for HR (404 for anyone who may not know it exists, 403 for other staff); each view
    is audited."""
    deletion_requests_check_access(user)
    try:
        deletion_request = DeletionRequest.objects.select_related("person", "decided_by").get(
            pk=int(deletion_request_id)
        )
    except (DeletionRequest.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Deletion request not found.")) from None
    if request is None or request.method == "GET":
        audit_record(actor=user, action=AuditEvent.Action.VIEW, target=deletion_request, request=request)
    return deletion_request


def own_person_id_get(user: Any) -> int:
    """The signed-in user's own person id ("my data"), or 404 when no person record is linked to the account."""
    person_id = actor_get(user).person_id
    if person_id is None:
        raise NotFound(_("There is no person record linked to your account."))
    return person_id
