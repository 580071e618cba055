"""The recruitment world on the shared personas: job profiles and AI interview templates for Sales Representative
and Backend Engineer, an open internal opening in Sales (hiring manager: sales_manager), an open external opening in
R&D, a draft, and a second plain employee (``colleague``, in R&D). Imported by the conftest of every test package
that needs it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from talentloop.accounts.models import User
from talentloop.competencies.services import AnchorInput, RequirementInput, dimension_create, job_profile_save
from talentloop.conftest import Organisation, _employee_user
from talentloop.interviews.models import InterviewTemplate
from talentloop.interviews.services.templates import template_generate
from talentloop.questionbank.services import KeyPointInput, QuestionInput, RubricInput, question_save
from talentloop.recruitment.models import Application, Opening
from talentloop.recruitment.services import OpeningInput, application_create, opening_create, opening_open

ANCHORS = {1: AnchorInput("只描述现象"), 3: AnchorInput("能拆解问题"), 5: AnchorInput("系统解决并验证")}
MOTIVATION = "我在华东做了三年销售，想去新区域开拓客户。"


@dataclass(frozen=True)
class RecruitmentWorld:
    sales_template: InterviewTemplate
    backend_template: InterviewTemplate
    internal: Opening  # open, internal, Sales Representative, hiring manager sales_manager
    external: Opening  # open, not internal, Backend Engineer, hiring manager rnd_manager
    draft: Opening  # draft, internal, Sales Representative


def _template(hr: User, position: Any, code: str) -> InterviewTemplate:
    profile = job_profile_save(actor=hr, position=position, requirements=[RequirementInput("problem-solving", 1, 3)])
    question_save(
        actor=hr,
        data=QuestionInput(
            code=code,
            kind="behavioural",
            text="讲一次你解决难题的经历",
            position_codes=[position.code],
            rubrics=[RubricInput("problem-solving", [KeyPointInput("拆解问题", keywords=["拆"])])],
        ),
    )
    return template_generate(actor=hr, profile=profile, count=1)


@pytest.fixture
def colleague(org: Organisation) -> User:
    """Another employee with no staff role (R&D Backend Team)."""
    return _employee_user(
        org,
        username="colleague",
        full_name="孙浩",
        email="sun.hao@huateng.example",
        department=org.rnd_backend,
        employee_number="E0301",
    )


@pytest.fixture
def recruitment(org: Organisation, hr: User, sales_manager: User, rnd_manager: User) -> RecruitmentWorld:
    dimension_create(code="problem-solving", name="问题解决", name_en="Problem solving", anchors=ANCHORS)
    sales_template = _template(hr, org.sales_representative, "q-sales")
    backend_template = _template(hr, org.backend_engineer, "q-backend")

    def opening(title: str, position: Any, template: Any, manager: User | None, internal: bool) -> Opening:
        return opening_create(
            actor=hr,
            company=org.company,
            data=OpeningInput(
                title=title,
                position=position,
                interview_template=template,
                hiring_manager=manager,
                headcount=2,
                internal=internal,
            ),
        )

    internal = opening_open(
        actor=hr, opening=opening("华南销售代表", org.sales_representative, sales_template, sales_manager, True)
    )
    external = opening_open(
        actor=hr, opening=opening("后端工程师", org.backend_engineer, backend_template, rnd_manager, False)
    )
    draft = opening("销售代表（草稿）", org.sales_representative, sales_template, None, True)
    return RecruitmentWorld(sales_template, backend_template, internal, external, draft)


@pytest.fixture
def application(recruitment: RecruitmentWorld, employee: User) -> Application:
    """The ``employee`` persona's application to the internal opening."""
    return application_create(
        actor=employee, opening=recruitment.internal, person=employee.person, motivation=MOTIVATION
    )


def external_application(opening: Opening, full_name: str, *, hr: User) -> Application:
    """An external candidate's application at the opening's AI interview stage, with its invitation and the
    entry row of its history (how the careers page will add them)."""
    from django.utils import timezone

    from talentloop.interviews.services.invitations import invitation_create
    from talentloop.org.models import Candidate, Person
    from talentloop.recruitment.models import PipelineStage, StageMove

    person = Person.objects.create(company=opening.company, full_name=full_name)
    candidate = Candidate.objects.create(person=person, applied_position=opening.position, source="careers")
    invitation = None
    if opening.interview_template is not None:
        invitation = invitation_create(
            actor=hr, template=opening.interview_template, company=opening.company, candidate=candidate, send=False
        )
    stage = opening.stages.get(kind=PipelineStage.Kind.AI_INTERVIEW)
    now = timezone.now()
    application = Application.objects.create(
        opening=opening,
        person=person,
        candidate=candidate,
        source=Application.Source.EXTERNAL,
        stage=stage,
        stage_entered_at=now,
        invitation=invitation,
    )
    StageMove.objects.create(
        application=application, from_stage=None, to_stage=stage, from_status="active", to_status="active", moved_at=now
    )
    return application


def stage_of(opening: Opening, kind: str) -> Any:
    return opening.stages.get(kind=kind)
