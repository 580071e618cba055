"""A small interview world: one job profile, three questions, a template and an invitation."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from django.utils import timezone

from talentloop.accounts.services import user_create
from talentloop.competencies.services import AnchorInput, RequirementInput, dimension_create, job_profile_save
from talentloop.interviews.models import InterviewSession, InterviewTemplate, Invitation
from talentloop.interviews.services.invitations import invitation_create
from talentloop.interviews.services.sessions import session_consent, session_open
from talentloop.interviews.services.templates import TemplateItemInput, template_generate, template_update
from talentloop.org.models import Company, Position, Role
from talentloop.org.services import company_create, department_create, position_create, role_grant_create
from talentloop.questionbank.services import KeyPointInput, QuestionInput, RubricInput, question_save

T0 = timezone.make_aware(datetime(2026, 11, 20, 10, 0, 0))
ANCHORS = {1: AnchorInput("只描述个人努力"), 3: AnchorInput("识别部分需求"), 5: AnchorInput("系统识别并验证需求")}


@pytest.fixture
def interview_world(db: Any) -> dict[str, Any]:
    company = company_create(name="测试公司", slug="test")
    sales = department_create(company=company, name="销售部", code="sales")
    position = position_create(department=sales, title="销售代表", code="sales-rep")
    hr = user_create(username="hr-user", password=None)
    role_grant_create(actor=None, user=hr, role=Role.HR)
    for code in ("customer-needs", "communication"):
        dimension_create(code=code, name=code, anchors=ANCHORS)
    profile = job_profile_save(
        actor=hr,
        position=position,
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
    return {"company": company, "position": position, "hr": hr, "profile": profile, "template": template}


def set_timers(template: InterviewTemplate, *, preparation: int = 10, answer: int = 60, retries: int = 1) -> None:
    items = [TemplateItemInput(i.question_id, preparation, answer, retries) for i in template.items.order_by("order")]
    template_update(actor=None, template=template, name=template.name, items=items, allow_text=True, allow_voice=True)


@pytest.fixture
def invitation(interview_world: dict[str, Any]) -> Invitation:
    set_timers(interview_world["template"])
    return invitation_create(
        actor=interview_world["hr"],
        template=interview_world["template"],
        company=interview_world["company"],
        full_name="周婷",
        email="zhou@example.com",
        send=False,
    )


@pytest.fixture
def started(invitation: Invitation) -> InterviewSession:
    session = session_open(invitation=invitation, now=T0)
    return session_consent(session=session, consent=True, voice_consent=False, now=T0)


__all__ = ["T0", "Company", "Position", "set_timers"]
