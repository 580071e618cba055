"""WeCom's writes: linking people to WeCom members, storing a verified callback and processing it.

A callback is stored (``inbound_message_receive``) before WeCom gets its answer, and processed afterwards by
``process_inbound_message_task`` (``inbound_message_process``): a click on a result card becomes the manager's
answer (``collaboration.sharing``) and the card is updated through ``update_template_card`` once; a manager's text
message becomes a comment on the interview of their latest shared result.
"""

from __future__ import annotations

import logging
import re
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from talentloop.collaboration.access import discussion_can_see
from talentloop.collaboration.models import ManagerResponse, ResultShare
from talentloop.collaboration.sharing import (
    decision_label,
    manager_respond,
    share_comment_create,
    share_dimension_names,
)
from talentloop.core.exceptions import ApplicationError, NotFound, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.integrations.wecom.client import WeComClient, WeComError
from talentloop.integrations.wecom.errors import WeComErrorCode
from talentloop.integrations.wecom.models import InboundMessage, WeComAccount
from talentloop.integrations.wecom.transport import card_task_id
from talentloop.notifications.models import Delivery, Kind
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


def _share_of_card(task_id: str) -> ResultShare | None:
    """The shared result a card's ``task_id`` names: the card was the delivery of a ``result_shared`` notification."""
    prefix = card_task_id(0)[:-1]
    if not task_id.startswith(prefix) or not task_id[len(prefix) :].isdigit():
        return None
    delivery = Delivery.objects.select_related("notification").filter(pk=int(task_id[len(prefix) :])).first()
    if delivery is None or delivery.notification.kind != Kind.RESULT_SHARED:
        return None
    share_id = delivery.notification.params.get("share")
    return ResultShare.objects.select_related("session").filter(pk=share_id).first() if share_id else None


def _decision_of_button(key: str) -> tuple[str, list[str]]:
    decision, _sep, code = key.partition(":")
    return decision, [code] if code else []


def _card_update(inbound: InboundMessage, replace_name: str) -> WeComError | None:
    """Update the clicked card; None when done or failed for good (the message is finished), else the retryable
    error (recorded on the message)."""
    try:
        WeComClient().template_card_update(
            userids=[inbound.from_userid], response_code=inbound.response_code, replace_name=replace_name
        )
    except WeComError as error:
        if not error.retryable:
            logger.warning("WeCom card %s could not be updated: %s", inbound.task_id, error.message)
            _finish(inbound, InboundMessage.Status.FAILED, error.message)
            return None
        inbound.error = error.message[:2000]
        inbound.save(update_fields=["error"])
        return error
    _finish(inbound, InboundMessage.Status.PROCESSED)
    return None


def _share_click_process(inbound: InboundMessage, share: ResultShare, user: Any) -> WeComError | None:
    """A button of a result card: the manager's answer (``manager_respond``), then the card shows the decision.

    A click on a card already answered — twice, or on the web first — is ignored with the reason, and changes
    nothing. When the answer was recorded but the card update must be retried, the retry finds this member's WeCom
    answer and no processed click, so it only updates the card."""
    decision, codes = _decision_of_button(inbound.event_key)
    existing = ManagerResponse.objects.filter(share=share, responder=user).first()
    clicked_before = (
        InboundMessage.objects.filter(
            kind=InboundMessage.Kind.CARD_CLICK, task_id=inbound.task_id, status=InboundMessage.Status.PROCESSED
        )
        .exclude(pk=inbound.pk)
        .exists()
    )
    if existing is not None and (existing.channel != ManagerResponse.Channel.WECOM or clicked_before):
        reason = f"The result was already answered ({existing.decision}, {existing.channel}); nothing changed."
        _finish(inbound, InboundMessage.Status.IGNORED, reason)
        return None
    if existing is None:
        try:
            existing = manager_respond(
                user=user, share=share, decision=decision, dimensions=codes, channel=ManagerResponse.Channel.WECOM
            )
        except ApplicationError as error:
            _finish(inbound, InboundMessage.Status.IGNORED, f"Refused: {error.message}")
            return None
    with translation.override(getattr(user, "preferred_language", "") or None):
        replace_name = decision_label(existing.decision, share_dimension_names(share, existing.dimensions))
    return _card_update(inbound, replace_name)


def _text_process(inbound: InboundMessage, user: Any) -> InboundMessage:
    """A manager's text to the app: a comment on the interview of the latest result shared with them (an open one
    first), when they may still see it."""
    shares = ResultShare.objects.select_related("session").filter(manager=user).order_by("-created_at", "-pk")
    share = shares.filter(status=ResultShare.Status.OPEN).first() or shares.first()
    if share is None:
        return _finish(inbound, InboundMessage.Status.IGNORED, "No result was shared with this member to comment on.")
    if not discussion_can_see(user, share.session):
        return _finish(
            inbound, InboundMessage.Status.IGNORED, "The member may no longer see the interview; no comment made."
        )
    try:
        comment = share_comment_create(user=user, share=share, body=inbound.content)
    except ApplicationError as error:
        return _finish(inbound, InboundMessage.Status.IGNORED, f"Refused: {error.message}")
    logger.info("WeCom text %s became comment %s on interview %s.", inbound.pk, comment.pk, share.session_id)
    return _finish(inbound, InboundMessage.Status.PROCESSED)


def inbound_message_process(*, inbound_id: int) -> InboundMessage | None:
    """Process one stored callback; safe to run twice (a processed, ignored or failed message is left alone).

    - A click on a result card's button is the manager's answer (``collaboration.sharing.manager_respond``) and the
      card then shows the decision; a click on any other card is acknowledged as "Answer received".
    - A text message from a manager becomes a comment on their latest shared result's interview.
    - A click or text from an unknown member, a second click on an answered card, or text that cannot become a
      comment is ignored with the reason and changes nothing.

    A retryable WeCom failure is re-raised as ``WeComError`` for the task to retry; a permanent one marks the message
    failed."""
    with transaction.atomic():
        inbound = (
            InboundMessage.objects.select_for_update(of=("self",))
            .select_related("person__user")
            .filter(pk=inbound_id)
            .first()
        )
        if inbound is None or inbound.status in InboundMessage.FINAL_STATUSES:
            return inbound
        user = inbound.person.user if inbound.person is not None else None
        if inbound.person is None or user is None or not user.is_active:
            return _finish(inbound, InboundMessage.Status.IGNORED, "Unknown WeCom member: no person is linked.")
        if inbound.kind == InboundMessage.Kind.TEXT:
            return _text_process(inbound, user)
        if inbound.kind != InboundMessage.Kind.CARD_CLICK:
            return _finish(inbound, InboundMessage.Status.IGNORED, "Not a message TalentLoop handles.")
        share = _share_of_card(inbound.task_id)
        if share is not None:
            retry = _share_click_process(inbound, share, user)
        else:
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
            with translation.override(getattr(user, "preferred_language", "") or None):
                replace_name = _("Answer received")
            retry = _card_update(inbound, replace_name)
        if retry is None:
            return inbound
    # Raised outside the transaction, so what was recorded (the answer, the error on the message) stays.
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
