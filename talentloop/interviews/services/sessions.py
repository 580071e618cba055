"""The candidate's interview: consent, one question at a time, autosaved drafts, retries, skips, submission.

Every write records a ``SessionEvent`` in server time. Each function takes ``now`` so tests can move the clock;
callers normally leave it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from talentloop.core.exceptions import Conflict, Gone, ValidationFailed
from talentloop.interviews.errors import InterviewErrorCode
from talentloop.interviews.metrics import character_count, seconds_between, word_count
from talentloop.interviews.models import Answer, InterviewSession, Invitation, SessionEvent
from talentloop.interviews.services.invitations import InvitationStatus, invitation_status
from talentloop.questionbank.models import Rubric
from talentloop.speech.registry import speech_engine_available

CONSENT_VERSION = "2026-11"
MAX_DRAFT_CHARACTERS = 20000
CLIENT_EVENT_KINDS = {
    SessionEvent.Kind.FOCUS_LOST,
    SessionEvent.Kind.FOCUS_REGAINED,
    SessionEvent.Kind.MICROPHONE_CHECKED,
}


def event_log(
    session: InterviewSession,
    kind: str,
    now: datetime,
    answer: Answer | None = None,
    **payload: Any,
) -> SessionEvent:
    """Append one event to the session's log, in server time."""
    return SessionEvent.objects.create(session=session, answer=answer, kind=kind, occurred_at=now, payload=payload)


def session_touch(session: InterviewSession, now: datetime) -> None:
    """Record activity for the live view (one UPDATE, no full save)."""
    InterviewSession.objects.filter(pk=session.pk).update(last_activity_at=now)
    session.last_activity_at = now


def _usable(invitation: Invitation, now: datetime) -> None:
    status = invitation_status(invitation, now=now)
    if status == InvitationStatus.REVOKED:
        raise Gone(_("This interview link was withdrawn by the company."), code=InterviewErrorCode.INVITATION_REVOKED)
    if status == InvitationStatus.EXPIRED:
        raise Gone(
            _("This interview link has expired. Ask the company for a new one."),
            code=InterviewErrorCode.INVITATION_EXPIRED,
        )


def _lock(session: InterviewSession) -> None:
    """Serialise writes to one session (two tabs, double clicks) and bring ``session`` up to date."""
    fresh = InterviewSession.objects.select_for_update().get(pk=session.pk)
    for name in ("status", "current_order", "consented_at", "voice_consented_at", "submitted_at", "last_activity_at"):
        setattr(session, name, getattr(fresh, name))


def session_require_in_progress(session: InterviewSession, now: datetime) -> None:
    """Lock the session for this write and refuse unless it is consented, usable and not submitted."""
    _lock(session)
    if session.status == InterviewSession.Status.SUBMITTED:
        raise Conflict(_("This interview was already submitted."), code=InterviewErrorCode.INTERVIEW_SUBMITTED)
    _usable(session.invitation, now)
    if session.status != InterviewSession.Status.IN_PROGRESS:
        raise ValidationFailed(
            _("Please read the notice and give your consent first."), code=InterviewErrorCode.CONSENT_REQUIRED
        )


@transaction.atomic
def session_open(
    *, invitation: Invitation, language: str = "", resumed: bool = True, now: datetime | None = None
) -> InterviewSession:
    """Open (or reopen) the interview behind a link. The first opening fixes the questions, their timers and
    the rubric versions the answers will be judged by. Reopening logs ``resumed`` unless the page is only
    continuing after one of its own actions (``resumed=False``)."""
    now = now or timezone.now()
    invitation = Invitation.objects.select_for_update().select_related("template").get(pk=invitation.pk)
    session = InterviewSession.objects.filter(invitation=invitation).first()
    if session is not None and session.status == InterviewSession.Status.SUBMITTED:
        return session
    _usable(invitation, now)
    if session is not None:
        if resumed:
            event_log(session, SessionEvent.Kind.RESUMED, now, current_order=session.current_order)
            session_touch(session, now)
        return session
    template = invitation.template
    items = list(template.items.select_related("question").order_by("order"))
    session = InterviewSession.objects.create(
        invitation=invitation,
        language=language or template.language,
        question_count=len(items),
        last_activity_at=now,
    )
    current = {
        (r.question_id, r.dimension_id): r
        for r in Rubric.objects.filter(question_id__in=[i.question_id for i in items], is_current=True)
    }
    for order, item in enumerate(items, start=1):
        answer = Answer.objects.create(
            session=session,
            order=order,
            question=item.question,
            question_text=item.question.text_for(session.language),
            preparation_seconds=item.preparation_seconds,
            max_answer_seconds=item.max_answer_seconds,
            allowed_retries=item.allowed_retries,
            expected_answer_seconds=item.question.expected_answer_seconds,
        )
        answer.rubrics.set([r for (question_id, _d), r in current.items() if question_id == item.question_id])
    event_log(session, SessionEvent.Kind.OPENED, now)
    return session


@transaction.atomic
def session_consent(
    *, session: InterviewSession, consent: bool, voice_consent: bool, now: datetime | None = None
) -> InterviewSession:
    """Record the candidate's consent to the interview and, separately, to voice recording."""
    now = now or timezone.now()
    if session.status == InterviewSession.Status.SUBMITTED:
        raise Conflict(_("This interview was already submitted."), code=InterviewErrorCode.INTERVIEW_SUBMITTED)
    _usable(session.invitation, now)
    if not consent:
        raise ValidationFailed(
            _("The interview can only start after you agree to the notice."),
            code=InterviewErrorCode.CONSENT_REQUIRED,
            fields={"consent": [_("Required to start.")]},
        )
    if session.consented_at is None:
        session.consented_at = now
        session.consent_version = CONSENT_VERSION
        session.started_at = now
        session.status = InterviewSession.Status.IN_PROGRESS
        event_log(session, SessionEvent.Kind.CONSENTED, now, version=CONSENT_VERSION)
    if voice_consent and session.voice_consented_at is None:
        session.voice_consented_at = now
        event_log(session, SessionEvent.Kind.VOICE_CONSENTED, now, version=CONSENT_VERSION)
    session.last_activity_at = now
    session.save()
    return session


def _current_answer(session: InterviewSession, *, lock: bool = False) -> Answer | None:
    answers = Answer.objects.filter(session=session, order=session.current_order)
    if lock:
        answers = answers.select_for_update()
    return answers.first()


def _advance_phase(answer: Answer, session: InterviewSession, now: datetime) -> Answer:
    """Show a pending answer, and move preparation into answering once its time is up (in server time)."""
    if answer.status == Answer.Status.PENDING:
        answer.shown_at = now
        answer.preparation_deadline = now + timedelta(seconds=answer.preparation_seconds)
        answer.status = Answer.Status.PREPARING
        event_log(session, SessionEvent.Kind.QUESTION_SHOWN, now, answer, order=answer.order)
        if answer.preparation_seconds == 0:
            answer_start_clock(answer, session, now, automatic=True)
        answer.save()
    elif (
        answer.status == Answer.Status.PREPARING and answer.preparation_deadline and now >= answer.preparation_deadline
    ):
        answer_start_clock(answer, session, answer.preparation_deadline, automatic=True)
        answer.save()
    return answer


def answer_start_clock(answer: Answer, session: InterviewSession, at: datetime, *, automatic: bool) -> None:
    """Move the answer into answering at ``at`` and set its deadline (the caller saves it)."""
    answer.status = Answer.Status.ANSWERING
    answer.answer_started_at = at
    answer.answer_deadline = at + timedelta(seconds=answer.max_answer_seconds)
    event_log(session, SessionEvent.Kind.ANSWER_STARTED, at, answer, automatic=automatic)


def answer_require_current(session: InterviewSession, order: int, now: datetime) -> Answer:
    """The locked current answer, brought up to date with the clock; a conflict if ``order`` is not current."""
    if order != session.current_order:
        raise Conflict(
            _("This question is no longer the current one; the page will show where you are."),
            code=InterviewErrorCode.NOT_CURRENT_QUESTION,
        )
    answer = _current_answer(session, lock=True)
    if answer is None:
        raise Conflict(_("There are no more questions."), code=InterviewErrorCode.NOT_CURRENT_QUESTION)
    return _advance_phase(answer, session, now)


@dataclass(frozen=True)
class SessionState:
    session: InterviewSession
    answer: Answer | None
    server_now: datetime
    phase: str  # consent | preparing | answering | answered | skipped | review | submitted
    seconds_left: float | None
    retries_left: int
    voice_allowed: bool
    text_allowed: bool


def _late(answer: Answer, now: datetime) -> float:
    """Seconds past the answer deadline beyond the grace period (0 when on time)."""
    if answer.answer_deadline is None:
        return 0.0
    over = (now - answer.answer_deadline).total_seconds()
    return round(over, 3) if over > settings.INTERVIEW_LATE_GRACE_SECONDS else 0.0


def voice_available(session: InterviewSession) -> bool:
    """Voice needs the template to allow it, the candidate's voice consent, and a speech engine."""
    return bool(
        session.invitation.template.allow_voice and session.voice_consented_at is not None and speech_engine_available()
    )


@transaction.atomic
def session_state(*, session: InterviewSession, now: datetime | None = None) -> SessionState:
    """Where the candidate is now. Showing a question for the first time starts its preparation clock."""
    now = now or timezone.now()
    text_allowed = session.invitation.template.allow_text or not voice_available(session)
    if session.status == InterviewSession.Status.SUBMITTED:
        return SessionState(session, None, now, "submitted", None, 0, False, False)
    _usable(session.invitation, now)
    if session.status == InterviewSession.Status.CONSENTING:
        return SessionState(session, None, now, "consent", None, 0, False, text_allowed)
    answer = _current_answer(session, lock=True)
    if answer is None:
        return SessionState(session, None, now, "review", None, 0, voice_available(session), text_allowed)
    answer = _advance_phase(answer, session, now)
    seconds_left: float | None = None
    if answer.status == Answer.Status.PREPARING and answer.preparation_deadline:
        seconds_left = max((answer.preparation_deadline - now).total_seconds(), 0.0)
    elif answer.status == Answer.Status.ANSWERING and answer.answer_deadline:
        seconds_left = max((answer.answer_deadline - now).total_seconds(), 0.0)
    return SessionState(
        session=session,
        answer=answer,
        server_now=now,
        phase=answer.status,
        seconds_left=seconds_left,
        retries_left=max(answer.allowed_retries - answer.retries_used, 0),
        voice_allowed=voice_available(session),
        text_allowed=text_allowed,
    )


@transaction.atomic
def answer_start(*, session: InterviewSession, order: int, now: datetime | None = None) -> Answer:
    """End preparation early and start the answer clock."""
    now = now or timezone.now()
    session_require_in_progress(session, now)
    answer = answer_require_current(session, order, now)
    if answer.status == Answer.Status.PREPARING:
        answer_start_clock(answer, session, now, automatic=False)
        answer.save()
    session_touch(session, now)
    return answer


@transaction.atomic
def answer_autosave(
    *, session: InterviewSession, order: int, text: str, revision: int, now: datetime | None = None
) -> Answer:
    """Save the draft of the current answer. ``revision`` is the draft revision the client last saw: if another
    tab saved since, nothing is overwritten and the caller gets the newer draft in a conflict error."""
    now = now or timezone.now()
    session_require_in_progress(session, now)
    if len(text) > MAX_DRAFT_CHARACTERS:
        raise ValidationFailed(
            _("An answer can be at most %(max)s characters.") % {"max": MAX_DRAFT_CHARACTERS},
            fields={"text": [_("Too long.")]},
        )
    answer = answer_require_current(session, order, now)
    if answer.status in (Answer.Status.ANSWERED, Answer.Status.SKIPPED):
        raise Conflict(_("This question is already finished."), code=InterviewErrorCode.ALREADY_ANSWERED)
    if revision != answer.draft_revision:
        raise Conflict(
            _("This interview is open in another tab or window; continue in one place only."),
            code=InterviewErrorCode.DRAFT_CONFLICT,
            extra={"draft_text": answer.draft_text, "draft_revision": answer.draft_revision},
        )
    if text == answer.draft_text:
        return answer
    if answer.status == Answer.Status.PREPARING:
        answer_start_clock(answer, session, now, automatic=False)
    if answer.first_input_at is None and text.strip():
        answer.first_input_at = now
    answer.draft_text = text
    answer.draft_revision += 1
    answer.draft_saved_at = now
    answer.save()
    event_log(
        session,
        SessionEvent.Kind.DRAFT_SAVED,
        now,
        answer,
        revision=answer.draft_revision,
        characters=character_count(text),
        late=_late(answer, now) > 0,
    )
    session_touch(session, now)
    return answer


def answer_finish(answer: Answer, session: InterviewSession, now: datetime, status: str) -> None:
    """Close the answer as answered or skipped, with its late flag and derived metrics (the caller saves it)."""
    answer.status = status
    answer.finished_at = now
    late = _late(answer, now) if status == Answer.Status.ANSWERED else 0.0
    answer.is_late = late > 0
    answer.late_seconds = late
    answer.duration_seconds = seconds_between(answer.answer_started_at, now)
    answer.time_to_first_input_seconds = seconds_between(answer.answer_started_at, answer.first_input_at)
    answer.character_count = character_count(answer.text)
    answer.word_count = word_count(answer.text)


@transaction.atomic
def answer_submit_text(
    *, session: InterviewSession, order: int, text: str, revision: int, now: datetime | None = None
) -> Answer:
    """Finish the current answer with typed text. Submitting the same text twice is harmless; an answer after
    the time limit is stored and flagged as late, never treated as on time. Typing is always accepted, even in
    a voice-only template, so a browser that cannot record never locks the candidate out."""
    now = now or timezone.now()
    session_require_in_progress(session, now)
    answer = answer_require_current(session, order, now)
    text = text.strip()
    if answer.status == Answer.Status.ANSWERED:
        if answer.mode == Answer.Mode.TEXT and answer.text == text:
            return answer
        raise Conflict(
            _("This question is already answered. Use “Answer again” if retries are left."),
            code=InterviewErrorCode.ALREADY_ANSWERED,
        )
    if answer.status == Answer.Status.SKIPPED:
        raise Conflict(_("This question was skipped."), code=InterviewErrorCode.ALREADY_ANSWERED)
    if not text:
        raise ValidationFailed(
            _("Write an answer, or skip the question."),
            code=InterviewErrorCode.EMPTY_ANSWER,
            fields={"text": [_("The answer is empty.")]},
        )
    if len(text) > MAX_DRAFT_CHARACTERS:
        raise ValidationFailed(_("The answer is too long."), fields={"text": [_("Too long.")]})
    if revision != answer.draft_revision:
        raise Conflict(
            _("This interview is open in another tab or window; continue in one place only."),
            code=InterviewErrorCode.DRAFT_CONFLICT,
            extra={"draft_text": answer.draft_text, "draft_revision": answer.draft_revision},
        )
    if answer.status == Answer.Status.PREPARING:
        answer_start_clock(answer, session, now, automatic=False)
    if answer.first_input_at is None:
        answer.first_input_at = now
    answer.text = text
    answer.draft_text = text
    answer.mode = Answer.Mode.TEXT
    answer_finish(answer, session, now, Answer.Status.ANSWERED)
    answer.save()
    event_log(
        session,
        SessionEvent.Kind.ANSWERED,
        now,
        answer,
        mode="text",
        characters=answer.character_count,
        late=answer.is_late,
        late_seconds=answer.late_seconds,
    )
    session_touch(session, now)
    return answer


@transaction.atomic
def answer_retry(*, session: InterviewSession, order: int, now: datetime | None = None) -> Answer:
    """Answer the current question again (while retries are left). The earlier attempt stays in the event log
    and its recording, if any, is kept but no longer current."""
    now = now or timezone.now()
    session_require_in_progress(session, now)
    answer = answer_require_current(session, order, now)
    if answer.status == Answer.Status.SKIPPED:
        raise Conflict(_("A skipped question cannot be answered again."), code=InterviewErrorCode.ALREADY_ANSWERED)
    if answer.status not in (Answer.Status.ANSWERING, Answer.Status.ANSWERED):
        raise Conflict(_("Start answering first."), code=InterviewErrorCode.NOT_CURRENT_QUESTION)
    if answer.retries_used >= answer.allowed_retries:
        raise Conflict(_("No retries are left for this question."), code=InterviewErrorCode.NO_RETRIES_LEFT)
    previous = {"text": answer.text or answer.draft_text, "mode": answer.mode, "status": answer.status}
    answer.recordings.filter(is_current=True).update(is_current=False)
    answer.retries_used += 1
    answer.text = ""
    answer.draft_text = ""
    answer.draft_revision += 1
    answer.draft_saved_at = None
    answer.mode = ""
    answer.first_input_at = None
    answer.finished_at = None
    answer.is_late = False
    answer.late_seconds = 0
    answer.duration_seconds = None
    answer.time_to_first_input_seconds = None
    answer.character_count = 0
    answer.word_count = 0
    answer.audio_seconds = None
    event_log(session, SessionEvent.Kind.RETRIED, now, answer, attempt=answer.retries_used, previous=previous)
    answer_start_clock(answer, session, now, automatic=False)
    answer.save()
    session_touch(session, now)
    return answer


@transaction.atomic
def answer_skip(*, session: InterviewSession, order: int, now: datetime | None = None) -> Answer:
    """Skip the current question (its draft, if any, is kept for the record but not scored)."""
    now = now or timezone.now()
    session_require_in_progress(session, now)
    answer = answer_require_current(session, order, now)
    if answer.status == Answer.Status.SKIPPED:
        return answer
    if answer.status == Answer.Status.ANSWERED:
        raise Conflict(_("This question is already answered."), code=InterviewErrorCode.ALREADY_ANSWERED)
    answer.text = ""
    answer_finish(answer, session, now, Answer.Status.SKIPPED)
    answer.save()
    event_log(session, SessionEvent.Kind.SKIPPED, now, answer, had_draft=bool(answer.draft_text.strip()))
    session_touch(session, now)
    return answer


@transaction.atomic
def session_next(*, session: InterviewSession, order: int, now: datetime | None = None) -> InterviewSession:
    """Move on from a finished question. Pressing "next" twice moves only once."""
    now = now or timezone.now()
    session_require_in_progress(session, now)
    if order < session.current_order:
        return session
    answer = answer_require_current(session, order, now)
    if answer.status not in (Answer.Status.ANSWERED, Answer.Status.SKIPPED):
        raise Conflict(_("Answer or skip this question first."), code=InterviewErrorCode.NOT_CURRENT_QUESTION)
    session.current_order = order + 1
    session.last_activity_at = now
    session.save(update_fields=["current_order", "last_activity_at", "updated_at"])
    return session


@transaction.atomic
def session_submit(*, session: InterviewSession, now: datetime | None = None) -> InterviewSession:
    """Hand the interview in. Questions never reached are recorded as skipped. Submitting twice is harmless."""
    now = now or timezone.now()
    _lock(session)
    if session.status == InterviewSession.Status.SUBMITTED:
        return session
    session_require_in_progress(session, now)
    current = session.answers.filter(order=session.current_order).first()
    if current is not None and current.status in (Answer.Status.PREPARING, Answer.Status.ANSWERING):
        raise Conflict(
            _("Finish or skip the current question before submitting."),
            code=InterviewErrorCode.NOT_CURRENT_QUESTION,
        )
    unfinished = list(
        session.answers.exclude(status__in=[Answer.Status.ANSWERED, Answer.Status.SKIPPED]).order_by("order")
    )
    for answer in unfinished:
        answer.text = ""
        answer_finish(answer, session, now, Answer.Status.SKIPPED)
        answer.save()
        event_log(session, SessionEvent.Kind.SKIPPED, now, answer, reason="not_reached_at_submission")
    session.status = InterviewSession.Status.SUBMITTED
    session.submitted_at = now
    session.current_order = session.question_count + 1
    session.last_activity_at = now
    session.save()
    event_log(session, SessionEvent.Kind.SUBMITTED, now, answered=session.answers.filter(status="answered").count())
    return session


def session_record_client_event(
    *, session: InterviewSession, kind: str, now: datetime | None = None, detail: dict[str, Any] | None = None
) -> SessionEvent:
    """Log something only the browser sees (the page lost or regained focus, the microphone check)."""
    now = now or timezone.now()
    if kind not in CLIENT_EVENT_KINDS:
        raise ValidationFailed(_("Unknown event."), fields={"kind": [_("Not accepted.")]})
    if session.status == InterviewSession.Status.SUBMITTED:
        raise Conflict(_("This interview was already submitted."), code=InterviewErrorCode.INTERVIEW_SUBMITTED)
    answer = _current_answer(session) if session.status == InterviewSession.Status.IN_PROGRESS else None
    clean = {k: v for k, v in (detail or {}).items() if k in {"ok", "reason"} and isinstance(v, (str, bool))}
    event = event_log(session, kind, now, answer, **clean)
    session_touch(session, now)
    return event
