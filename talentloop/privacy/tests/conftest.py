"""Two candidates who took the same interview, each with answers, a recording (file and transcript), events and
scores, and each with an account to sign in: the world every "my data" test starts from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile

from talentloop.accounts.models import User
from talentloop.accounts.services import user_create
from talentloop.assessments.services.scores import session_score
from talentloop.assessments.tests.test_scores import NEEDS_KEY_POINTS, answer_all, rubrics_save
from talentloop.interviews.models import Answer, InterviewSession, Invitation, Recording
from talentloop.interviews.services import sessions as s
from talentloop.interviews.services.invitations import invitation_create
from talentloop.interviews.tests.conftest import T0, interview_world, invitation  # noqa: F401
from talentloop.org.models import Person


@dataclass(frozen=True)
class Interviewed:
    user: User
    person: Person
    session: InterviewSession
    recording_name: str


def _interviewed(link: Invitation, *, username: str, transcript: str) -> Interviewed:
    session = s.session_open(invitation=link, now=T0)
    session = s.session_consent(session=session, consent=True, voice_consent=False, now=T0)
    session = answer_all(session)
    answer = Answer.objects.get(session=session, order=1)
    recording = Recording(
        answer=answer, content_type="audio/wav", size_bytes=4, sha256="0" * 64, transcript_text=transcript
    )
    recording.file.save(f"{username}.wav", ContentFile(b"RIFF"), save=True)
    assert session_score(session_id=session.pk) is not None
    person = link.candidate.person
    user = user_create(username=username, password=None, email=person.email, preferred_language="en")
    person.user = user
    person.save(update_fields=["user"])
    return Interviewed(user=user, person=person, session=session, recording_name=recording.file.name)


@pytest.fixture
def first(invitation: Invitation) -> Interviewed:  # noqa: F811
    rubrics_save(NEEDS_KEY_POINTS)
    return _interviewed(invitation, username="zhou", transcript="我会先询问客户的预算")


@pytest.fixture
def second(interview_world: dict[str, Any], first: Interviewed) -> Interviewed:  # noqa: F811
    other = invitation_create(
        actor=interview_world["hr"],
        template=interview_world["template"],
        company=interview_world["company"],
        full_name="吴杰",
        email="wu.jie@example.com",
        send=False,
    )
    return _interviewed(other, username="wu", transcript="吴杰的录音转写")


@pytest.fixture
def hr_user(interview_world: dict[str, Any]) -> User:  # noqa: F811
    return interview_world["hr"]
