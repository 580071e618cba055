"""privacy's part of "my data": the person's own deletion requests (see talentloop/core/personal_data.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from talentloop.core.personal_data import PersonalDataPart, Subject, personal_data_part_register
from talentloop.privacy.models import DeletionRequest


@personal_data_part_register
class DeletionRequestsPart(PersonalDataPart):
    """Deletion requests are kept after execution: they are the record that the erasure was asked for and done.
    They name nobody once the person is anonymised, so ``erase`` leaves them."""

    key = "deletion_requests"
    floor = 7
    title = _("Deletion requests")

    def export(self, subject: Subject) -> dict[str, Any]:
        requests = DeletionRequest.objects.filter(person_id=subject.person_id).order_by("created_at", "pk")
        # Who decided is left out: that names a member of staff.
        return {
            "deletion_requests": [
                {
                    "requested_at": request.created_at,
                    "status": request.status,
                    "legal_holds": [hold.get("message", "") for hold in request.hold_reasons],
                    "decided_at": request.decided_at,
                    "reason": request.decision_reason,
                    "executed_at": request.executed_at,
                }
                for request in requests
            ]
        }

    def records(self, subject: Subject) -> Iterable[tuple[str, str]]:
        for request_id in DeletionRequest.objects.filter(person_id=subject.person_id).values_list("pk", flat=True):
            yield ("privacy.deletionrequest", str(request_id))
