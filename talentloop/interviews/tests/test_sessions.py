"""The candidate's interview, driven through the services with a controlled clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from talentloop.core.exceptions import Conflict, Gone, ValidationFailed
from talentloop.interviews.errors import InterviewErrorCode
from talentloop.interviews.models import Answer, InterviewSession, Invitation, SessionEvent
from talentloop.interviews.services import sessions as s
from talentloop.interviews.services.invitations import invitation_revoke
from talentloop.interviews.tests.conftest import T0
from talentloop.questionbank.models import Rubric
from talentloop.questionbank.services import KeyPointInput, QuestionInput, RubricInput, question_save


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def kinds(session: InterviewSession) -> list[tuple[str, int | None]]:
    return [(e.kind, e.answer.order if e.answer else None) for e in session.events.order_by("occurred_at", "id")]


@pytest.mark.django_db
class TestOpenAndConsent:
    def test_first_open_fixes_questions_timers_and_rubric_versions(self, invitation: Invitation) -> None:
        # when
        session = s.session_open(invitation=invitation, now=T0)
        # then
        answers = list(session.answers.order_by("order"))
        assert [a.question.code for a in answers] == ["q1", "q2", "q3"]
        assert [(a.preparation_seconds, a.max_answer_seconds, a.allowed_retries) for a in answers] == [(10, 60, 1)] * 3
        assert [a.question_text for a in answers] == ["问题1", "问题2", "问题3"]
        assert [[r.version for r in a.rubrics.all()] for a in answers] == [[1], [1], [1]]
        assert session.status == InterviewSession.Status.CONSENTING
        assert kinds(session) == [("opened", None)]

    def test_answers_keep_their_rubric_version_after_a_revision(self, invitation: Invitation) -> None:
        # given an opened session
        session = s.session_open(invitation=invitation, now=T0)
        # when HR revises q1's rubric
        question_save(
            actor=None,
            data=QuestionInput(
                code="q1",
                kind="behavioural",
                text="问题1",
                text_en="Question 1",
                position_codes=["sales-rep"],
                rubrics=[RubricInput("customer-needs", [KeyPointInput("验证需求", keywords=["验证"])], {"1": "差"})],
            ),
        )
        # then the answer still points at version 1 and version 2 is current
        answer = session.answers.get(order=1)
        assert [r.version for r in answer.rubrics.all()] == [1]
        assert Rubric.objects.get(question__code="q1", is_current=True).version == 2

    def test_reopening_resumes_instead_of_creating_a_second_session(self, invitation: Invitation) -> None:
        first = s.session_open(invitation=invitation, now=T0)
        second = s.session_open(invitation=invitation, now=at(60))
        assert first.pk == second.pk
        assert InterviewSession.objects.count() == 1
        assert Answer.objects.count() == 3
        assert kinds(second) == [("opened", None), ("resumed", None)]

    def test_consent_is_required_and_nothing_starts_without_it(self, invitation: Invitation) -> None:
        session = s.session_open(invitation=invitation, now=T0)
        with pytest.raises(ValidationFailed) as error:
            s.session_consent(session=session, consent=False, voice_consent=True, now=at(1))
        assert error.value.code == InterviewErrorCode.CONSENT_REQUIRED
        session.refresh_from_db()
        assert session.consented_at is None and session.voice_consented_at is None
        assert kinds(session) == [("opened", None)]

    def test_voice_consent_is_separate(self, invitation: Invitation) -> None:
        session = s.session_open(invitation=invitation, now=T0)
        s.session_consent(session=session, consent=True, voice_consent=False, now=at(5))
        assert session.voice_consented_at is None
        s.session_consent(session=session, consent=True, voice_consent=True, now=at(9))
        assert session.consented_at == at(5)
        assert session.voice_consented_at == at(9)
        assert kinds(session) == [("opened", None), ("consented", None), ("voice_consented", None)]

    def test_revoked_and_expired_links_are_gone(self, invitation: Invitation) -> None:
        invitation_revoke(actor=None, invitation=invitation)
        with pytest.raises(Gone) as error:
            s.session_open(invitation=invitation)
        assert error.value.code == InterviewErrorCode.INVITATION_REVOKED
        assert InterviewSession.objects.count() == 0

    def test_expired_link_is_gone(self, invitation: Invitation) -> None:
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=T0)
        invitation.refresh_from_db()
        with pytest.raises(Gone) as error:
            s.session_open(invitation=invitation, now=at(1))
        assert error.value.code == InterviewErrorCode.INVITATION_EXPIRED
        assert InterviewSession.objects.count() == 0


@pytest.mark.django_db
class TestTimers:
    def test_preparation_turns_into_answering_at_the_server_deadline(self, started: InterviewSession) -> None:
        # when the question is shown at t=100 and the candidate comes back at t=130 (prep 10 s)
        shown = s.session_state(session=started, now=at(100))
        later = s.session_state(session=started, now=at(130))
        # then
        assert (shown.phase, shown.seconds_left) == ("preparing", 10.0)
        assert later.phase == "answering"
        assert later.answer is not None
        assert later.answer.answer_started_at == at(110)
        assert later.seconds_left == 40.0  # 60 s answer time from t=110, honestly counted while away

    def test_reopened_tab_gets_the_remaining_time(self, invitation: Invitation) -> None:
        session = s.session_open(invitation=invitation, now=T0)
        s.session_consent(session=session, consent=True, voice_consent=False, now=T0)
        s.session_state(session=session, now=at(1))
        s.answer_start(session=session, order=1, now=at(3))
        s.answer_autosave(session=session, order=1, text="我先了解", revision=0, now=at(20))
        # the tab is closed; the link is opened again at t=50
        reopened = s.session_open(invitation=invitation, now=at(50))
        state = s.session_state(session=reopened, now=at(50))
        assert state.phase == "answering"
        assert state.seconds_left == 13.0
        assert state.answer is not None and state.answer.draft_text == "我先了解"
        assert state.answer.draft_revision == 1

    def test_an_answer_after_the_limit_is_kept_and_flagged_late(self, started: InterviewSession) -> None:
        s.session_state(session=started, now=at(0))
        s.answer_start(session=started, order=1, now=at(2))
        answer = s.answer_submit_text(session=started, order=1, text="迟到的回答", revision=0, now=at(70))
        assert answer.status == Answer.Status.ANSWERED
        assert answer.is_late is True
        assert answer.late_seconds == 8.0
        assert answer.text == "迟到的回答"

    def test_within_the_grace_period_is_on_time(self, started: InterviewSession) -> None:
        s.session_state(session=started, now=at(0))
        s.answer_start(session=started, order=1, now=at(2))
        answer = s.answer_submit_text(session=started, order=1, text="准时", revision=0, now=at(64))
        assert (answer.is_late, answer.late_seconds) == (False, 0.0)


@pytest.mark.django_db
class TestDraftsAndConflicts:
    def test_autosave_counts_revisions_and_ignores_unchanged_text(self, started: InterviewSession) -> None:
        s.session_state(session=started, now=at(0))
        first = s.answer_autosave(session=started, order=1, text="我", revision=0, now=at(3))
        same = s.answer_autosave(session=started, order=1, text="我", revision=1, now=at(6))
        assert (first.draft_revision, same.draft_revision) == (1, 1)
        assert SessionEvent.objects.filter(kind="draft_saved").count() == 1

    def test_a_stale_tab_cannot_overwrite_the_newer_draft(self, started: InterviewSession) -> None:
        s.session_state(session=started, now=at(0))
        s.answer_autosave(session=started, order=1, text="新的草稿", revision=0, now=at(3))
        with pytest.raises(Conflict) as error:
            s.answer_autosave(session=started, order=1, text="旧标签页", revision=0, now=at(4))
        assert error.value.code == InterviewErrorCode.DRAFT_CONFLICT
        assert error.value.extra == {"draft_text": "新的草稿", "draft_revision": 1}
        assert Answer.objects.get(session=started, order=1).draft_text == "新的草稿"

    def test_double_submit_of_the_same_text_is_harmless(self, started: InterviewSession) -> None:
        s.session_state(session=started, now=at(0))
        s.answer_submit_text(session=started, order=1, text="答案", revision=0, now=at(20))
        again = s.answer_submit_text(session=started, order=1, text="答案", revision=0, now=at(21))
        assert again.finished_at == at(20)
        assert SessionEvent.objects.filter(kind="answered").count() == 1

    def test_a_different_second_submit_is_refused(self, started: InterviewSession) -> None:
        s.session_state(session=started, now=at(0))
        s.answer_submit_text(session=started, order=1, text="答案", revision=0, now=at(20))
        with pytest.raises(Conflict) as error:
            s.answer_submit_text(session=started, order=1, text="另一个", revision=1, now=at(21))
        assert error.value.code == InterviewErrorCode.ALREADY_ANSWERED
        assert Answer.objects.get(session=started, order=1).text == "答案"

    def test_an_empty_answer_is_refused(self, started: InterviewSession) -> None:
        s.session_state(session=started, now=at(0))
        with pytest.raises(ValidationFailed) as error:
            s.answer_submit_text(session=started, order=1, text="   ", revision=0, now=at(5))
        assert error.value.code == InterviewErrorCode.EMPTY_ANSWER
        assert Answer.objects.get(session=started, order=1).status == Answer.Status.PREPARING

    def test_actions_on_an_old_question_are_refused(self, started: InterviewSession) -> None:
        s.session_state(session=started, now=at(0))
        s.answer_skip(session=started, order=1, now=at(5))
        s.session_next(session=started, order=1, now=at(6))
        with pytest.raises(Conflict) as error:
            s.answer_autosave(session=started, order=1, text="x", revision=0, now=at(7))
        assert error.value.code == InterviewErrorCode.NOT_CURRENT_QUESTION

    def test_next_twice_moves_once(self, started: InterviewSession) -> None:
        s.session_state(session=started, now=at(0))
        s.answer_skip(session=started, order=1, now=at(5))
        s.session_next(session=started, order=1, now=at(6))
        s.session_next(session=started, order=1, now=at(7))
        started.refresh_from_db()
        assert started.current_order == 2


@pytest.mark.django_db
class TestRetrySkipSubmit:
    def test_retry_keeps_the_previous_attempt_in_the_log_and_counts(self, started: InterviewSession) -> None:
        s.session_state(session=started, now=at(0))
        s.answer_submit_text(session=started, order=1, text="第一次", revision=0, now=at(20))
        retried = s.answer_retry(session=started, order=1, now=at(25))
        assert (retried.status, retried.retries_used, retried.text, retried.draft_saved_at) == (
            "answering",
            1,
            "",
            None,
        )
        assert retried.answer_deadline == at(85)
        event = SessionEvent.objects.get(kind="retried")
        assert event.payload == {"attempt": 1, "previous": {"text": "第一次", "mode": "text", "status": "answered"}}
        with pytest.raises(Conflict) as error:
            s.answer_submit_text(session=started, order=1, text="x", revision=0, now=at(26))
        assert error.value.code == InterviewErrorCode.DRAFT_CONFLICT
        final = s.answer_submit_text(session=started, order=1, text="第二次", revision=1, now=at(40))
        with pytest.raises(Conflict) as no_more:
            s.answer_retry(session=started, order=1, now=at(41))
        assert no_more.value.code == InterviewErrorCode.NO_RETRIES_LEFT
        assert (final.text, final.duration_seconds, final.retries_used) == ("第二次", 15.0, 1)

    def test_submit_marks_unreached_questions_skipped_and_is_idempotent(self, started: InterviewSession) -> None:
        s.session_state(session=started, now=at(0))
        s.answer_submit_text(session=started, order=1, text="答案", revision=0, now=at(20))
        s.session_next(session=started, order=1, now=at(21))
        submitted = s.session_submit(session=started, now=at(22))
        again = s.session_submit(session=started, now=at(30))
        assert submitted.status == again.status == InterviewSession.Status.SUBMITTED
        assert again.submitted_at == at(22)
        assert list(started.answers.order_by("order").values_list("status", flat=True)) == [
            "answered",
            "skipped",
            "skipped",
        ]
        assert SessionEvent.objects.filter(kind="submitted").count() == 1
        assert SessionEvent.objects.filter(kind="skipped", payload__reason="not_reached_at_submission").count() == 2

    def test_submit_in_the_middle_of_an_answer_is_refused(self, started: InterviewSession) -> None:
        s.session_state(session=started, now=at(0))
        with pytest.raises(Conflict):
            s.session_submit(session=started, now=at(5))
        started.refresh_from_db()
        assert started.status == InterviewSession.Status.IN_PROGRESS

    def test_after_submission_nothing_changes(self, started: InterviewSession) -> None:
        s.session_state(session=started, now=at(0))
        s.answer_skip(session=started, order=1, now=at(1))
        s.session_next(session=started, order=1, now=at(2))
        s.session_submit(session=started, now=at(3))
        before = SessionEvent.objects.count()
        with pytest.raises(Conflict) as error:
            s.answer_autosave(session=started, order=2, text="x", revision=0, now=at(4))
        assert error.value.code == InterviewErrorCode.INTERVIEW_SUBMITTED
        assert SessionEvent.objects.count() == before


@pytest.mark.django_db
def test_a_full_run_leaves_the_exact_event_log_and_metrics(started: InterviewSession) -> None:
    """Given a candidate who answers, retries, skips, loses focus and answers again, the log and metrics are exact."""
    # question 1: prep 10 s shown at 0, starts typing at 4, saves at 6 and 9, submits at 30, retries, submits at 50
    s.session_state(session=started, now=at(0))
    s.answer_autosave(session=started, order=1, text="首先", revision=0, now=at(6))
    s.answer_autosave(session=started, order=1, text="首先了解客户需求", revision=1, now=at(9))
    s.session_record_client_event(session=started, kind="focus_lost", now=at(12))
    s.session_record_client_event(session=started, kind="focus_regained", now=at(15))
    s.answer_submit_text(session=started, order=1, text="首先了解客户需求", revision=2, now=at(30))
    s.answer_retry(session=started, order=1, now=at(31))
    s.answer_autosave(session=started, order=1, text="先问客户 goal", revision=3, now=at(35))
    first = s.answer_submit_text(session=started, order=1, text="先问客户 goal", revision=4, now=at(50))
    s.session_next(session=started, order=1, now=at(51))
    # question 2: skipped
    s.session_state(session=started, now=at(52))
    s.answer_skip(session=started, order=2, now=at(55))
    s.session_next(session=started, order=2, now=at(56))
    # question 3: no preparation used, answered late
    s.session_state(session=started, now=at(60))
    s.answer_start(session=started, order=3, now=at(61))
    third = s.answer_submit_text(session=started, order=3, text="Listen first", revision=0, now=at(125))
    s.session_next(session=started, order=3, now=at(126))
    s.session_submit(session=started, now=at(127))

    assert kinds(started) == [
        ("opened", None),
        ("consented", None),
        ("question_shown", 1),
        ("answer_started", 1),
        ("draft_saved", 1),
        ("draft_saved", 1),
        ("focus_lost", 1),
        ("focus_regained", 1),
        ("answered", 1),
        ("retried", 1),
        ("answer_started", 1),
        ("draft_saved", 1),
        ("answered", 1),
        ("question_shown", 2),
        ("skipped", 2),
        ("question_shown", 3),
        ("answer_started", 3),
        ("answered", 3),
        ("submitted", None),
    ]
    assert (first.duration_seconds, first.time_to_first_input_seconds, first.retries_used) == (19.0, 4.0, 1)
    assert (first.character_count, first.word_count) == (8, 5)
    second = Answer.objects.get(session=started, order=2)
    assert (second.status, second.duration_seconds, second.text) == ("skipped", None, "")
    assert (third.duration_seconds, third.time_to_first_input_seconds) == (64.0, 64.0)
    assert (third.is_late, third.late_seconds, third.word_count) == (True, 4.0, 2)


@pytest.mark.django_db
def test_client_events_are_limited_to_what_only_the_browser_sees(started: InterviewSession) -> None:
    with pytest.raises(ValidationFailed):
        s.session_record_client_event(session=started, kind="answered")
    assert not SessionEvent.objects.filter(kind="answered").exists()


def test_voice_needs_template_consent_and_engine(settings: Any, started: InterviewSession) -> None:
    settings.SPEECH_ENGINE = ""
    started.voice_consented_at = T0
    assert s.voice_available(started) is False
    settings.SPEECH_ENGINE = "faster_whisper"
    assert s.voice_available(started) is True
    started.voice_consented_at = None
    assert s.voice_available(started) is False
