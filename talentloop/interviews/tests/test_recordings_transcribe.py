"""A voice answer's transcript: from the speech engine onto the recording and its answer."""

from __future__ import annotations

import hashlib
import io
import wave
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from talentloop.interviews.models import Answer, InterviewSession, Invitation, Recording
from talentloop.interviews.services import recordings
from talentloop.interviews.services.recordings import answer_upload_recording, recording_transcribe
from talentloop.interviews.services.sessions import session_consent, session_open, session_state
from talentloop.interviews.tests.conftest import T0
from talentloop.speech.engines.base import SpeechEngineError, SpeechEngineUnavailable, Transcript, Word

TRANSCRIPT = Transcript(
    text="了解客户需求 and verify",
    language="zh",
    duration_seconds=2.5,
    engine="faster_whisper/base@test",
    words=[
        Word("了解", 0.0, 0.4),
        Word("客户", 0.4, 0.8),
        Word("需求", 0.8, 1.2),
        Word("and", 1.3, 1.5),
        Word("verify", 1.5, 2.0004),
    ],
)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def one_second_of_silence() -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(16000)
        writer.writeframes(b"\x00\x00" * 16000)
    return buffer.getvalue()


class FakeEngine:
    name = "faster_whisper/base@test"

    def __init__(self, result: Transcript | Exception = TRANSCRIPT) -> None:
        self.result = result
        self.calls: list[tuple[str, str, str | None]] = []

    def transcribe(self, audio: Path, *, language: str | None = None) -> Transcript:
        self.calls.append((audio.suffix, hashlib.sha256(audio.read_bytes()).hexdigest(), language))
        if isinstance(self.result, Exception):
            raise self.result
        return self.result


def use_engine(monkeypatch: pytest.MonkeyPatch, engine: FakeEngine | Exception) -> None:
    """The service looks the engine up through the name it imported from the registry, so that is replaced."""

    def speech_engine_get() -> FakeEngine:
        if isinstance(engine, Exception):
            raise engine
        return engine

    monkeypatch.setattr(recordings, "speech_engine_get", speech_engine_get)


@pytest.fixture
def voice_session(settings: Any, invitation: Invitation) -> InterviewSession:
    settings.SPEECH_ENGINE = "faster_whisper"
    session = session_open(invitation=invitation, now=T0)
    return session_consent(session=session, consent=True, voice_consent=True, now=T0)


@pytest.fixture
def recording(voice_session: InterviewSession) -> Recording:
    """The first question answered by voice at t=20 s (shown at t=1, 10 s to prepare, 60 s to answer)."""
    session_state(session=voice_session, now=at(1))
    return answer_upload_recording(
        session=voice_session, order=1, content=one_second_of_silence(), content_type="audio/wav", now=at(20)
    )


def snapshot(recording: Recording) -> dict[str, Any]:
    recording.refresh_from_db()
    answer = Answer.objects.get(pk=recording.answer_id)
    return {
        "status": recording.transcript_status,
        "recording_text": recording.transcript_text,
        "words": recording.transcript_words,
        "language": recording.transcript_language,
        "recording_seconds": recording.audio_seconds,
        "engine": recording.engine,
        "error": recording.transcript_error,
        "answer_text": answer.text,
        "answer_seconds": answer.audio_seconds,
        "characters": answer.character_count,
        "words_counted": answer.word_count,
    }


@pytest.mark.django_db
class TestRecordingTranscribe:
    def test_the_transcript_lands_on_the_recording_and_its_answer(
        self, monkeypatch: pytest.MonkeyPatch, recording: Recording
    ) -> None:
        # given
        engine = FakeEngine()
        use_engine(monkeypatch, engine)
        # when
        status = recording_transcribe(recording_id=recording.pk)
        # then
        assert status == Recording.TranscriptStatus.DONE
        assert engine.calls == [(".wav", hashlib.sha256(one_second_of_silence()).hexdigest(), "zh")]
        assert snapshot(recording) == {
            "status": "done",
            "recording_text": "了解客户需求 and verify",
            "words": [
                {"text": "了解", "start": 0.0, "end": 0.4},
                {"text": "客户", "start": 0.4, "end": 0.8},
                {"text": "需求", "start": 0.8, "end": 1.2},
                {"text": "and", "start": 1.3, "end": 1.5},
                {"text": "verify", "start": 1.5, "end": 2.0},
            ],
            "language": "zh",
            "recording_seconds": 2.5,
            "engine": "faster_whisper/base@test",
            "error": "",
            "answer_text": "了解客户需求 and verify",
            "answer_seconds": 2.5,
            "characters": 15,
            "words_counted": 8,
        }

    def test_an_english_interview_asks_for_english(
        self, monkeypatch: pytest.MonkeyPatch, voice_session: InterviewSession
    ) -> None:
        # given an interview held in English
        InterviewSession.objects.filter(pk=voice_session.pk).update(language="en")
        voice_session.refresh_from_db()
        session_state(session=voice_session, now=at(1))
        recording = answer_upload_recording(
            session=voice_session, order=1, content=one_second_of_silence(), content_type="audio/wav", now=at(20)
        )
        engine = FakeEngine()
        use_engine(monkeypatch, engine)
        # when
        recording_transcribe(recording_id=recording.pk)
        # then
        assert [language for _suffix, _sha, language in engine.calls] == ["en"]

    def test_running_twice_does_not_transcribe_again(
        self, monkeypatch: pytest.MonkeyPatch, recording: Recording
    ) -> None:
        # given a transcribed recording
        engine = FakeEngine()
        use_engine(monkeypatch, engine)
        recording_transcribe(recording_id=recording.pk)
        before = snapshot(recording)
        # when the task runs again (a redelivered message)
        status = recording_transcribe(recording_id=recording.pk)
        # then
        assert status == Recording.TranscriptStatus.DONE
        assert len(engine.calls) == 1
        assert snapshot(recording) == before

    def test_an_unavailable_engine_marks_the_recording_unavailable(
        self, monkeypatch: pytest.MonkeyPatch, recording: Recording
    ) -> None:
        # given an engine whose package is missing
        before = snapshot(recording)
        use_engine(
            monkeypatch,
            SpeechEngineUnavailable(
                "faster-whisper is not installed. Install the speech extra: pip install 'talentloop[speech]'."
            ),
        )
        # when
        status = recording_transcribe(recording_id=recording.pk)
        # then only the status and the reason changed; the answer was not touched
        assert status == Recording.TranscriptStatus.UNAVAILABLE
        assert snapshot(recording) == {
            **before,
            "status": "unavailable",
            "error": "faster-whisper is not installed. Install the speech extra: pip install 'talentloop[speech]'.",
        }
        assert before["status"] == "pending"
        assert (before["answer_text"], before["characters"], before["words_counted"]) == ("", 0, 0)
        assert before["recording_seconds"] == before["answer_seconds"] == 1.0  # from the WAV header

    def test_an_engine_switched_off_marks_the_recording_unavailable(self, settings: Any, recording: Recording) -> None:
        before = snapshot(recording)
        settings.SPEECH_ENGINE = ""
        status = recording_transcribe(recording_id=recording.pk)
        assert status == Recording.TranscriptStatus.UNAVAILABLE
        assert snapshot(recording) == {**before, "status": "unavailable"}

    def test_unreadable_audio_marks_the_recording_failed(
        self, monkeypatch: pytest.MonkeyPatch, recording: Recording
    ) -> None:
        before = snapshot(recording)
        engine = FakeEngine(SpeechEngineError("Could not transcribe answer.wav: ValueError: Invalid data"))
        use_engine(monkeypatch, engine)
        status = recording_transcribe(recording_id=recording.pk)
        assert status == Recording.TranscriptStatus.FAILED
        assert snapshot(recording) == {
            **before,
            "status": "failed",
            "error": "Could not transcribe answer.wav: ValueError: Invalid data",
        }

    def test_a_missing_recording_is_reported(self, monkeypatch: pytest.MonkeyPatch) -> None:
        engine = FakeEngine()
        use_engine(monkeypatch, engine)
        assert recording_transcribe(recording_id=404) == "missing"
        assert engine.calls == []
