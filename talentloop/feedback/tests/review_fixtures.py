"""Review-request fixtures: a scored interview of the ``candidate_a`` persona (below the pass threshold), and one of
``candidate_b``. Test modules import them explicitly (the name ``scored`` is the report fixture in conftest.py)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from talentloop.accounts.models import User
from talentloop.assessments.services.scores import session_score
from talentloop.competencies.services import RequirementInput, dimension_create, job_profile_save
from talentloop.conftest import Organisation
from talentloop.interviews.models import InterviewSession
from talentloop.interviews.services import sessions as s
from talentloop.interviews.services.invitations import invitation_create
from talentloop.interviews.services.templates import template_generate
from talentloop.interviews.tests.conftest import ANCHORS, T0, set_timers
from talentloop.questionbank.services import KeyPointInput, QuestionInput, RubricInput, question_save


@pytest.fixture
def review_world(org: Organisation, hr: User) -> dict[str, Any]:
    """The interview world of ``interviews.tests.conftest``, built on the personas' organisation: a job profile for
    Sales Representative, three questions and a template."""
    for code in ("customer-needs", "communication"):
        dimension_create(code=code, name=code, anchors=ANCHORS)
    profile = job_profile_save(
        actor=hr,
        position=org.sales_representative,
        requirements=[RequirementInput("customer-needs", 3, 4), RequirementInput("communication", 1, 3)],
    )
    for number, dimension in enumerate(["customer-needs", "customer-needs", "communication"], start=1):
        question_save(
            actor=hr,
            data=QuestionInput(
                code=f"q{number}",
                kind="behavioural",
                text=f"问题{number}",
                text_en=f"Question {number}",
                position_codes=["sales-rep"],
                rubrics=[RubricInput(dimension, [KeyPointInput("识别客户需求", keywords=["需求"])], {"1": "差"})],
            ),
        )
    template = template_generate(actor=hr, profile=profile, count=3)
    set_timers(template)
    return {"company": org.company, "hr": hr, "template": template}


def interview_taken(world: dict[str, Any], user: User, *, scored: bool = True) -> InterviewSession:
    """``user`` (a candidate persona) answers the first question weakly and skips the rest; then it is scored."""
    invitation = invitation_create(
        actor=world["hr"],
        template=world["template"],
        company=world["company"],
        candidate=user.person.candidate,
        send=False,
    )
    session = s.session_open(invitation=invitation, now=T0)
    session = s.session_consent(session=session, consent=True, voice_consent=False, now=T0)
    s.session_state(session=session, now=T0)
    s.answer_submit_text(session=session, order=1, text="我不太清楚。", revision=0, now=T0 + timedelta(seconds=20))
    s.session_next(session=session, order=1, now=T0 + timedelta(seconds=21))
    for order in (2, 3):
        s.session_state(session=session, now=T0 + timedelta(seconds=20 + order * 2))
        s.answer_skip(session=session, order=order, now=T0 + timedelta(seconds=21 + order * 2))
        s.session_next(session=session, order=order, now=T0 + timedelta(seconds=22 + order * 2))
    session = s.session_submit(session=session, now=T0 + timedelta(seconds=40))
    if scored:
        session_score(session_id=session.pk)
    session.refresh_from_db()
    return session


@pytest.fixture
def scored(review_world: dict[str, Any], candidate_a: User) -> InterviewSession:
    return interview_taken(review_world, candidate_a)


@pytest.fixture
def scored_b(review_world: dict[str, Any], candidate_b: User) -> InterviewSession:
    return interview_taken(review_world, candidate_b)
