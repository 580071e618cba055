"""The message threads' reads: the inbox order, the counts, working time, and the response-time statistics on
hand-made timestamps (Asia/Shanghai; 2026-11-02 is a Monday)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from talentloop.accounts.models import User
from talentloop.collaboration.message_selectors import (
    ResponseTimeRow,
    candidate_unread_count,
    response_time_statistics,
    thread_inbox_list,
    thread_unanswered_count,
    working_time_between,
)
from talentloop.collaboration.messages import message_send, thread_mark_read

pytestmark = pytest.mark.django_db

SH = ZoneInfo("Asia/Shanghai")


def at(day: str, time: str) -> datetime:
    return datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=SH)


def test_working_time_skips_the_weekend() -> None:
    assert working_time_between(at("2026-11-06", "17:00"), at("2026-11-09", "10:00")) == timedelta(hours=17)
    assert working_time_between(at("2026-11-07", "10:00"), at("2026-11-08", "23:00")) == timedelta(0)
    assert working_time_between(at("2026-11-02", "09:00"), at("2026-11-02", "11:30")) == timedelta(hours=2.5)
    assert working_time_between(at("2026-11-03", "09:00"), at("2026-11-02", "09:00")) == timedelta(0)


@pytest.fixture
def conversation(candidate_a: User, candidate_b: User, hr: User, hr_admin: User) -> None:
    """Six questions: four answered (2 h, 65 h over a weekend, 25 h, 30 min), one overdue, one still in time."""
    a, b = candidate_a.person, candidate_b.person

    def say(author: User, person: object, side: str, when: datetime) -> None:
        message_send(author=author, person=person, side=side, body="…", now=when)  # type: ignore[arg-type]

    # Thread A
    say(candidate_a, a, "candidate", at("2026-11-02", "09:00"))  # Q1
    say(candidate_a, a, "candidate", at("2026-11-02", "09:30"))  # (same question)
    say(hr, a, "hr", at("2026-11-02", "11:00"))  # 2 h, within
    say(hr, a, "hr", at("2026-11-02", "11:05"))  # (not a first response)
    say(candidate_a, a, "candidate", at("2026-11-06", "17:00"))  # Q2, a Friday
    say(hr_admin, a, "hr", at("2026-11-09", "10:00"))  # 65 h, but 17 working hours: within
    say(candidate_a, a, "candidate", at("2026-11-10", "09:00"))  # Q3
    say(hr, a, "hr", at("2026-11-11", "10:00"))  # 25 h: not within
    say(candidate_a, a, "candidate", at("2026-12-01", "09:00"))  # Q5: unanswered, overdue by now
    # Thread B
    say(candidate_b, b, "candidate", at("2026-11-02", "12:00"))  # Q4
    say(hr, b, "hr", at("2026-11-02", "12:30"))  # 30 min, within
    say(candidate_b, b, "candidate", at("2026-12-02", "20:00"))  # Q6: unanswered, still in time


NOW = at("2026-12-03", "09:00")


def test_the_statistics_of_every_question(conversation: None) -> None:
    statistics = response_time_statistics(now=NOW)
    assert statistics.overall == ResponseTimeRow(
        label="", asked=6, answered=4, median_seconds=48600.0, p90_seconds=234000.0, within=3, decided=5
    )
    assert statistics.overall.share_within == 0.6
    assert statistics.waiting == 2
    assert statistics.by_responder == [
        ResponseTimeRow(
            label="李娜", asked=3, answered=3, median_seconds=7200.0, p90_seconds=90000.0, within=2, decided=3
        ),
        ResponseTimeRow(
            label="王敏", asked=1, answered=1, median_seconds=234000.0, p90_seconds=234000.0, within=1, decided=1
        ),
    ]
    assert statistics.by_month == [
        ResponseTimeRow(
            label="2026-11", asked=4, answered=4, median_seconds=48600.0, p90_seconds=234000.0, within=3, decided=4
        ),
        ResponseTimeRow(
            label="2026-12", asked=2, answered=0, median_seconds=None, p90_seconds=None, within=0, decided=1
        ),
    ]


def test_the_period_selects_questions_by_the_day_they_were_asked(conversation: None) -> None:
    first_week = response_time_statistics(date_from=date(2026, 11, 2), date_to=date(2026, 11, 6), now=NOW)
    assert first_week.overall == ResponseTimeRow(
        label="", asked=3, answered=3, median_seconds=7200.0, p90_seconds=234000.0, within=3, decided=3
    )
    december = response_time_statistics(date_from=date(2026, 12, 1), now=NOW)
    assert (december.overall.asked, december.overall.answered, december.waiting, december.by_responder) == (2, 0, 2, [])
    assert december.overall.share_within == 0.0


def test_a_question_waiting_in_time_does_not_count_yet(candidate_a: User) -> None:
    message_send(
        author=candidate_a, person=candidate_a.person, side="candidate", body="…", now=at("2026-11-06", "17:00")
    )
    # Friday 17:00 to Monday 16:00 is 23 working hours: undecided
    statistics = response_time_statistics(now=at("2026-11-09", "16:00"))
    assert (statistics.overall.decided, statistics.overall.share_within, statistics.waiting) == (0, None, 1)
    # An hour later it has missed the working day
    later = response_time_statistics(now=at("2026-11-09", "18:00"))
    assert (later.overall.decided, later.overall.within) == (1, 0)


def test_a_reply_by_a_removed_account_counts_as_a_former_colleague(candidate_a: User, hr: User) -> None:
    message_send(
        author=candidate_a, person=candidate_a.person, side="candidate", body="…", now=at("2026-11-02", "09:00")
    )
    message_send(author=hr, person=candidate_a.person, side="hr", body="…", now=at("2026-11-02", "10:00"))
    hr.delete()
    (row,) = response_time_statistics(now=NOW).by_responder
    assert (row.label, row.answered, row.median_seconds) == ("", 1, 3600.0)


def test_the_inbox_puts_the_longest_waiting_first_and_counts_unread(
    candidate_a: User, candidate_b: User, hr: User, django_assert_num_queries: object
) -> None:
    a, b = candidate_a.person, candidate_b.person
    message_send(author=candidate_a, person=a, side="candidate", body="…", now=at("2026-11-02", "09:00"))
    message_send(author=hr, person=a, side="hr", body="…", now=at("2026-11-02", "10:00"))  # answered, newest
    message_send(author=candidate_b, person=b, side="candidate", body="…", now=at("2026-11-01", "09:00"))
    message_send(author=candidate_b, person=b, side="candidate", body="…", now=at("2026-11-01", "09:05"))
    with django_assert_num_queries(1):  # type: ignore[operator]
        rows = [(thread.person.full_name, thread.unread, thread.waiting_since) for thread in thread_inbox_list()]  # type: ignore[attr-defined]
    assert rows == [("吴杰", 2, at("2026-11-01", "09:00")), ("周婷", 1, None)]
    assert thread_unanswered_count() == 1


def test_the_candidate_counts_hrs_unread_replies(candidate_a: User, hr: User) -> None:
    message = message_send(author=candidate_a, person=candidate_a.person, side="candidate", body="…")
    assert candidate_unread_count(person_id=candidate_a.person.pk) == 0
    message_send(author=hr, person=candidate_a.person, side="hr", body="…")
    message_send(author=hr, person=candidate_a.person, side="hr", body="…")
    assert candidate_unread_count(person_id=candidate_a.person.pk) == 2
    thread_mark_read(thread=message.thread, reader_side="candidate")
    assert candidate_unread_count(person_id=candidate_a.person.pk) == 0
    assert candidate_unread_count(person_id=None) == 0
