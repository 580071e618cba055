"""A scored interview of ``candidate_a`` (a persona) and a small learning library for it.

The role weighs customer-needs 3 (level 5 required → 100) and communication 1 (level 3 → 50). The candidate answers
question 1 well, question 2 with keywords only and skips question 3 (communication), so the stored scores are
customer-needs 62.5 and communication 0.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from talentloop.accounts.models import User
from talentloop.assessments.services.scores import session_score
from talentloop.competencies.services import RequirementInput, dimension_create, job_profile_save
from talentloop.conftest import Organisation
from talentloop.interviews.models import InterviewSession, Invitation
from talentloop.interviews.services import sessions as s
from talentloop.interviews.services.invitations import invitation_create
from talentloop.interviews.services.templates import template_generate
from talentloop.interviews.tests.conftest import ANCHORS, T0, set_timers
from talentloop.learning.services import (
    CourseInput,
    MentorInput,
    ProjectInput,
    TargetInput,
    course_save,
    mentor_save,
    project_save,
)
from talentloop.questionbank.services import KeyPointInput, QuestionInput, RubricInput, question_save

GOOD = "首先我会询问客户的预算和使用场景，然后确认他们的真实需求，最后我们的方案让客户的成本降低了20%。"
KEYWORDS_ONLY = "预算 使用场景 真实需求 降低"
KEY_POINTS = [
    KeyPointInput("询问客户的预算和使用场景", keywords=["预算", "使用场景"], improvement_tip="先问预算和场景。"),
    KeyPointInput("确认客户的真实需求", keywords=["真实需求"], improvement_tip="复述并确认需求。"),
    KeyPointInput(
        "用数据说明结果",
        keywords=["降低", "提升"],
        improvement_tip="用数字说明结果。",
        improvement_tip_en="Quantify the result.",
    ),
]


def _invite(hr: User, org: Organisation, candidate_user: User) -> Invitation:
    for code, name in (("customer-needs", "客户需求识别"), ("communication", "沟通能力")):
        dimension_create(code=code, name=name, name_en=code.replace("-", " ").capitalize(), anchors=ANCHORS)
    profile = job_profile_save(
        actor=hr,
        position=org.sales_representative,
        requirements=[RequirementInput("customer-needs", 3, 5), RequirementInput("communication", 1, 3)],
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
                rubrics=[RubricInput(dimension, KEY_POINTS, {"1": "差"})],
            ),
        )
    template = template_generate(actor=hr, profile=profile, count=3)
    set_timers(template)
    return invitation_create(
        actor=hr, template=template, company=org.company, candidate=candidate_user.person.candidate, send=False
    )


def _answer(invitation: Invitation) -> InterviewSession:
    def at(seconds: float) -> Any:
        return T0 + timedelta(seconds=seconds)

    session = s.session_open(invitation=invitation, now=T0)
    session = s.session_consent(session=session, consent=True, voice_consent=False, now=T0)
    s.session_state(session=session, now=at(0))
    s.answer_submit_text(session=session, order=1, text=GOOD, revision=0, now=at(30))
    s.session_next(session=session, order=1, now=at(31))
    s.session_state(session=session, now=at(32))
    s.answer_submit_text(session=session, order=2, text=KEYWORDS_ONLY, revision=0, now=at(50))
    s.session_next(session=session, order=2, now=at(51))
    s.session_state(session=session, now=at(52))
    s.answer_skip(session=session, order=3, now=at(60))
    s.session_next(session=session, order=3, now=at(61))
    return s.session_submit(session=session, now=at(62))


@pytest.fixture
def interview_of_a(hr: User, org: Organisation, candidate_a: User) -> Invitation:
    """candidate_a's invitation, opened and answered but not scored."""
    invitation = _invite(hr, org, candidate_a)
    _answer(invitation)
    invitation.refresh_from_db()
    return invitation


@pytest.fixture
def scored_interview_of_a(interview_of_a: Invitation) -> Invitation:
    session_score(session_id=interview_of_a.session.pk)
    return interview_of_a


@pytest.fixture
def library(hr: User, employee: User, scored_interview_of_a: Invitation) -> dict[str, Any]:
    """Courses, a project and a mentor (the ``employee`` persona) for both dimensions."""
    courses = [
        course_save(
            actor=hr,
            data=CourseInput(
                code=code, title=title, title_en=title_en, format="online", duration_hours=Decimal(hours),
                url="https://learn.example.com/" + code, targets=[TargetInput(dimension, low, high)],
            ),
        ).item
        for code, title, title_en, hours, dimension, low, high in [
            ("needs-basics", "客户需求入门", "Customer needs basics", "2", "customer-needs", 1, 3),
            ("needs-advanced", "客户需求进阶", "Customer needs advanced", "6", "customer-needs", 3, 5),
            ("talk", "结构化表达", "Structured speaking", "3", "communication", 1, 3),
        ]
    ]  # fmt: skip
    project = project_save(
        actor=hr,
        data=ProjectInput(
            code="needs-interviews", title="五次客户访谈", brief="访谈五位客户。", expected_outcome="一份需求清单",
            effort_hours="10", targets=[TargetInput("customer-needs", 2, 5)],
        ),
    ).item  # fmt: skip
    mentor = mentor_save(
        actor=hr,
        data=MentorInput(employee_number="E0102", capacity=1, targets=[TargetInput("communication", 1, 5)]),
    ).item
    return {"courses": courses, "project": project, "mentor": mentor}


@pytest.fixture(autouse=True)
def in_english() -> Any:
    """Messages are asserted in English (the source language); the suite's default language is Chinese."""
    from django.utils import translation

    with translation.override("en"):
        yield
