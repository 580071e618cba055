"""A scored interview for the result-sharing tests: ``candidate_a`` (Sales) answers three questions on 沟通表达
(communication) and 团队协作 (teamwork), and the bank holds two more teamwork questions and one more communication
question for a supplementary interview. HR and the Sales manager (张伟) may see the interview; the R&D manager (陈磊)
may not. Test modules import these fixtures explicitly."""

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

ANSWERS = {
    1: "我会先倾听客户的需求，再用简单的话解释方案。沟通时我会确认对方理解了。",
    2: "我们团队分工明确，我主动帮助同事完成任务。",
    3: "遇到分歧时我会和团队一起讨论，最后达成共识。",
}


@pytest.fixture
def share_world(org: Organisation, hr: User) -> dict[str, Any]:
    dimension_create(code="communication", name="沟通表达", anchors=ANCHORS)
    dimension_create(code="teamwork", name="团队协作", anchors=ANCHORS)
    profile = job_profile_save(
        actor=hr,
        position=org.sales_representative,
        requirements=[RequirementInput("communication", 3, 3), RequirementInput("teamwork", 2, 4)],
    )
    bank = [
        ("c1", "communication", "请讲一次你向客户解释复杂方案的经历。", ["需求", "解释"]),
        ("t1", "teamwork", "请讲一次你和团队合作完成任务的经历。", ["帮助", "分工"]),
        ("t2", "teamwork", "团队意见不一致时你怎么做？", ["讨论", "共识"]),
        ("t3", "teamwork", "你如何支持一位新同事？", ["支持"]),
        ("t4", "teamwork", "请讲一次你为团队承担额外工作的经历。", ["承担"]),
        ("c2", "communication", "你如何确认客户听懂了？", ["确认"]),
    ]
    for code, dimension, text, keywords in bank:
        question_save(
            actor=hr,
            data=QuestionInput(
                code=code,
                kind="behavioural",
                text=text,
                text_en=code,
                position_codes=["sales-rep"],
                rubrics=[RubricInput(dimension, [KeyPointInput(keywords[0], keywords=keywords)], {"1": "差"})],
            ),
        )
    template = template_generate(actor=hr, profile=profile, count=3)
    set_timers(template)
    return {"company": org.company, "hr": hr, "template": template, "profile": profile}


def shared_interview_taken(world: dict[str, Any], user: User) -> InterviewSession:
    invitation = invitation_create(
        actor=world["hr"],
        template=world["template"],
        company=world["company"],
        candidate=user.person.candidate,
        send=False,
    )
    session = s.session_open(invitation=invitation, now=T0)
    session = s.session_consent(session=session, consent=True, voice_consent=False, now=T0)
    moment = T0
    for order in (1, 2, 3):
        s.session_state(session=session, now=moment)
        moment += timedelta(seconds=30)
        s.answer_submit_text(session=session, order=order, text=ANSWERS[order], revision=0, now=moment)
        s.session_next(session=session, order=order, now=moment + timedelta(seconds=1))
        moment += timedelta(seconds=2)
    session = s.session_submit(session=session, now=moment)
    session_score(session_id=session.pk)
    session.refresh_from_db()
    return session


@pytest.fixture
def shared_session(share_world: dict[str, Any], candidate_a: User) -> InterviewSession:
    return shared_interview_taken(share_world, candidate_a)
