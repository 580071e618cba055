"""The message threads' services: send (both sides, bursts and their notifications), read receipts, refusals that
write nothing, the suggested reply drafted from a known report, and erasure."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from talentloop.accounts.models import User
from talentloop.collaboration import messages as messages_module
from talentloop.collaboration.errors import MessageErrorCode
from talentloop.collaboration.messages import (
    MESSAGE_MAX_LENGTH,
    message_send,
    person_messages_erase,
    reply_suggest,
    thread_mark_read,
)
from talentloop.collaboration.models import Message, MessageThread
from talentloop.competencies.models import Dimension
from talentloop.core.exceptions import ValidationFailed
from talentloop.feedback.models import ReportPolicy
from talentloop.interviews.models import InterviewSession
from talentloop.notifications.messages import Message as Message_
from talentloop.notifications.messages import message_render
from talentloop.notifications.models import Delivery, Notification
from talentloop.questionbank.models import KeyPoint

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
T = datetime(2026, 11, 2, 9, 0, tzinfo=SHANGHAI)  # a Monday


def _nothing_written() -> None:
    assert MessageThread.objects.count() == 0
    assert Message.objects.count() == 0
    assert Notification.objects.count() == 0
    assert Delivery.objects.count() == 0


def _notifications() -> list[tuple[str, str, dict, str]]:
    return [
        (n.recipient.username, n.kind, n.params, n.link)
        for n in Notification.objects.select_related("recipient").order_by("pk")
    ]


class TestSend:
    def test_the_first_candidate_message_opens_the_thread_and_tells_every_hr_user(
        self, candidate_a: User, hr: User, hr_admin: User, sales_manager: User
    ) -> None:
        # When the candidate writes for the first time
        message = message_send(
            author=candidate_a, person=candidate_a.person, side="candidate", body="  我想知道面试中的具体失分点 ", now=T
        )
        # Then one thread holds the message, waiting for HR since now
        thread = MessageThread.objects.get()
        assert (thread.person_id, thread.created_at, thread.last_message_at, thread.waiting_since) == (
            candidate_a.person.pk,
            T,
            T,
            T,
        )
        assert (message.thread_id, message.side, message.author_id, message.body, message.read_at) == (
            thread.pk,
            "candidate",
            candidate_a.pk,
            "我想知道面试中的具体失分点",
            None,
        )
        # And HR and the HR admin (not the hiring manager) are told once each, linking to the thread
        link = f"/console/messages/{thread.pk}/"
        assert sorted(_notifications()) == [
            ("hr", "candidate_message", {}, link),
            ("hr.admin", "candidate_message", {}, link),
        ]

    def test_a_burst_is_one_notification_and_hrs_reply_closes_it(self, candidate_a: User, hr: User) -> None:
        person = candidate_a.person
        first = message_send(author=candidate_a, person=person, side="candidate", body="一", now=T)
        message_send(author=candidate_a, person=person, side="candidate", body="二", now=T + timedelta(minutes=1))
        message_send(author=candidate_a, person=person, side="candidate", body="三", now=T + timedelta(minutes=2))
        thread = MessageThread.objects.get()
        assert thread.waiting_since == T  # the first unanswered message
        assert Notification.objects.filter(kind="candidate_message").count() == 1
        assert Notification.objects.get().dedupe_key == f"candidate_message:{thread.pk}:{first.pk}"

        # When HR replies twice
        reply = message_send(author=hr, person=person, side="hr", body="您好", now=T + timedelta(hours=2))
        message_send(author=hr, person=person, side="hr", body="补充", now=T + timedelta(hours=2, minutes=1))
        thread.refresh_from_db()
        # Then the thread no longer waits and the candidate is told once
        assert (thread.waiting_since, thread.last_message_at) == (None, T + timedelta(hours=2, minutes=1))
        replies = Notification.objects.filter(kind="hr_reply")
        assert [(n.recipient_id, n.link, n.dedupe_key) for n in replies] == [
            (candidate_a.pk, "/portal/messages/", f"hr_reply:{thread.pk}:{reply.pk}")
        ]

        # And the candidate's next message is a new burst: HR is told again
        again = message_send(author=candidate_a, person=person, side="candidate", body="四", now=T + timedelta(days=1))
        thread.refresh_from_db()
        assert thread.waiting_since == T + timedelta(days=1)
        assert list(
            Notification.objects.filter(kind="candidate_message").order_by("pk").values_list("dedupe_key", flat=True)
        ) == [f"candidate_message:{thread.pk}:{first.pk}", f"candidate_message:{thread.pk}:{again.pk}"]

    def test_a_message_about_an_interview_keeps_the_link(self, scored: InterviewSession, candidate_a: User) -> None:
        message = message_send(
            author=candidate_a, person=candidate_a.person, side="candidate", body="关于报告", session_id=scored.pk
        )
        assert message.session_id == scored.pk

    @pytest.mark.parametrize(
        ("body", "code", "text"),
        [
            ("", MessageErrorCode.EMPTY_MESSAGE, "Write a message first."),
            ("   \n ", MessageErrorCode.EMPTY_MESSAGE, "Write a message first."),
            (
                "长" * (MESSAGE_MAX_LENGTH + 1),
                MessageErrorCode.MESSAGE_TOO_LONG,
                "A message can be at most 2000 characters (you wrote 2001).",
            ),
        ],
    )
    def test_an_empty_or_too_long_message_is_refused_and_nothing_is_written(
        self, candidate_a: User, hr: User, body: str, code: MessageErrorCode, text: str
    ) -> None:
        with pytest.raises(ValidationFailed) as raised:
            message_send(author=candidate_a, person=candidate_a.person, side="candidate", body=body)
        assert (raised.value.code, raised.value.message, raised.value.fields) == (code, text, {"body": [text]})
        _nothing_written()

    def test_exactly_the_limit_is_accepted(self, candidate_a: User) -> None:
        message = message_send(
            author=candidate_a, person=candidate_a.person, side="candidate", body="长" * MESSAGE_MAX_LENGTH
        )
        assert len(message.body) == MESSAGE_MAX_LENGTH

    def test_another_candidates_interview_is_refused_and_nothing_is_written(
        self, scored_b: InterviewSession, candidate_a: User, hr: User
    ) -> None:
        with pytest.raises(ValidationFailed) as raised:
            message_send(
                author=candidate_a, person=candidate_a.person, side="candidate", body="问", session_id=scored_b.pk
            )
        assert raised.value.code == MessageErrorCode.BAD_INTERVIEW
        _nothing_written()

    def test_an_unknown_side_is_refused(self, candidate_a: User) -> None:
        with pytest.raises(ValidationFailed) as raised:
            message_send(author=candidate_a, person=candidate_a.person, side="manager", body="问")
        assert raised.value.code == MessageErrorCode.BAD_SIDE
        _nothing_written()


class TestReadReceipts:
    def test_each_side_marks_only_the_other_sides_messages(self, candidate_a: User, hr: User) -> None:
        person = candidate_a.person
        asked = message_send(author=candidate_a, person=person, side="candidate", body="问", now=T)
        thread = asked.thread
        # HR opens the thread: the candidate's message is read, once
        assert thread_mark_read(thread=thread, reader_side="hr", now=T + timedelta(hours=1)) == 1
        assert thread_mark_read(thread=thread, reader_side="hr", now=T + timedelta(hours=2)) == 0
        reply = message_send(author=hr, person=person, side="hr", body="答", now=T + timedelta(hours=3))
        # The candidate opening the thread marks HR's reply only
        assert thread_mark_read(thread=thread, reader_side="candidate", now=T + timedelta(hours=4)) == 1
        asked.refresh_from_db()
        reply.refresh_from_db()
        assert (asked.read_at, reply.read_at) == (T + timedelta(hours=1), T + timedelta(hours=4))

    def test_an_unknown_reader_is_refused(self, candidate_a: User) -> None:
        message = message_send(author=candidate_a, person=candidate_a.person, side="candidate", body="问")
        with pytest.raises(ValidationFailed):
            thread_mark_read(thread=message.thread, reader_side="manager")
        message.refresh_from_db()
        assert message.read_at is None


@pytest.fixture
def with_tips(scored: InterviewSession) -> InterviewSession:
    """The key point of the scored interview with tips and English words, and English dimension names (the report
    is built when first read, so it copies them)."""
    KeyPoint.objects.update(
        text_en="Identify the customer's needs",
        improvement_tip="先复述客户的需求，再提出方案。",
        improvement_tip_en="Restate the customer's need before proposing anything.",
    )
    Dimension.objects.filter(code="customer-needs").update(name="客户需求洞察", name_en="Customer needs")
    Dimension.objects.filter(code="communication").update(name="沟通表达", name_en="Communication")
    return scored


class TestReplySuggest:
    def test_the_draft_lists_the_lost_points_with_tips_in_the_candidates_language(
        self, with_tips: InterviewSession, candidate_a: User
    ) -> None:
        candidate_a.preferred_language = "en"
        candidate_a.save(update_fields=["preferred_language"])
        message = message_send(author=candidate_a, person=candidate_a.person, side="candidate", body="失分点？")
        tip = " Tip: Restate the customer's need before proposing anything."
        assert reply_suggest(thread=message.thread) == "\n".join(
            [
                "Dear 周婷,",
                "",
                "Thank you for your message. Your report on the 销售代表 interview shows where points were lost:",
                "",
                "Communication (0 / 100):",
                "- Question 3: Identify the customer's needs (100 points lost)." + tip,
                "",
                "Customer needs (0 / 100):",
                "- Question 1: Identify the customer's needs (100 points lost)." + tip,
                "- Question 2: Identify the customer's needs (100 points lost)." + tip,
                "",
                "Your growth path in the portal turns these tips into practice steps.",
                "Write again if anything is unclear.",
                "",
                "Best regards,",
                "HR",
            ]
        )
        # A draft only: no message, no notification beyond the candidate's own
        assert Message.objects.count() == 1
        assert Notification.objects.filter(kind="hr_reply").count() == 0

    def test_the_draft_names_the_costliest_points_and_counts_the_rest(
        self, with_tips: InterviewSession, candidate_a: User, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(messages_module, "SUGGESTED_POINTS_PER_DIMENSION", 1)
        candidate_a.preferred_language = "en"
        candidate_a.save(update_fields=["preferred_language"])
        message = message_send(author=candidate_a, person=candidate_a.person, side="candidate", body="失分点？")
        draft = reply_suggest(thread=message.thread)
        assert "Customer needs (0 / 100):\n- Question 1: Identify the customer's needs (100 points lost)." in draft
        assert "- Question 2:" not in draft
        assert "- and 1 more key point in your report.\n" in draft

    def test_dimensions_that_do_not_fit_in_one_message_are_counted(
        self, with_tips: InterviewSession, candidate_a: User, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(messages_module, "SUGGESTION_ROOM_FOR_HR", MESSAGE_MAX_LENGTH)
        candidate_a.preferred_language = "en"
        candidate_a.save(update_fields=["preferred_language"])
        message = message_send(author=candidate_a, person=candidate_a.person, side="candidate", body="失分点？")
        draft = reply_suggest(thread=message.thread)
        assert "Question" not in draft
        assert "\n2 more dimensions with lost points are in your report.\n" in draft

    def test_the_draft_follows_the_report_policy(
        self, with_tips: InterviewSession, candidate_a: User, hr: User
    ) -> None:
        # Given a policy that shows candidates levels, not scores
        ReportPolicy.objects.create(
            job_profile=with_tips.invitation.template.job_profile, score_display=ReportPolicy.ScoreDisplay.BANDS
        )
        candidate_a.preferred_language = "en"
        candidate_a.save(update_fields=["preferred_language"])
        message = message_send(author=candidate_a, person=candidate_a.person, side="candidate", body="失分点？")
        draft = reply_suggest(thread=message.thread)
        # Then the draft says levels and no points, as the candidate's report does
        assert "Communication (Level 1 of 5):" in draft
        assert "- Question 3: Identify the customer's needs. Tip: Restate" in draft
        assert "points lost" not in draft

    def test_the_draft_is_in_chinese_for_a_chinese_reader(self, with_tips: InterviewSession, candidate_a: User) -> None:
        message = message_send(author=candidate_a, person=candidate_a.person, side="candidate", body="失分点？")
        draft = reply_suggest(thread=message.thread)
        assert "沟通表达" in draft
        assert "先复述客户的需求，再提出方案。" in draft
        assert "Restate" not in draft

    def test_no_released_report_is_a_clear_error(self, candidate_a: User) -> None:
        message = message_send(author=candidate_a, person=candidate_a.person, side="candidate", body="你好")
        with pytest.raises(ValidationFailed) as raised:
            reply_suggest(thread=message.thread)
        assert (raised.value.code, raised.value.message) == (
            MessageErrorCode.NO_REPORT,
            "This candidate has no released report to draft a reply from.",
        )

    def test_an_unreleased_report_is_not_drafted_from(self, scored: InterviewSession, candidate_a: User) -> None:
        ReportPolicy.objects.create(
            job_profile=scored.invitation.template.job_profile, release=ReportPolicy.Release.AFTER_HR_RELEASE
        )
        message = message_send(author=candidate_a, person=candidate_a.person, side="candidate", body="你好")
        with pytest.raises(ValidationFailed):
            reply_suggest(thread=message.thread)


class TestErase:
    def test_the_candidates_thread_goes_and_hr_is_unlinked(
        self, candidate_a: User, candidate_b: User, hr: User
    ) -> None:
        message_send(author=candidate_a, person=candidate_a.person, side="candidate", body="问")
        message_send(author=hr, person=candidate_a.person, side="hr", body="答")
        message_send(author=candidate_b, person=candidate_b.person, side="candidate", body="我的")
        reply_to_b = message_send(author=hr, person=candidate_b.person, side="hr", body="给B")

        assert person_messages_erase(person_id=candidate_a.person.pk, user_id=candidate_a.pk) == {
            "message_thread": 1,
            "messages": 2,
        }
        assert list(MessageThread.objects.values_list("person_id", flat=True)) == [candidate_b.person.pk]
        assert person_messages_erase(person_id=hr.person.pk, user_id=hr.pk) == {"messages_written": 1}
        reply_to_b.refresh_from_db()
        assert (reply_to_b.author_id, reply_to_b.body) == (None, "给B")
        # Twice is harmless
        assert person_messages_erase(person_id=candidate_a.person.pk, user_id=candidate_a.pk) == {}


def test_the_notifications_read_without_the_candidates_name() -> None:
    assert message_render(kind="candidate_message", params={}) == Message_(
        "New message from a candidate",
        "A candidate wrote to HR in the candidate portal. Open the thread to read and reply.",
    )
    assert message_render(kind="hr_reply", params={}) == Message_(
        "HR replied to your message",
        "HR has replied to your message. Sign in to read the reply in your messages.",
    )
