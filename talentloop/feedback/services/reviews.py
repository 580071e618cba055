"""Explanation and human review of an AI interview decision (PIPL Art. 24; EU AI Act Art. 86).

A candidate asks about their own scored interview; the request becomes HR's task with a due date; HR answers it
(an explanation) or records a human decision; the edge then tells the candidate through ``notifications``.
Every step is audited.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from talentloop.assessments.selectors import session_score_get
from talentloop.core.exceptions import Conflict, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.feedback.models import REVIEW_TEXT_MAX_LENGTH, ReviewRequest
from talentloop.feedback.review_errors import ReviewErrorCode
from talentloop.interviews.models import InterviewSession


def review_due_days() -> int:
    """Days HR has to answer (``TALENTLOOP_REVIEW_DUE_DAYS``, default 15).

    PIPL Art. 24 gives the right to an explanation and to refuse a decision made solely by automated means, but no
    fixed term ("promptly"); GDPR Art. 12(3) allows one month. Fifteen days keeps well inside both and leaves HR room
    to consult the hiring team.
    """
    return int(settings.TALENTLOOP_REVIEW_DUE_DAYS)


def _text_clean(text: str, *, field: str) -> str:
    cleaned = (text or "").strip()
    if not cleaned:
        if field == "response":
            message = _("Write the explanation, or the reason for your decision.")
        else:
            message = _("Please write your question or reason in a few words.")
        raise ValidationFailed(message, code=ReviewErrorCode.TEXT_REQUIRED, fields={field: [message]})
    if len(cleaned) > REVIEW_TEXT_MAX_LENGTH:
        message = _("Please keep it to %(limit)d characters (you wrote %(count)d).") % {
            "limit": REVIEW_TEXT_MAX_LENGTH,
            "count": len(cleaned),
        }
        raise ValidationFailed(message, code=ReviewErrorCode.TEXT_TOO_LONG, fields={field: [message]})
    return cleaned


def review_request_create(
    *,
    actor: Any,
    session: InterviewSession,
    kind: str,
    text: str,
    now: datetime | None = None,
    request: HttpRequest | None = None,
) -> ReviewRequest:
    """Ask for an explanation of, or a human review of, the AI outcome of the candidate's own interview.

    The caller has already checked that ``session`` is the actor's own (``review_session_get_for_candidate``).
    Only a submitted, scored interview can be asked about, and only one request of each kind may be open at a
    time. The request is due ``review_due_days()`` after it is made. Nothing is written when a check fails.
    """
    if kind not in ReviewRequest.Kind.values:
        raise ValidationFailed(
            _("Choose an explanation or a human review."), fields={"kind": [_("Choose a valid option.")]}
        )
    cleaned = _text_clean(text, field="text")
    now = now or timezone.now()
    with transaction.atomic():
        # Lock the session so two clicks (or two tabs) cannot both pass the "one open request" check.
        session = InterviewSession.objects.select_for_update().get(pk=session.pk)
        score = session_score_get(session=session) if session.status == InterviewSession.Status.SUBMITTED else None
        if score is None:
            raise ValidationFailed(
                _("You can ask about an interview once it has been submitted and scored."),
                code=ReviewErrorCode.INTERVIEW_NOT_SCORED,
            )
        if ReviewRequest.objects.filter(session=session, kind=kind, status=ReviewRequest.Status.OPEN).exists():
            raise Conflict(_open_message(kind), code=ReviewErrorCode.REQUEST_ALREADY_OPEN)
        try:
            with transaction.atomic():
                review_request = ReviewRequest.objects.create(
                    session=session,
                    kind=kind,
                    text=cleaned,
                    requested_by=actor,
                    requested_at=now,
                    due_at=now + timedelta(days=review_due_days()),
                    ai_overall=score.overall,
                    ai_passed=score.passed,
                )
        except IntegrityError:
            raise Conflict(_open_message(kind), code=ReviewErrorCode.REQUEST_ALREADY_OPEN) from None
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            target=review_request,
            changes={"kind": kind, "due_at": review_request.due_at.isoformat()},
            request=request,
        )
    return review_request


def _open_message(kind: str) -> str:
    if kind == ReviewRequest.Kind.HUMAN_REVIEW:
        return _("You already asked for a human review of this interview; HR will answer it before its due date.")
    return _("You already asked for an explanation of this interview; HR will answer it before its due date.")


def review_request_resolve(
    *,
    actor: Any,
    review_request: ReviewRequest,
    response: str,
    decision: str = "",
    now: datetime | None = None,
    request: HttpRequest | None = None,
) -> ReviewRequest:
    """Answer an open request: an explanation in words, or a human decision (uphold, overturn to passed, or a new
    interview) with its reason. The decision and who made it replace the AI outcome wherever it is shown. Telling
    the candidate is the caller's next step (``notifications.events.review_request_answered_notify``): this room
    sits below ``notifications``. Nothing is written when a check fails."""
    cleaned = _text_clean(response, field="response")
    if review_request.kind == ReviewRequest.Kind.HUMAN_REVIEW:
        if decision not in ReviewRequest.Decision.values:
            raise ValidationFailed(
                _("Record the human decision: uphold, overturn to passed, or ask for a new interview."),
                code=ReviewErrorCode.DECISION_REQUIRED,
                fields={"decision": [_("Choose a decision.")]},
            )
    elif decision:
        raise ValidationFailed(
            _("An explanation request is answered in words; it carries no decision."),
            fields={"decision": [_("Leave the decision empty for an explanation.")]},
        )
    now = now or timezone.now()
    with transaction.atomic():
        locked = ReviewRequest.objects.select_for_update().get(pk=review_request.pk)
        if locked.status != ReviewRequest.Status.OPEN:
            raise Conflict(_("This request has already been answered."), code=ReviewErrorCode.REQUEST_ALREADY_RESOLVED)
        locked.status = ReviewRequest.Status.DONE
        locked.response = cleaned
        locked.decision = decision
        locked.resolved_by = actor
        locked.resolved_at = now
        locked.save(update_fields=["status", "response", "decision", "resolved_by", "resolved_at", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            target=locked,
            changes={"status": [ReviewRequest.Status.OPEN, ReviewRequest.Status.DONE], "decision": ["", decision]},
            request=request,
        )
    return locked


def review_request_notified_record(*, review_request_id: int, now: datetime | None = None) -> bool:
    """Record that the candidate was told their request was answered (by ``notifications``, which sits above this
    room and calls it after creating the notification). Once: returns False when already recorded or not answered."""
    with transaction.atomic():
        review_request = ReviewRequest.objects.select_for_update().filter(pk=review_request_id).first()
        if (
            review_request is None
            or review_request.status != ReviewRequest.Status.DONE
            or review_request.notified_at is not None
        ):
            return False
        review_request.notified_at = now or timezone.now()
        review_request.save(update_fields=["notified_at", "updated_at"])
        audit_record(actor=None, action=AuditEvent.Action.UPDATE, target=review_request, changes={"notified": True})
    return True
