"""WeCom's writes: linking people to WeCom members, storing a verified callback and processing it.

A callback is stored (``inbound_message_receive``) before WeCom gets its answer, and processed afterwards by
``process_inbound_message_task`` (``inbound_message_process``): a card click updates the card through
``update_template_card`` once; a text message is kept with its sender mapped to a person, for the collaboration
app to turn into a comment.
"""

from __future__ import annotations

import logging
import re
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from talentloop.core.exceptions import NotFound, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.integrations.wecom.client import WeComClient, WeComError
from talentloop.integrations.wecom.errors import WeComErrorCode
from talentloop.integrations.wecom.models import InboundMessage, WeComAccount
from talentloop.org.models import Person

logger = logging.getLogger(__name__)

# WeCom userids: letters, digits and _ - . @, at most 64 characters (the admin console's rule).
USERID_PATTERN = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")


# --- the people ↔ WeCom members mapping -------------------------------------------------------------------------


def wecom_account_link(*, actor: Any, person_id: int, userid: str) -> WeComAccount:
    """Link a person to a WeCom userid (replacing their previous one). A userid already linked to someone else is
    refused; an erased person cannot be linked."""
    userid = userid.strip()
    if not USERID_PATTERN.match(userid):
        raise ValidationFailed(
            _("A WeCom userid has 1 to 64 letters, digits or _ - . @."),
            code=WeComErrorCode.USERID_INVALID,
            fields={"userid": [_("A WeCom userid has 1 to 64 letters, digits or _ - . @.")]},
        )
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise NotFound(_("Person not found."))
    if person.erased_at is not None:
        raise ValidationFailed(_("This person's data was erased."), code=WeComErrorCode.PERSON_ERASED)
    taken = WeComAccount.objects.filter(userid=userid).exclude(person=person).select_related("person").first()
    if taken is not None:
        message = _("The WeCom userid %(userid)s is already linked to %(name)s.") % {
            "userid": userid,
            "name": taken.person.full_name,
        }
        raise ValidationFailed(message, code=WeComErrorCode.USERID_TAKEN, fields={"userid": [message]})
    with transaction.atomic():
        account, _created = WeComAccount.objects.update_or_create(
            person=person, defaults={"userid": userid, "linked_by": actor}
        )
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            target=person,
            object_label=person.full_name,
            changes={"wecom_userid": userid},
        )
    return account


def wecom_account_unlink(*, actor: Any, person_id: int) -> None:
    """Remove a person's WeCom link (nothing happens when there is none)."""
    with transaction.atomic():
        account = WeComAccount.objects.select_related("person").filter(person_id=person_id).first()
        if account is None:
            return
        account.delete()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            target=account.person,
            object_label=account.person.full_name,
            changes={"wecom_userid": None},
        )


# --- inbound callbacks --------------------------------------------------------------------------------------------


def _inbound_dedupe_key(fields: dict[str, Any]) -> str:
    if fields.get("MsgId"):
        return f"msg:{fields['MsgId']}"
    parts = [fields.get(name, "") for name in ("FromUserName", "CreateTime", "Event", "TaskId", "EventKey")]
    return "event:" + ":".join(str(part) for part in parts)


def _inbound_kind(fields: dict[str, Any]) -> str:
    if fields.get("MsgType") == "event" and fields.get("Event") == "template_card_event":
        return InboundMessage.Kind.CARD_CLICK
    if fields.get("MsgType") == "text":
        return InboundMessage.Kind.TEXT
    return InboundMessage.Kind.OTHER


def _enqueue(inbound_id: int) -> None:
    from celery.exceptions import Retry

    from talentloop.integrations.wecom.tasks import process_inbound_message_task

    try:
        process_inbound_message_task.delay(inbound_id)
    except (Retry, WeComError) as error:
        # Without a broker the task runs here and its retry surfaces: WeCom must still get its answer, and the
        # message stays received (with its error) for `talentloop manage wecom_process`.
        logger.warning("WeCom inbound message %s could not be processed now: %s", inbound_id, error)


def inbound_message_receive(*, fields: dict[str, Any]) -> tuple[InboundMessage, bool]:
    """Store a verified, decrypted callback once (WeCom resends what it got no answer to) and queue its processing
    after commit. Returns the message and whether it is new."""
    from_userid = str(fields.get("FromUserName", ""))[:64]
    values = {
        "kind": _inbound_kind(fields),
        "from_userid": from_userid,
        "person": Person.objects.filter(wecom_account__userid=from_userid).first() if from_userid else None,
        "content": str(fields.get("Content", "")),
        "event_key": str(fields.get("EventKey", ""))[:200],
        "task_id": str(fields.get("TaskId", ""))[:128],
        "response_code": str(fields.get("ResponseCode", ""))[:200],
        "payload": {key: value for key, value in fields.items() if isinstance(value, str | int | None)},
    }
    key = _inbound_dedupe_key(fields)
    with transaction.atomic():
        existing = InboundMessage.objects.filter(dedupe_key=key).first()
        if existing is not None:
            return existing, False
        try:
            with transaction.atomic():
                inbound = InboundMessage.objects.create(dedupe_key=key, **values)
        except IntegrityError:
            return InboundMessage.objects.get(dedupe_key=key), False
        transaction.on_commit(partial(_enqueue, inbound.pk))
    return inbound, True


def _finish(inbound: InboundMessage, status: str, error: str = "") -> InboundMessage:
    inbound.status = status
    inbound.error = error[:2000]
    inbound.processed_at = timezone.now()
    inbound.save(update_fields=["status", "error", "processed_at"])
    return inbound


def inbound_message_process(*, inbound_id: int) -> InboundMessage | None:
    """Process one stored callback; safe to run twice (a processed, ignored or failed message is left alone).

    A card click from an unknown member, or on a card the same member already answered, is ignored (the card is not
    updated again); otherwise the card is updated to show the answer was received. A retryable WeCom failure is
    re-raised as ``WeComError`` for the task to retry; a permanent one marks the message failed."""
    with transaction.atomic():
        inbound = (
            InboundMessage.objects.select_for_update(of=("self",))
            .select_related("person__user")
            .filter(pk=inbound_id)
            .first()
        )
        if inbound is None or inbound.status in InboundMessage.FINAL_STATUSES:
            return inbound
        if inbound.person is None:
            return _finish(inbound, InboundMessage.Status.IGNORED, "Unknown WeCom member: no person is linked.")
        if inbound.kind == InboundMessage.Kind.TEXT:
            return _finish(inbound, InboundMessage.Status.PROCESSED)
        if inbound.kind != InboundMessage.Kind.CARD_CLICK:
            return _finish(inbound, InboundMessage.Status.IGNORED, "Not a message TalentLoop handles.")
        answered = (
            InboundMessage.objects.filter(
                kind=InboundMessage.Kind.CARD_CLICK,
                task_id=inbound.task_id,
                from_userid=inbound.from_userid,
                status=InboundMessage.Status.PROCESSED,
            )
            .exclude(pk=inbound.pk)
            .exists()
        )
        if answered:
            return _finish(inbound, InboundMessage.Status.IGNORED, "The card was already answered.")
        user = inbound.person.user
        language = getattr(user, "preferred_language", "") or None
        with translation.override(language):
            replace_name = _("Answer received")
        try:
            WeComClient().template_card_update(
                userids=[inbound.from_userid], response_code=inbound.response_code, replace_name=replace_name
            )
        except WeComError as error:
            if not error.retryable:
                logger.warning("WeCom card %s could not be updated: %s", inbound.task_id, error.message)
                return _finish(inbound, InboundMessage.Status.FAILED, error.message)
            inbound.error = error.message[:2000]
            inbound.save(update_fields=["error"])
            retry = error
        else:
            return _finish(inbound, InboundMessage.Status.PROCESSED)
    # Raised outside the transaction, so the error recorded on the message stays.
    raise retry


def inbound_messages_process_received() -> dict[str, int]:
    """Process every stored callback still received, oldest first (``talentloop manage wecom_process``). A
    retryable WeCom failure leaves it received for the next run."""
    counts = {"done": 0, "waiting": 0}
    for inbound_id in (
        InboundMessage.objects.filter(status=InboundMessage.Status.RECEIVED).order_by("pk").values_list("pk", flat=True)
    ):
        try:
            inbound_message_process(inbound_id=inbound_id)
        except WeComError:
            counts["waiting"] += 1
        else:
            counts["done"] += 1
    return counts
