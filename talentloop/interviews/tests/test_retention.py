"""Interview data is deleted after the retention period promised in the consent notice."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.files.base import ContentFile

from talentloop.core.models import AuditEvent
from talentloop.interviews.models import Answer, InterviewSession, Recording, SessionEvent
from talentloop.interviews.services.retention import sessions_purge_expired
from talentloop.interviews.tests.conftest import T0


@pytest.mark.django_db
def test_expired_sessions_are_deleted_with_their_files_and_recent_ones_kept(
    settings: Any, started: InterviewSession
) -> None:
    # given a session last active at T0 with a recording, and the retention period of 30 days
    settings.INTERVIEW_RETENTION_DAYS = 30
    answer = Answer.objects.get(session=started, order=1)
    recording = Recording(answer=answer, content_type="audio/wav", size_bytes=4, sha256="0" * 64)
    recording.file.save("answer.wav", ContentFile(b"RIFF"), save=True)
    name = recording.file.name
    storage = recording.file.storage

    # when the purge runs 29 days later, then nothing goes
    kept = sessions_purge_expired(now=T0 + timedelta(days=29))
    assert (kept.sessions, kept.recordings) == (0, 0)
    assert InterviewSession.objects.count() == 1
    assert storage.exists(name)

    # when it runs 31 days later, then the session, its answers, events, recording and file are gone
    purged = sessions_purge_expired(now=T0 + timedelta(days=31))
    assert (purged.sessions, purged.recordings) == (1, 1)
    assert InterviewSession.objects.count() == Answer.objects.count() == SessionEvent.objects.count() == 0
    assert Recording.objects.count() == 0
    assert not storage.exists(name)
    assert AuditEvent.objects.filter(action="delete", object_type="interviews.interviewsession").count() == 1

    # and running again changes nothing
    assert sessions_purge_expired(now=T0 + timedelta(days=31)) == purged.__class__(sessions=0, recordings=0)
