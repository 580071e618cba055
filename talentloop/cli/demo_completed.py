"""The finished half of the demo: candidates who have already taken their interview, and its scores.

Each candidate in ``demo_content/interviews_completed.json`` is invited, opens the link, consents, and answers
every question through the same services the candidate's browser calls (show, start, autosave, submit, skip,
voice upload), on a clock moved forward answer by answer, so durations, typing speed and delivery measures look
like a real sitting. The interview is then handed in and scored by the real scorer; nothing about a score is
written here. A candidate who already exists is left alone, so loading twice changes nothing.
"""

from __future__ import annotations

import io
import json
import wave
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from talentloop.accounts.models import User
from talentloop.assessments.models import SessionScore
from talentloop.assessments.services.scores import interview_submit_and_score, session_score
from talentloop.cli.demo_interviews import demo_content_bytes
from talentloop.core.exceptions import ValidationFailed
from talentloop.interviews.models import Answer, InterviewSession, InterviewTemplate, Invitation
from talentloop.interviews.services.invitations import invitation_create
from talentloop.interviews.services.recordings import answer_upload_recording, recording_transcript_save
from talentloop.interviews.services.sessions import (
    answer_autosave,
    answer_skip,
    answer_start,
    answer_submit_text,
    session_consent,
    session_next,
    session_open,
    session_state,
)
from talentloop.org.models import Candidate, Company, Position
from talentloop.org.services import candidate_create
from talentloop.scoring.text import tokenize
from talentloop.speech.engines.base import Transcript, Word

COMPLETED_INTERVIEWS_FILE = "interviews_completed.json"

# How a demo voice answer is marked: the transcript is the one the demo ships, not one an engine made here.
DEMO_TRANSCRIPT_ENGINE = "demo/transcript"
# Speaking pace of the demo voice answer (characters per second) and the pause a filler word stands for.
SPEAKING_CHARACTERS_PER_SECOND = 4.5
FILLER_PAUSES = {"嗯": 1.2, "呃": 1.0, "那个": 0.6}
# The audio the demo uploads for a voice answer: silence of the answer's length, 8 kHz 8-bit mono (small).
_SILENCE_RATE = 8000


@dataclass(frozen=True)
class DemoCompletedInterview:
    candidate: Candidate
    username: str  # the candidate's portal sign-in, or "" when they have none
    level: str  # strong | average | weak: how the demo content was written, not what the scorer said
    session: InterviewSession
    score: SessionScore | None

    @property
    def console_url(self) -> str:
        path = reverse("console:interview_session", kwargs={"session_id": self.session.pk})
        return settings.TALENTLOOP_BASE_URL.rstrip("/") + path


def demo_completed_candidates() -> list[dict[str, Any]]:
    """The candidates of the demo content file, with their answers, as written there."""
    document = json.loads(demo_content_bytes(COMPLETED_INTERVIEWS_FILE).decode("utf-8"))
    if document.get("format") != "talentloop.demo_interviews_completed" or document.get("version") != 1:
        raise ValidationFailed(f"Demo content {COMPLETED_INTERVIEWS_FILE} is not a version 1 document.")
    candidates = document.get("candidates")
    if not isinstance(candidates, list):
        raise ValidationFailed(f"Demo content {COMPLETED_INTERVIEWS_FILE} has no “candidates” list.")
    return candidates


def _silence(seconds: float) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(1)
        writer.setframerate(_SILENCE_RATE)
        writer.writeframes(b"\x80" * int(seconds * _SILENCE_RATE))
    return buffer.getvalue()


def demo_transcript(text: str) -> Transcript:
    """A speech transcript of ``text`` as an engine returns it: the words with their times at a steady speaking
    pace, a pause where the speaker hesitated (嗯, 那个) and a longer one between thoughts (a double space)."""
    words: list[Word] = []
    clock = 0.4
    position = 0
    for token in tokenize(text):
        gap = text[position : token.start]
        if "  " in gap:
            clock += 3.5
        clock += FILLER_PAUSES.get(token.text, 0.0) / 2
        duration = max(len(token.text), 1) / SPEAKING_CHARACTERS_PER_SECOND
        words.append(Word(token.text, round(clock, 3), round(clock + duration, 3)))
        clock += duration + 0.08 + FILLER_PAUSES.get(token.text, 0.0) / 2
        position = token.end
    spoken = " ".join(text.split())
    return Transcript(
        text=spoken, language="zh", duration_seconds=round(clock + 0.6, 1), engine=DEMO_TRANSCRIPT_ENGINE, words=words
    )


def _answer_one(
    session: InterviewSession, answer: Answer, item: dict[str, Any], clock: datetime, characters_per_minute: float
) -> datetime:
    """Answer one question the way the candidate's page does; returns the clock when they move on."""
    session_state(session=session, now=clock)  # the question appears: its preparation clock starts
    clock += timedelta(seconds=float(item.get("preparation_seconds", 15)))
    mode = item.get("mode", "text")
    if mode == "skip":
        answer_skip(session=session, order=answer.order, now=clock)
    elif mode == "voice":
        transcript = demo_transcript(item["text"])
        answer_start(session=session, order=answer.order, now=clock)
        clock += timedelta(seconds=transcript.duration_seconds + 1.5)
        # The demo ships the transcript itself, so no speech engine is needed to accept the upload; the
        # transcription task finds the transcript already done and leaves it alone.
        with override_settings(SPEECH_ENGINE=settings.SPEECH_ENGINE or "faster_whisper"):
            recording = answer_upload_recording(
                session=session,
                order=answer.order,
                content=_silence(transcript.duration_seconds),
                content_type="audio/wav",
                client_duration_seconds=transcript.duration_seconds,
                now=clock,
            )
        recording_transcript_save(recording=recording, transcript=transcript)
    else:
        text = item["text"].strip()
        typing_seconds = len(text) / characters_per_minute * 60
        typing_seconds = min(typing_seconds, answer.max_answer_seconds - 20)
        answer_start(session=session, order=answer.order, now=clock)
        # The page autosaves the draft while the candidate types: soon after the first words, then halfway.
        thinking_seconds = min(12.0, typing_seconds / 4)
        revision = answer.draft_revision
        for share, at in ((0.05, thinking_seconds), (0.5, thinking_seconds + typing_seconds / 2)):
            draft = text[: max(int(len(text) * share), 1)]
            revision = answer_autosave(
                session=session, order=answer.order, text=draft, revision=revision, now=clock + timedelta(seconds=at)
            ).draft_revision
        clock += timedelta(seconds=thinking_seconds + typing_seconds)
        answer_submit_text(session=session, order=answer.order, text=text, revision=revision, now=clock)
    clock += timedelta(seconds=4)
    session_next(session=session, order=answer.order, now=clock)
    return clock + timedelta(seconds=2)


def _take_interview(invitation: Invitation, entry: dict[str, Any], started: datetime) -> InterviewSession:
    session = session_open(invitation=invitation, now=started)
    clock = started + timedelta(seconds=40)  # reading the notice
    session = session_consent(
        session=session, consent=True, voice_consent=bool(entry.get("voice_consent", False)), now=clock
    )
    items = {item["question"]: item for item in entry["answers"]}
    answers = list(session.answers.select_related("question").order_by("order"))
    missing = [answer.question.code for answer in answers if answer.question.code not in items]
    if missing:
        raise ValidationFailed(
            f"Demo content {COMPLETED_INTERVIEWS_FILE} has no answer by {entry['name']} to {', '.join(missing)}."
        )
    for answer in answers:
        clock = _answer_one(session, answer, items[answer.question.code], clock, float(entry["characters_per_minute"]))
    session.refresh_from_db()
    return interview_submit_and_score(session=session, now=clock + timedelta(seconds=20))


def demo_completed_interviews_load(
    *,
    actor: Any,
    company: Company,
    templates: dict[int, InterviewTemplate],
    user_for: Callable[[str, str, str], User],
    now: datetime | None = None,
) -> list[DemoCompletedInterview]:
    """Add the demo candidates who have finished their interview, interview them and score them. A candidate
    who already exists keeps what they have. Returns every completed demo interview, new or kept."""
    now = now or timezone.now()
    completed = []
    for index, entry in enumerate(demo_completed_candidates()):
        username = entry.get("username") or ""
        candidate = Candidate.objects.filter(person__company=company, person__email=entry["email"]).first()
        if candidate is None:
            position = Position.objects.get(code=entry["position"])
            candidate = candidate_create(
                actor=actor,
                company=company,
                full_name=entry["name"],
                email=entry["email"],
                mobile=entry.get("mobile", ""),
                applied_position=position,
                source=entry.get("source", ""),
                user=user_for(username, entry["name"], entry["email"]) if username else None,
            )
            invitation = invitation_create(
                actor=actor,
                template=templates[position.pk],
                company=company,
                candidate=candidate,
                send=False,
            )
            # Interviews taken over the last days, during office hours, about an hour apart.
            day = timezone.localtime(now).replace(hour=9, minute=30, second=0, microsecond=0)
            started = day - timedelta(days=int(entry["days_ago"])) + timedelta(minutes=(index % 4) * 65)
            session = _take_interview(invitation, entry, started)
        else:
            found = InterviewSession.objects.filter(invitation__candidate=candidate).order_by("-created_at").first()
            if found is None:
                continue
            session = found
        completed.append(
            DemoCompletedInterview(
                candidate=candidate,
                username=username,
                level=entry["level"],
                session=session,
                score=session_score(session_id=session.pk),
            )
        )
    return completed
