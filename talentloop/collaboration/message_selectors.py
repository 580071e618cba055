"""Reads of the candidate ↔ HR message threads: HR's inbox, one thread, unread and unanswered counts, and HR's
response-time statistics.

**Response time.** A *question* is a burst of candidate messages: from the first candidate message after HR last
wrote (or the first ever) to HR's next message, its *first response*. The response time is the wall-clock time
between the two; the HR user who wrote the response is its responder. A question is *answered within one working
day* when the Monday-to-Friday time between asking and answering (in the site's time zone; weekends do not count,
public holidays are not known to TalentLoop) is at most 24 hours. A question still waiting counts against the share
once more than one working day has passed, and not at all before (it may still be answered in time). The median is
the middle value (the mean of the two middle values for an even count); p90 is the nearest-rank 90th percentile
(the value at rank ⌈0.9·n⌉).
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from talentloop.accounts.models import User
from talentloop.collaboration.models import Message, MessageThread

ONE_WORKING_DAY = timedelta(hours=24)


def thread_inbox_list() -> QuerySet[MessageThread]:
    """Every thread for HR's inbox: unanswered first (the longest waiting on top), then the most recent; each with
    the candidate, their applied position and how many of their messages HR has not read (one query)."""
    return (
        MessageThread.objects.select_related("person__candidate__applied_position")
        .annotate(
            unread=Count("messages", filter=Q(messages__side=Message.Side.CANDIDATE, messages__read_at__isnull=True))
        )
        # Threads waiting for HR first, the oldest wait first; then the rest by their last message.
        .order_by(F("waiting_since").asc(nulls_last=True), "-last_message_at", "-pk")
    )


def thread_message_list(*, thread: MessageThread) -> QuerySet[Message]:
    """The thread's messages, oldest first, with their authors and the interview each is about."""
    return thread.messages.select_related("author", "session__invitation__template__job_profile__position").order_by(
        "created_at", "pk"
    )


def thread_unanswered_count() -> int:
    """How many threads wait for HR's answer (the console's "Messages" count)."""
    return MessageThread.objects.filter(waiting_since__isnull=False).count()


def candidate_unread_count(*, person_id: int | None) -> int:
    """How many of HR's messages the candidate has not read yet (the portal's "Messages" count)."""
    if person_id is None:
        return 0
    return Message.objects.filter(thread__person_id=person_id, side=Message.Side.HR, read_at__isnull=True).count()


# --- response-time statistics -----------------------------------------------------------------------------------


def working_time_between(start: datetime, end: datetime) -> timedelta:
    """The Monday-to-Friday time between ``start`` and ``end``, counted in the site's time zone."""
    if end <= start:
        return timedelta(0)
    start_local, end_local = timezone.localtime(start), timezone.localtime(end)
    total = timedelta(0)
    cursor = start_local
    while cursor < end_local:
        next_midnight = (cursor + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
        stop = min(next_midnight, end_local)
        if cursor.weekday() < 5:
            total += stop - cursor
        cursor = stop
    return total


@dataclass(frozen=True)
class Question:
    """One burst of candidate messages and its first response (``answered_at`` is None while it waits)."""

    thread_id: int
    asked_at: datetime
    answered_at: datetime | None
    responder_id: int | None

    def seconds(self) -> float | None:
        return (self.answered_at - self.asked_at).total_seconds() if self.answered_at is not None else None

    def within_one_working_day(self, now: datetime) -> bool | None:
        """True or False once it is decided; None while it waits and still may be answered in time."""
        end = self.answered_at or now
        in_time = working_time_between(self.asked_at, end) <= ONE_WORKING_DAY
        if self.answered_at is None and in_time:
            return None
        return in_time and self.answered_at is not None


def question_list(*, date_from: date | None = None, date_to: date | None = None) -> list[Question]:
    """Every question asked in the period (by the local date of its first message, both ends included), with its
    first response (one query)."""
    rows = Message.objects.order_by("thread_id", "created_at", "pk").values_list(
        "thread_id", "side", "author_id", "created_at"
    )
    questions: list[Question] = []
    current_thread: int | None = None
    asked_at: datetime | None = None

    def close_open() -> None:
        if current_thread is not None and asked_at is not None:
            questions.append(Question(current_thread, asked_at, None, None))

    for thread_id, side, author_id, created_at in rows:
        if thread_id != current_thread:
            close_open()
            current_thread, asked_at = thread_id, None
        if side == Message.Side.CANDIDATE:
            asked_at = asked_at or created_at
        elif asked_at is not None:
            questions.append(Question(thread_id, asked_at, created_at, author_id))
            asked_at = None
    close_open()
    return [
        question
        for question in questions
        if (date_from is None or timezone.localdate(question.asked_at) >= date_from)
        and (date_to is None or timezone.localdate(question.asked_at) <= date_to)
    ]


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _p90(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


@dataclass(frozen=True)
class ResponseTimeRow:
    """The response times of a set of questions. ``decided`` is how many count for the share: the answered ones and
    those that waited more than one working day; ``share_within`` is ``within / decided`` (None when 0)."""

    label: str
    asked: int
    answered: int
    median_seconds: float | None
    p90_seconds: float | None
    within: int
    decided: int

    @property
    def share_within(self) -> float | None:
        return self.within / self.decided if self.decided else None


def _row(label: str, questions: list[Question], now: datetime) -> ResponseTimeRow:
    seconds = [value for value in (question.seconds() for question in questions) if value is not None]
    verdicts = [question.within_one_working_day(now) for question in questions]
    return ResponseTimeRow(
        label=label,
        asked=len(questions),
        answered=len(seconds),
        median_seconds=_median(seconds),
        p90_seconds=_p90(seconds),
        within=sum(1 for verdict in verdicts if verdict is True),
        decided=sum(1 for verdict in verdicts if verdict is not None),
    )


@dataclass(frozen=True)
class ResponseTimeStatistics:
    date_from: date | None
    date_to: date | None
    overall: ResponseTimeRow
    waiting: int
    by_responder: list[ResponseTimeRow]
    by_month: list[ResponseTimeRow]


def response_time_statistics(
    *, date_from: date | None = None, date_to: date | None = None, now: datetime | None = None
) -> ResponseTimeStatistics:
    """HR's first-response times for the questions asked in the period: overall, per HR user who answered (by name;
    "Former colleague" when the account is gone) and per month asked. See the module docstring for the rules."""
    now = now or timezone.now()
    questions = question_list(date_from=date_from, date_to=date_to)
    by_responder: dict[int | None, list[Question]] = defaultdict(list)
    by_month: dict[str, list[Question]] = defaultdict(list)
    for question in questions:
        if question.answered_at is not None:
            by_responder[question.responder_id].append(question)
        by_month[timezone.localdate(question.asked_at).strftime("%Y-%m")].append(question)
    names = _responder_names([key for key in by_responder if key is not None])
    responder_rows = [
        _row(names.get(key, "") if key is not None else "", rows, now) for key, rows in by_responder.items()
    ]
    responder_rows.sort(key=lambda row: (row.label == "", row.label))
    return ResponseTimeStatistics(
        date_from=date_from,
        date_to=date_to,
        overall=_row("", questions, now),
        waiting=sum(1 for question in questions if question.answered_at is None),
        by_responder=responder_rows,
        by_month=[_row(month, by_month[month], now) for month in sorted(by_month)],
    )


def _responder_names(user_ids: list[int]) -> dict[int, str]:
    users: Any = User.objects.filter(pk__in=user_ids)
    return {user.pk: str(user) for user in users}
