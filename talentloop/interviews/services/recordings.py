"""Voice answers: the upload (kept, never silently dropped) and its transcript (made in the background)."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from tempfile import NamedTemporaryFile

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from talentloop.core.exceptions import Conflict, ValidationFailed
from talentloop.interviews.audio import ALLOWED_CONTENT_TYPES, audio_container, wav_duration_seconds
from talentloop.interviews.errors import InterviewErrorCode
from talentloop.interviews.metrics import character_count, word_count
from talentloop.interviews.models import Answer, InterviewSession, Recording, SessionEvent
from talentloop.interviews.services.sessions import (
    answer_finish,
    answer_require_current,
    answer_start_clock,
    event_log,
    session_require_in_progress,
    session_touch,
    voice_available,
)
from talentloop.interviews.tasks import transcribe_recording_task
from talentloop.speech.engines.base import SpeechEngineError, SpeechEngineUnavailable, Transcript
from talentloop.speech.registry import speech_engine_get


@transaction.atomic
def answer_upload_recording(
    *,
    session: InterviewSession,
    order: int,
    content: bytes,
    content_type: str,
    client_duration_seconds: float | None = None,
    now: datetime | None = None,
) -> Recording:
    """Finish the current answer with a voice recording. The file is checked by content; a recording that
    arrives after the time limit is kept and flagged as late; a second upload for a finished answer is refused
    (the first one stands) so nothing is duplicated."""
    now = now or timezone.now()
    session_require_in_progress(session, now)
    if not voice_available(session):
        raise ValidationFailed(
            _("Voice answers are not available in this interview; please type your answer."),
            code=InterviewErrorCode.MODE_NOT_ALLOWED,
        )
    limit = settings.INTERVIEW_MAX_UPLOAD_MB * 1024 * 1024
    if len(content) > limit:
        raise ValidationFailed(
            _("The recording is larger than %(mb)s MB.") % {"mb": settings.INTERVIEW_MAX_UPLOAD_MB},
            code=InterviewErrorCode.UPLOAD_TOO_LARGE,
        )
    base_type = content_type.split(";", 1)[0].strip().lower()
    container = audio_container(content[:16])
    if not content or base_type not in ALLOWED_CONTENT_TYPES or container is None:
        raise ValidationFailed(
            _("The upload is not an audio recording we can read (WebM, Ogg, WAV, MP3, MP4 or FLAC)."),
            code=InterviewErrorCode.UPLOAD_NOT_AUDIO,
        )
    answer = answer_require_current(session, order, now)
    if answer.status in (Answer.Status.ANSWERED, Answer.Status.SKIPPED):
        raise Conflict(
            _("This question is already finished; this recording was not used."),
            code=InterviewErrorCode.ALREADY_ANSWERED,
        )
    if answer.status == Answer.Status.PREPARING:
        answer_start_clock(answer, session, now, automatic=False)
    if client_duration_seconds is not None and not 0 <= client_duration_seconds <= 3600:
        client_duration_seconds = None
    recording = Recording(
        answer=answer,
        attempt=answer.retries_used,
        content_type=base_type,
        size_bytes=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        client_duration_seconds=client_duration_seconds,
        audio_seconds=wav_duration_seconds(content) if container == "wav" else None,
        transcript_status=Recording.TranscriptStatus.PENDING,
    )
    recording.file.save(f"answer.{container}", ContentFile(content), save=False)
    if answer.first_input_at is None:
        answer.first_input_at = answer.answer_started_at
    answer.mode = Answer.Mode.VOICE
    answer.text = ""
    answer_finish(answer, session, now, Answer.Status.ANSWERED)
    recording.is_late = answer.is_late
    recording.save()
    answer.audio_seconds = recording.audio_seconds or client_duration_seconds
    answer.save()
    event_log(
        session,
        SessionEvent.Kind.UPLOADED,
        now,
        answer,
        recording=recording.pk,
        bytes=recording.size_bytes,
        container=container,
        late=recording.is_late,
    )
    event_log(session, SessionEvent.Kind.ANSWERED, now, answer, mode="voice", late=answer.is_late)
    session_touch(session, now)
    recording_id = recording.pk
    transaction.on_commit(lambda: transcribe_recording_task.delay(recording_id))
    return recording


def recording_transcribe(*, recording_id: int) -> str:
    """Transcribe a recording with the configured engine and copy the transcript onto its answer.
    Safe to run twice: a finished transcript is not redone."""
    recording = Recording.objects.select_related("answer__session").filter(pk=recording_id).first()
    if recording is None:
        return "missing"
    if recording.transcript_status == Recording.TranscriptStatus.DONE:
        return recording.transcript_status
    try:
        engine = speech_engine_get()
    except SpeechEngineUnavailable as error:
        engine = None
        recording.transcript_error = str(error)[:2000]
    if engine is None:
        recording.transcript_status = Recording.TranscriptStatus.UNAVAILABLE
        recording.save(update_fields=["transcript_status", "transcript_error", "updated_at"])
        return recording.transcript_status
    language = "en" if recording.answer.session.language.startswith("en") else "zh"
    suffix = Path(recording.file.name).suffix
    with NamedTemporaryFile(suffix=suffix) as handle:
        with recording.file.open("rb") as source:
            handle.write(source.read())
        handle.flush()
        try:
            transcript = engine.transcribe(Path(handle.name), language=language)
        except (SpeechEngineError, SpeechEngineUnavailable) as error:
            # Unavailable means the set-up is broken (an operator can fix it and re-run); failed means this audio.
            recording.transcript_status = (
                Recording.TranscriptStatus.UNAVAILABLE
                if isinstance(error, SpeechEngineUnavailable)
                else Recording.TranscriptStatus.FAILED
            )
            recording.transcript_error = str(error)[:2000]
            recording.save(update_fields=["transcript_status", "transcript_error", "updated_at"])
            return recording.transcript_status
    recording_transcript_save(recording=recording, transcript=transcript)
    return recording.transcript_status


@transaction.atomic
def recording_transcript_save(*, recording: Recording, transcript: Transcript) -> Recording:
    """Store a finished transcript on its recording and, if the recording is the answer's current one, copy the
    text and the audio length onto the answer (which is what gets scored)."""
    recording.transcript_status = Recording.TranscriptStatus.DONE
    recording.transcript_text = transcript.text
    recording.transcript_words = transcript.words_as_dicts()
    recording.transcript_language = transcript.language
    recording.audio_seconds = transcript.duration_seconds
    recording.engine = transcript.engine
    recording.transcript_error = ""
    recording.save()
    if recording.is_current:
        answer = recording.answer
        answer.text = transcript.text
        answer.audio_seconds = transcript.duration_seconds
        answer.character_count = character_count(transcript.text)
        answer.word_count = word_count(transcript.text)
        answer.save(update_fields=["text", "audio_seconds", "character_count", "word_count", "updated_at"])
    return recording


def recordings_retranscribe(*, include_failed: bool = False) -> int:
    """Queue transcription again for recordings that could not be transcribed (e.g. after installing the speech
    extra). Returns how many were queued."""
    statuses = [Recording.TranscriptStatus.UNAVAILABLE, Recording.TranscriptStatus.PENDING]
    if include_failed:
        statuses.append(Recording.TranscriptStatus.FAILED)
    ids = list(Recording.objects.filter(transcript_status__in=statuses).values_list("pk", flat=True))
    for recording_id in ids:
        Recording.objects.filter(pk=recording_id).update(transcript_status=Recording.TranscriptStatus.PENDING)
        transcribe_recording_task.delay(recording_id)
    return len(ids)
