"""Writes of the candidate ↔ HR message threads: send a message, mark the other side's messages read, and draft a
reply from the candidate's report for HR to edit.

A candidate has one thread (``MessageThread``, created with their first message). HR replies in it from the
console. Each side's notification is de-duplicated per *burst*: the messages one side writes before the other side
answers tell the other side once (the de-duplication key names the burst's first message), so three quick messages
are one notification. ``reply_suggest`` only drafts: nothing is ever sent without HR pressing "Send".
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from talentloop.collaboration.errors import MessageErrorCode
from talentloop.collaboration.models import Message, MessageThread
from talentloop.core.exceptions import ValidationFailed
from talentloop.feedback.models import Report
from talentloop.feedback.selectors import (
    CANDIDATE,
    KeyPointView,
    report_is_released,
    report_policy_get,
    report_view_get,
)
from talentloop.feedback.services.reports import report_build
from talentloop.interviews.models import InterviewSession
from talentloop.notifications.events import hr_users
from talentloop.notifications.models import Kind
from talentloop.notifications.services import notification_send
from talentloop.org.models import Person

MESSAGE_MAX_LENGTH = 2000
# A suggested reply names the key points that cost most in each dimension and counts the rest.
SUGGESTED_POINTS_PER_DIMENSION = 2
# Characters of a suggested reply left free for HR's own edits.
SUGGESTION_ROOM_FOR_HR = 300


def message_body_clean(body: str) -> str:
    """The message without surrounding blanks; refused when empty or longer than ``MESSAGE_MAX_LENGTH``."""
    body = (body or "").strip()
    if not body:
        message = _("Write a message first.")
        raise ValidationFailed(message, code=MessageErrorCode.EMPTY_MESSAGE, fields={"body": [message]})
    if len(body) > MESSAGE_MAX_LENGTH:
        message = _("A message can be at most %(limit)d characters (you wrote %(count)d).") % {
            "limit": MESSAGE_MAX_LENGTH,
            "count": len(body),
        }
        raise ValidationFailed(message, code=MessageErrorCode.MESSAGE_TOO_LONG, fields={"body": [message]})
    return body


def _session_of_person(person: Person, session_id: int | str | None) -> InterviewSession | None:
    if session_id in (None, ""):
        return None
    try:
        return InterviewSession.objects.get(pk=int(session_id or 0), invitation__candidate__person=person)
    except (InterviewSession.DoesNotExist, ValueError, TypeError):
        message = _("That interview is not one of the candidate's.")
        raise ValidationFailed(message, code=MessageErrorCode.BAD_INTERVIEW, fields={"session": [message]}) from None


def message_send(
    *,
    author: Any,
    person: Person,
    side: str,
    body: str,
    session_id: int | str | None = None,
    now: datetime | None = None,
) -> Message:
    """Write a message in ``person``'s thread (created with the first message) from the candidate or from HR, and
    tell the other side once per burst. ``session_id`` optionally names the candidate's interview the message is
    about. The edge has already checked who may write (``message_access``); nothing is written when a check fails.
    """
    if side not in Message.Side.values:
        raise ValidationFailed(_("Unknown sender."), code=MessageErrorCode.BAD_SIDE)
    body = message_body_clean(body)
    session = _session_of_person(person, session_id)
    now = now or timezone.now()
    with transaction.atomic():
        thread, _created = MessageThread.objects.select_for_update().get_or_create(
            person=person, defaults={"created_at": now, "last_message_at": now}
        )
        # The first message of this side's burst: the earliest one since the other side last wrote.
        other_side_last = (
            thread.messages.exclude(side=side).order_by("-created_at", "-pk").values_list("created_at", flat=True)
        ).first()
        burst = thread.messages.filter(side=side)
        if other_side_last is not None:
            burst = burst.filter(created_at__gte=other_side_last)
        burst_start = burst.order_by("created_at", "pk").first()
        message = Message.objects.create(
            thread=thread, side=side, author=author, body=body, session=session, created_at=now
        )
        burst_start = burst_start or message
        thread.last_message_at = now
        if side == Message.Side.CANDIDATE:
            thread.waiting_since = thread.waiting_since or now
        else:
            thread.waiting_since = None
        thread.save(update_fields=["last_message_at", "waiting_since"])
        _other_side_notify(thread=thread, person=person, side=side, burst_start=burst_start)
    return message


def _other_side_notify(*, thread: MessageThread, person: Person, side: str, burst_start: Message) -> None:
    if side == Message.Side.CANDIDATE:
        for user in hr_users():
            notification_send(
                recipient=user,
                kind=Kind.CANDIDATE_MESSAGE,
                # No name: HR users' notifications outlive a candidate's erasure, and go out by email and WeCom.
                params={},
                link=reverse("console:message_thread", args=[thread.pk]),
                dedupe_key=f"candidate_message:{thread.pk}:{burst_start.pk}",
            )
    else:
        notification_send(
            recipient=person.user if person.user_id else None,
            kind=Kind.HR_REPLY,
            params={},
            link=reverse("portal:messages"),
            dedupe_key=f"hr_reply:{thread.pk}:{burst_start.pk}",
        )


def thread_mark_read(*, thread: MessageThread, reader_side: str, now: datetime | None = None) -> int:
    """The reader (``reader_side``) opened the thread: the other side's unread messages get their read receipt.
    Returns how many were marked (again is harmless: 0)."""
    if reader_side not in Message.Side.values:
        raise ValidationFailed(_("Unknown reader."), code=MessageErrorCode.BAD_SIDE)
    return (
        Message.objects.filter(thread=thread, read_at__isnull=True)
        .exclude(side=reader_side)
        .update(read_at=now or timezone.now())
    )


def candidate_language(person: Person, session: InterviewSession | None = None) -> str:
    """The language the candidate reads: their account's choice, else their interview's, else the site's."""
    user = person.user if person.user_id else None
    if user is not None and user.preferred_language:
        return str(user.preferred_language)
    if session is not None and session.language:
        return str(session.language)
    return str(settings.LANGUAGE_CODE)


def _report_session(thread: MessageThread) -> tuple[InterviewSession, Report] | None:
    """The interview to draft from: the one the candidate's latest message is about, else their latest submitted
    interview with a report released to them."""
    asked = (
        thread.messages.filter(side=Message.Side.CANDIDATE, session__isnull=False)
        .select_related("session__invitation__template__job_profile")
        .order_by("-created_at", "-pk")
        .first()
    )
    candidates = [asked.session] if asked is not None and asked.session is not None else []
    candidates += list(
        InterviewSession.objects.select_related("invitation__template__job_profile")
        .filter(invitation__candidate__person_id=thread.person_id, status=InterviewSession.Status.SUBMITTED)
        .order_by("-submitted_at", "-pk")
    )
    for session in candidates:
        if session.status != InterviewSession.Status.SUBMITTED:
            continue
        # Built once per score version, the way any reader's first look builds it.
        report = report_build(session=session)
        if report is None:
            continue
        policy = report_policy_get(job_profile=session.invitation.template.job_profile)
        if report_is_released(report=report, policy=policy):
            return session, report
    return None


def _key_point_line(point: KeyPointView) -> str:
    if point.points_lost is not None:
        line = _("- Question %(question)s: %(key_point)s (%(points)s points lost).") % {
            "question": point.question,
            "key_point": point.text,
            "points": f"{point.points_lost:g}",
        }
    else:
        line = _("- Question %(question)s: %(key_point)s.") % {"question": point.question, "key_point": point.text}
    if point.tip:
        line += " " + _("Tip: %(tip)s") % {"tip": point.tip}
    return line


def reply_suggest(*, thread: MessageThread) -> str:
    """A draft reply for HR to edit before sending (it is never sent by itself): the lost key points of the
    candidate's report per dimension, each with its tip, in the candidate's language. The report is read as the
    candidate reads it (their report policy), so the draft tells them nothing their report does not. Writes no
    message. Refused when the candidate has no report released to them."""
    found = _report_session(thread)
    if found is None:
        raise ValidationFailed(
            _("This candidate has no released report to draft a reply from."), code=MessageErrorCode.NO_REPORT
        )
    session, report = found
    policy = report_policy_get(job_profile=session.invitation.template.job_profile)
    person = thread.person
    with translation.override(candidate_language(person, session)):
        view = report_view_get(report=report, audience=CANDIDATE, policy=policy)
        lines = [
            _("Dear %(name)s,") % {"name": person.full_name},
            "",
            _("Thank you for your message. Your report on the %(position)s interview shows where points were lost:")
            % {"position": view.position},
        ]
        blocks: list[list[str]] = []
        for dimension in view.dimensions:
            if not dimension.lost:
                continue
            block = ["", _("%(dimension)s (%(score)s):") % {"dimension": dimension.name, "score": dimension.score}]
            # The points that cost most first; the rest are one line, so the draft stays a message, not the report.
            worst = sorted(dimension.lost, key=lambda point: -(point.points_lost or 0.0))
            block += [_key_point_line(point) for point in worst[:SUGGESTED_POINTS_PER_DIMENSION]]
            rest = len(worst) - SUGGESTED_POINTS_PER_DIMENSION
            if rest > 0:
                block.append(
                    ngettext(
                        "- and %(count)d more key point in your report.",
                        "- and %(count)d more key points in your report.",
                        rest,
                    )
                    % {"count": rest}
                )
            blocks.append(block)
        footer = [
            "",
            _("Your growth path in the portal turns these tips into practice steps."),
            _("Write again if anything is unclear."),
            "",
            _("Best regards,"),
            _("HR"),
        ]
        if not blocks:
            lines += ["", _("Your report shows no lost key points.")]
        # Whole dimensions only, as many as fit in one message with room left for HR's own words.
        budget = MESSAGE_MAX_LENGTH - SUGGESTION_ROOM_FOR_HR - len("\n".join(lines + footer))
        for number, block in enumerate(blocks):
            size = len("\n".join(block)) + 1
            if size > budget:
                left = len(blocks) - number
                lines += [
                    "",
                    ngettext(
                        "%(count)d more dimension with lost points is in your report.",
                        "%(count)d more dimensions with lost points are in your report.",
                        left,
                    )
                    % {"count": left},
                ]
                break
            lines += block
            budget -= size
        lines += footer
    return "\n".join(lines)


def person_messages_erase(*, person_id: int, user_id: int | None) -> dict[str, int]:
    """Erase a person's share of the message threads (the privacy orchestrator's erasure): delete their own thread as
    a candidate with every message in it, and unlink them from the replies they wrote as HR (the words stay in the
    candidate's thread, without their name). Safe to run twice."""
    done: dict[str, int] = {}
    thread = MessageThread.objects.filter(person_id=person_id).first()
    if thread is not None:
        count = thread.messages.count()
        thread.delete()
        done["message_thread"] = 1
        if count:
            done["messages"] = count
    if user_id is not None:
        written = Message.objects.filter(author_id=user_id).update(author=None)
        if written:
            done["messages_written"] = written
    return done
