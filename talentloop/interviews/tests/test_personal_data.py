"""interviews' part of "my data": erasure clears the answers and drafts, deletes recordings (the audio file after
commit), transcripts and events, kills the link, and keeps the skeleton the counts are built from."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from talentloop.core.personal_data import Subject
from talentloop.interviews.models import Answer, InterviewSession, Recording, SessionEvent
from talentloop.interviews.personal_data import InterviewsPart
from talentloop.interviews.services import sessions as s
from talentloop.interviews.tests.conftest import T0

pytestmark = pytest.mark.django_db

PART = InterviewsPart()


@pytest.fixture
def answered(started: InterviewSession) -> tuple[InterviewSession, str]:
    """One answer written, one draft left, and a recording with a transcript on the first answer."""
    s.session_state(session=started, now=T0)
    s.answer_submit_text(session=started, order=1, text="先问客户预算", revision=0, now=T0)
    Answer.objects.filter(session=started, order=2).update(draft_text="还没写完的草稿")
    recording = Recording(
        answer=Answer.objects.get(session=started, order=1),
        content_type="audio/wav",
        size_bytes=4,
        sha256="0" * 64,
        transcript_text="先问客户预算",
    )
    recording.file.save("zhou.wav", ContentFile(b"RIFF"), save=True)
    return started, recording.file.name


def test_erase_clears_the_words_and_keeps_the_skeleton(
    answered: tuple[InterviewSession, str], django_capture_on_commit_callbacks: Any
) -> None:
    session, file_name = answered
    subject = Subject(person_id=session.invitation.candidate.person_id)
    skeleton = list(
        Answer.objects.filter(session=session).order_by("order").values_list("order", "status", "character_count")
    )
    assert SessionEvent.objects.filter(session=session).exists()

    # when the part is erased (the file goes after commit)
    with django_capture_on_commit_callbacks(execute=True):
        done = PART.erase(subject)

    # then the words, recordings, transcripts, events and the file are gone and the link is dead
    assert done == {
        "answers_cleared": 2,
        "recordings": 1,
        "audio_files": 1,
        "transcripts": 1,
        "events": done["events"],
        "links_closed": 1,
    }
    assert done["events"] > 0
    assert set(Answer.objects.filter(session=session).values_list("text", "draft_text")) == {("", "")}
    assert not Recording.objects.filter(answer__session=session).exists()
    assert not SessionEvent.objects.filter(session=session).exists()
    assert not default_storage.exists(file_name)
    session.invitation.refresh_from_db()
    assert session.invitation.revoked_at is not None

    # and every answer's skeleton stays, for the counts
    assert (
        list(Answer.objects.filter(session=session).order_by("order").values_list("order", "status", "character_count"))
        == skeleton
    )
    assert InterviewSession.objects.filter(pk=session.pk).exists()

    # and a second erase finds nothing
    with django_capture_on_commit_callbacks(execute=True):
        assert PART.erase(subject) == {}
