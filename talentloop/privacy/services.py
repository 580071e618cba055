"""Writes owned by privacy: a person's data export, and deletion requests from asking to execution.

The rooms' own parts (``core.personal_data``) do the reading and the erasing; this module only orchestrates them,
checks the legal holds, records every step in the audit log and tells the person the outcome."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from talentloop.core.exceptions import Conflict, NotFound, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.personal_data import Hold, Subject, personal_data_parts
from talentloop.core.services import audit_record
from talentloop.org.models import Person
from talentloop.privacy.errors import PrivacyErrorCode
from talentloop.privacy.models import DeletionRequest

logger = logging.getLogger(__name__)

EXPORT_SCHEMA = "talentloop.personal-data-export"
# 2: the feedback (reports, growth paths, review requests) and learning (mentor profile) sections, and the human
# ratings in the scores section. The format is documented in docs/my-data-export.md.
EXPORT_SCHEMA_VERSION = 2


class Decision:
    APPROVE = "approve"
    HOLD = "hold"
    RELEASE = "release"
    REJECT = "reject"
    ALL = (APPROVE, HOLD, RELEASE, REJECT)


def _subject(person: Person) -> Subject:
    return Subject(person_id=person.pk, user_id=person.user_id)


def _person(person_id: int) -> Person:
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise NotFound(_("There is no person record linked to your account."))
    return person


# --- the export -----------------------------------------------------------------------------------------------


def personal_data_export(*, actor: Any, person_id: int, request: HttpRequest | None = None) -> dict[str, Any]:
    """Everything TalentLoop holds about one person, section by section (one per room), as a JSON-ready document.

    The sections come from the registered parts; the audit trail section covers every record the other parts
    named. The export itself is recorded in the audit log."""
    person = _person(person_id)
    subject = _subject(person)
    parts = personal_data_parts()
    records: set[tuple[str, str]] = set()
    for part in parts:
        records.update(part.records(subject))
    subject = replace(subject, records=frozenset(records))
    document = {
        "schema": EXPORT_SCHEMA,
        "schema_version": EXPORT_SCHEMA_VERSION,
        "generated_at": timezone.now(),
        "sections": {part.key: {"title": str(part.title), "data": part.export(subject)} for part in parts},
    }
    audit_record(
        actor=actor,
        action=AuditEvent.Action.EXPORT,
        object_type="org.person",
        object_id=str(person.pk),
        changes={"sections": [part.key for part in parts], "schema_version": EXPORT_SCHEMA_VERSION},
        request=request,
    )
    return document


def personal_data_export_json(document: dict[str, Any]) -> str:
    """The export as a readable JSON file: ISO 8601 times, Chinese kept as characters, indented."""
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


# --- legal holds ----------------------------------------------------------------------------------------------


def deletion_request_holds(*, deletion_request: DeletionRequest) -> list[Hold]:
    """Every reason not to erase now: the rooms' rules (an active employee, a dispute period still running, …) and
    HR's explicit hold."""
    subject = _subject(deletion_request.person)
    holds = [hold for part in personal_data_parts() for hold in part.holds(subject)]
    if deletion_request.hr_hold_reason:
        holds.append(
            Hold(
                code="hr_hold",
                message=_("HR placed a hold: %(reason)s") % {"reason": deletion_request.hr_hold_reason},
                params={"reason": deletion_request.hr_hold_reason},
            )
        )
    return holds


def _legal_hold_error(holds: list[Hold]) -> Conflict:
    return Conflict(
        _("This request is on legal hold, so nothing can be deleted yet: %(reasons)s")
        % {"reasons": "; ".join(str(hold.message) for hold in holds)},
        code=PrivacyErrorCode.LEGAL_HOLD,
        extra={"holds": [hold.as_dict() for hold in holds]},
    )


def _status_by_holds(holds: list[Hold]) -> str:
    return DeletionRequest.Status.HELD if holds else DeletionRequest.Status.REQUESTED


# --- requests -------------------------------------------------------------------------------------------------


def deletion_request_create(
    *, actor: Any, person_id: int, confirmed: bool, request: HttpRequest | None = None
) -> DeletionRequest:
    """The person asks for their data to be erased. They must confirm; one open request at a time. The legal holds
    are checked at once, so the request starts as "requested" or "on legal hold"; HR decides either way."""
    if not confirmed:
        raise ValidationFailed(
            _("Confirm that you want your data deleted."),
            code=PrivacyErrorCode.NOT_CONFIRMED,
            fields={"confirm": [_("Tick the box to confirm.")]},
        )
    with transaction.atomic():
        person = Person.objects.select_for_update().filter(pk=person_id).first()
        if person is None:
            raise NotFound(_("There is no person record linked to your account."))
        if DeletionRequest.objects.filter(person=person, status__in=DeletionRequest.OPEN_STATUSES).exists():
            raise Conflict(
                _("You already asked for deletion; HR is deciding on that request."),
                code=PrivacyErrorCode.REQUEST_OPEN,
            )
        deletion_request = DeletionRequest(
            person=person,
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
            language=getattr(actor, "preferred_language", "") or translation.get_language() or "",
        )
        holds = deletion_request_holds(deletion_request=deletion_request)
        deletion_request.status = _status_by_holds(holds)
        deletion_request.hold_reasons = [hold.as_dict() for hold in holds]
        try:
            with transaction.atomic():
                deletion_request.save()
        except IntegrityError:
            raise Conflict(
                _("You already asked for deletion; HR is deciding on that request."),
                code=PrivacyErrorCode.REQUEST_OPEN,
            ) from None
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            target=deletion_request,
            changes={"status": deletion_request.status, "holds": [hold.code for hold in holds]},
            request=request,
        )
    return deletion_request


def deletion_request_refresh(*, deletion_request_id: int, reopen_approved: bool = False) -> DeletionRequest:
    """Check an open request's legal holds again and move it between "requested" and "on legal hold" to match.

    ``reopen_approved`` also puts an approved request back on hold when a hold appeared before it was executed
    (the execution task does that), and tells the person."""
    with transaction.atomic():
        deletion_request = (
            DeletionRequest.objects.select_for_update(of=("self",))
            .select_related("person")
            .filter(pk=deletion_request_id)
            .first()
        )
        if deletion_request is None:
            raise NotFound(_("Deletion request not found."))
        movable = [DeletionRequest.Status.REQUESTED, DeletionRequest.Status.HELD]
        if reopen_approved:
            movable.append(DeletionRequest.Status.APPROVED)
        if deletion_request.status not in movable:
            return deletion_request
        holds = deletion_request_holds(deletion_request=deletion_request)
        reasons = [hold.as_dict() for hold in holds]
        if deletion_request.status == DeletionRequest.Status.APPROVED and not holds:
            return deletion_request
        status = _status_by_holds(holds)
        if (status, [r["code"] for r in reasons]) == (
            deletion_request.status,
            [r["code"] for r in deletion_request.hold_reasons],
        ):
            return deletion_request
        was = deletion_request.status
        deletion_request.status = status
        deletion_request.hold_reasons = reasons
        deletion_request.save(update_fields=["status", "hold_reasons", "updated_at"])
        audit_record(
            actor=None,
            action=AuditEvent.Action.UPDATE,
            target=deletion_request,
            changes={"status": [was, status], "holds": [hold.code for hold in holds]},
        )
        if was == DeletionRequest.Status.APPROVED:
            _email_after_commit(deletion_request)
    return deletion_request


def deletion_request_decide(
    *,
    actor: Any,
    deletion_request_id: int,
    decision: str,
    reason: str = "",
    request: HttpRequest | None = None,
) -> DeletionRequest:
    """HR decides an open request: approve it (refused while any legal hold applies; the erasure then runs in the
    background), hold it with a reason, release HR's hold, or reject it with a reason. Every decision is audited,
    and a rejection or hold is emailed to the person after commit."""
    reason = reason.strip()
    if decision not in Decision.ALL:
        raise ValidationFailed(
            _("Unknown decision."),
            code=PrivacyErrorCode.UNKNOWN_DECISION,
            fields={"decision": [_("Choose approve, hold, release or reject.")]},
        )
    if decision in (Decision.HOLD, Decision.REJECT) and not reason:
        raise ValidationFailed(
            _("Give the reason for this decision; the person is told it."),
            code=PrivacyErrorCode.REASON_REQUIRED,
            fields={"reason": [_("This field is required.")]},
        )
    from talentloop.privacy.tasks import execute_deletion_task

    with transaction.atomic():
        deletion_request = (
            DeletionRequest.objects.select_for_update(of=("self",))
            .select_related("person")
            .filter(pk=deletion_request_id)
            .first()
        )
        if deletion_request is None:
            raise NotFound(_("Deletion request not found."))
        if deletion_request.status not in (DeletionRequest.Status.REQUESTED, DeletionRequest.Status.HELD):
            raise Conflict(
                _("This request was already decided (%(status)s).") % {"status": deletion_request.get_status_display()},
                code=PrivacyErrorCode.REQUEST_CLOSED,
            )
        was = deletion_request.status
        if decision == Decision.APPROVE:
            holds = deletion_request_holds(deletion_request=deletion_request)
            if holds:
                raise _legal_hold_error(holds)
            deletion_request.status = DeletionRequest.Status.APPROVED
            deletion_request.hold_reasons = []
        elif decision == Decision.REJECT:
            deletion_request.status = DeletionRequest.Status.REJECTED
        elif decision == Decision.HOLD:
            deletion_request.hr_hold_reason = reason
        elif decision == Decision.RELEASE:
            if not deletion_request.hr_hold_reason:
                raise Conflict(_("HR placed no hold on this request."), code=PrivacyErrorCode.NO_HR_HOLD)
            deletion_request.hr_hold_reason = ""
        if decision in (Decision.HOLD, Decision.RELEASE):
            holds = deletion_request_holds(deletion_request=deletion_request)
            deletion_request.status = _status_by_holds(holds)
            deletion_request.hold_reasons = [hold.as_dict() for hold in holds]
        else:
            deletion_request.decided_by = actor
            deletion_request.decided_at = timezone.now()
            deletion_request.decision_reason = reason
        deletion_request.save()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            target=deletion_request,
            changes={"decision": decision, "status": [was, deletion_request.status], "reason": reason},
            request=request,
        )
        if decision == Decision.APPROVE:
            request_id = deletion_request.pk
            transaction.on_commit(lambda: execute_deletion_task.delay(request_id))
        elif decision in (Decision.REJECT, Decision.HOLD):
            _email_after_commit(deletion_request)
    deletion_request.refresh_from_db()
    return deletion_request


def deletion_request_execute(*, deletion_request_id: int) -> DeletionRequest:
    """Erase the person's data, room by room (highest floor first), in one transaction.

    Runs only on an approved request, and only while no legal hold applies (a hold raises ``legal_hold`` and nothing
    is deleted). Running it again on an executed request does nothing. The person is told by email after commit, at
    the address read before it was erased."""
    with transaction.atomic():
        deletion_request = (
            DeletionRequest.objects.select_for_update(of=("self",))
            .select_related("person__user")
            .filter(pk=deletion_request_id)
            .first()
        )
        if deletion_request is None:
            raise NotFound(_("Deletion request not found."))
        if deletion_request.status == DeletionRequest.Status.EXECUTED:
            return deletion_request
        if deletion_request.status != DeletionRequest.Status.APPROVED:
            raise Conflict(
                _("Only an approved request can be executed (this one is %(status)s).")
                % {"status": deletion_request.get_status_display()},
                code=PrivacyErrorCode.REQUEST_CLOSED,
            )
        holds = deletion_request_holds(deletion_request=deletion_request)
        if holds:
            raise _legal_hold_error(holds)
        person = deletion_request.person
        address = person.email or (person.user.email if person.user else "")
        subject = _subject(person)
        erased: dict[str, dict[str, int]] = {}
        for part in reversed(personal_data_parts()):
            done = part.erase(subject)
            if done:
                erased[part.key] = done
        deletion_request.status = DeletionRequest.Status.EXECUTED
        deletion_request.executed_at = timezone.now()
        deletion_request.erased = erased
        deletion_request.save(update_fields=["status", "executed_at", "erased", "updated_at"])
        audit_record(actor=None, action=AuditEvent.Action.DELETE, target=deletion_request, changes=erased)
        _email_after_commit(deletion_request, address=address)
    return deletion_request


# --- telling the person ---------------------------------------------------------------------------------------


def _email_after_commit(deletion_request: DeletionRequest, *, address: str = "") -> None:
    if deletion_request.status != DeletionRequest.Status.EXECUTED:
        # The notification centre tells them too (in-app only: this email is the notice for that kind). Not after
        # an erasure: their notifications were just erased, and a new one would be data kept about them again.
        from talentloop.notifications.events import deletion_request_decided_notify

        deletion_request_decided_notify(deletion_request=deletion_request)
    if address:
        # The person's data is gone after this commit: the address travels in memory, never in a queued message.
        request_id = deletion_request.pk
        transaction.on_commit(lambda: _email_send_logged(deletion_request_id=request_id, address=address))
        return
    from talentloop.privacy.tasks import send_deletion_request_email_task

    request_id = deletion_request.pk
    transaction.on_commit(lambda: send_deletion_request_email_task.delay(request_id))


def _email_send_logged(*, deletion_request_id: int, address: str) -> None:
    from talentloop.privacy.emails import deletion_request_email_send

    try:
        deletion_request_email_send(deletion_request_id=deletion_request_id, address=address)
    except OSError:
        logger.exception("Could not tell the person about executed deletion request %s", deletion_request_id)
