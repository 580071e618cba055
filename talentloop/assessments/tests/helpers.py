"""Building submitted interviews for the assessments tests."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from talentloop.interviews.models import InterviewSession
from talentloop.interviews.services import sessions as s
from talentloop.interviews.services.invitations import invitation_create
from talentloop.interviews.tests.conftest import T0

GOOD = "首先我会询问客户的预算和使用场景，然后确认他们的真实需求，最后我们的方案让客户的成本降低了20%。"


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def interview_submit(
    world: dict[str, Any], name: str, *, seconds: float = 30, text: str = GOOD, submit: bool = True
) -> InterviewSession:
    """Another candidate answers question 1 with ``text`` after ``seconds``, skips the rest and (by default)
    submits."""
    invitation = invitation_create(
        actor=world["hr"],
        template=world["template"],
        company=world["company"],
        full_name=name,
        email=f"{name}@example.com",
        send=False,
    )
    session = s.session_open(invitation=invitation, now=T0)
    session = s.session_consent(session=session, consent=True, voice_consent=False, now=T0)
    s.session_state(session=session, now=at(0))
    s.answer_submit_text(session=session, order=1, text=text, revision=0, now=at(seconds))
    s.session_next(session=session, order=1, now=at(seconds + 1))
    for order in (2, 3):
        s.session_state(session=session, now=at(seconds + order))
        s.answer_skip(session=session, order=order, now=at(seconds + order + 0.5))
        s.session_next(session=session, order=order, now=at(seconds + order + 0.6))
    if submit:
        session = s.session_submit(session=session, now=at(seconds + 10))
    return session
