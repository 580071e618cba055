"""The candidate's interview API, authenticated by the link's token."""

from __future__ import annotations

import io
import wave
from typing import Any

import pytest
from django.test import Client

from talentloop.interviews.models import Answer, InterviewSession, Invitation, Recording, SessionEvent
from talentloop.interviews.services.invitations import invitation_link, invitation_revoke


def token_of(invitation: Invitation) -> str:
    return invitation_link(invitation).rstrip("/").rsplit("/", 1)[1]


def url(invitation: Invitation, action: str = "") -> str:
    return f"/api/v1/interview/{token_of(invitation)}/" + (f"{action}/" if action else "")


def wav_bytes(seconds: float = 1.0) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(16000)
        writer.writeframes(b"\x00\x00" * int(16000 * seconds))
    return buffer.getvalue()


@pytest.fixture
def api() -> Client:
    return Client(enforce_csrf_checks=True)


@pytest.mark.django_db
class TestFlow:
    def test_open_consent_autosave_answer_next_submit(self, api: Client, invitation: Invitation) -> None:
        # given a fresh link
        opened = api.post(url(invitation, "open"))
        assert opened.status_code == 200
        assert opened.json()["phase"] == "consent"
        # when the candidate consents and answers
        consented = api.post(url(invitation, "consent"), {"consent": True}, content_type="application/json")
        assert consented.json()["phase"] == "preparing"
        assert consented.json()["answer"]["order"] == 1
        saved = api.post(
            url(invitation, "draft"), {"order": 1, "text": "我会先", "revision": 0}, content_type="application/json"
        )
        assert saved.status_code == 200
        assert saved.json()["draft_revision"] == 1
        assert saved.json()["status"] == "answering"
        answered = api.post(
            url(invitation, "answer"),
            {"order": 1, "text": "我会先了解需求", "revision": 1},
            content_type="application/json",
        )
        assert answered.json()["phase"] == "answered"
        moved = api.post(url(invitation, "next"), {"order": 1}, content_type="application/json")
        assert moved.json()["current_order"] == 2
        for order in (2, 3):
            api.get(url(invitation))
            api.post(url(invitation, "skip"), {"order": order}, content_type="application/json")
            api.post(url(invitation, "next"), {"order": order}, content_type="application/json")
        submitted = api.post(url(invitation, "submit"))
        # then
        assert submitted.status_code == 200
        assert submitted.json()["phase"] == "submitted"
        assert list(Answer.objects.order_by("order").values_list("status", "text")) == [
            ("answered", "我会先了解需求"),
            ("skipped", ""),
            ("skipped", ""),
        ]

    def test_draft_conflict_returns_the_newer_draft(self, api: Client, started: InterviewSession) -> None:
        invitation = started.invitation
        api.get(url(invitation))
        api.post(url(invitation, "draft"), {"order": 1, "text": "新", "revision": 0}, content_type="application/json")
        stale = api.post(
            url(invitation, "draft"), {"order": 1, "text": "旧", "revision": 0}, content_type="application/json"
        )
        assert stale.status_code == 409
        assert stale.json()["error"]["code"] == "draft_conflict"
        assert stale.json()["error"]["draft_text"] == "新"
        assert stale.json()["error"]["draft_revision"] == 1

    def test_client_events_are_logged(self, api: Client, started: InterviewSession) -> None:
        response = api.post(url(started.invitation, "events"), {"kind": "focus_lost"}, content_type="application/json")
        assert response.status_code == 204
        assert SessionEvent.objects.filter(session=started, kind="focus_lost").count() == 1

    def test_unknown_client_event_is_refused(self, api: Client, started: InterviewSession) -> None:
        response = api.post(url(started.invitation, "events"), {"kind": "submitted"}, content_type="application/json")
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "validation_error"
        assert not SessionEvent.objects.filter(kind="submitted").exists()


@pytest.mark.django_db
class TestBadLinks:
    def test_forged_token_is_not_found(self, api: Client, invitation: Invitation) -> None:
        response = api.post("/api/v1/interview/not-a-real-token/open/")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
        assert InterviewSession.objects.count() == 0

    def test_revoked_link_is_gone(self, api: Client, invitation: Invitation) -> None:
        invitation_revoke(actor=None, invitation=invitation)
        response = api.post(url(invitation, "open"))
        assert response.status_code == 410
        assert response.json()["error"]["code"] == "invitation_revoked"
        assert InterviewSession.objects.count() == 0

    def test_after_submission_the_link_shows_the_status_never_a_second_attempt(
        self, api: Client, started: InterviewSession
    ) -> None:
        invitation = started.invitation
        api.get(url(invitation))
        for order in (1, 2, 3):
            api.post(url(invitation, "skip"), {"order": order}, content_type="application/json")
            api.post(url(invitation, "next"), {"order": order}, content_type="application/json")
        assert api.post(url(invitation, "submit")).status_code == 200
        state = api.get(url(invitation)).json()
        draft = api.post(
            url(invitation, "draft"), {"order": 2, "text": "x", "revision": 0}, content_type="application/json"
        )
        assert state["phase"] == "submitted"
        assert draft.status_code == 409
        assert draft.json()["error"]["code"] == "interview_submitted"


@pytest.mark.django_db
class TestRecordings:
    @pytest.fixture(autouse=True)
    def _voice(self, settings: Any, started: InterviewSession) -> None:
        settings.SPEECH_ENGINE = "faster_whisper"
        settings.INTERVIEW_MAX_UPLOAD_MB = 1
        started.voice_consented_at = started.consented_at
        started.save()

    def upload(self, api: Client, invitation: Invitation, content: bytes, content_type: str = "audio/wav") -> Any:
        audio = io.BytesIO(content)
        audio.name = "answer.wav"
        return api.post(url(invitation, "recording"), {"order": 1, "audio": audio, "duration_seconds": 1.0})

    def test_a_voice_answer_is_kept_and_counted(self, api: Client, started: InterviewSession, monkeypatch: Any) -> None:
        monkeypatch.setattr("talentloop.interviews.tasks.transcribe_recording_task.delay", lambda *a: None)
        api.get(url(started.invitation))
        response = self.upload(api, started.invitation, wav_bytes(1.5))
        assert response.status_code == 200
        recording = Recording.objects.get()
        answer = Answer.objects.get(session=started, order=1)
        assert (recording.audio_seconds, recording.is_current, recording.transcript_status) == (1.5, True, "pending")
        assert (answer.status, answer.mode, answer.audio_seconds) == ("answered", "voice", 1.5)
        assert list(SessionEvent.objects.filter(answer=answer).values_list("kind", flat=True)) == [
            "question_shown",
            "answer_started",
            "uploaded",
            "answered",
        ]

    def test_a_non_audio_upload_is_refused_and_nothing_is_stored(self, api: Client, started: InterviewSession) -> None:
        api.get(url(started.invitation))
        response = self.upload(api, started.invitation, b"%PDF-1.4 not audio at all")
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "upload_not_audio"
        assert Recording.objects.count() == 0
        assert Answer.objects.get(session=started, order=1).status == "preparing"

    def test_an_oversized_upload_is_refused(self, api: Client, started: InterviewSession) -> None:
        api.get(url(started.invitation))
        response = self.upload(api, started.invitation, wav_bytes(40))  # 1.28 MB > 1 MB limit
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "upload_too_large"
        assert Recording.objects.count() == 0

    def test_a_second_upload_for_a_finished_answer_is_refused(
        self, api: Client, started: InterviewSession, monkeypatch: Any
    ) -> None:
        monkeypatch.setattr("talentloop.interviews.tasks.transcribe_recording_task.delay", lambda *a: None)
        api.get(url(started.invitation))
        self.upload(api, started.invitation, wav_bytes(1))
        late = self.upload(api, started.invitation, wav_bytes(2))
        assert late.status_code == 409
        assert late.json()["error"]["code"] == "already_answered"
        assert Recording.objects.count() == 1

    def test_without_voice_consent_uploads_are_refused(self, api: Client, started: InterviewSession) -> None:
        started.voice_consented_at = None
        started.save()
        api.get(url(started.invitation))
        response = self.upload(api, started.invitation, wav_bytes(1))
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "mode_not_allowed"
        assert Recording.objects.count() == 0
