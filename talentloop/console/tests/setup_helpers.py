"""Helpers of the interview set-up tests: a small world built through the services, clients, row counts."""

from __future__ import annotations

from dataclasses import dataclass

from django.test import Client
from rest_framework.test import APIClient

from talentloop.accounts.models import User
from talentloop.accounts.services import user_create
from talentloop.competencies.models import Dimension, JobProfile, JobProfileDimension, LevelAnchor
from talentloop.competencies.services import AnchorInput, dimension_create
from talentloop.core.models import AuditEvent
from talentloop.org.models import Company, Department, Position, Role
from talentloop.org.services import (
    candidate_create,
    company_create,
    department_create,
    employee_create,
    person_create,
    position_create,
    role_grant_create,
)
from talentloop.questionbank.models import KeyPoint, Question, Rubric
from talentloop.questionbank.services import KeyPointInput, QuestionInput, RubricInput, question_save

ANCHORS = {
    1: AnchorInput("只描述个人努力", "Describes only their own effort"),
    3: AnchorInput("识别部分客户需求", "Identifies some customer needs"),
    5: AnchorInput("系统识别并验证需求", "Systematically identifies and verifies needs"),
}


@dataclass
class SetupWorld:
    company: Company
    sales: Department
    sales_rep: Position
    support: Position
    customer_needs: Dimension
    communication: Dimension
    hr: User
    manager: User
    interviewer: User
    candidate: User
    employee: User


def question_input(
    code: str = "q-needs",
    *,
    key_point: str = "识别客户需求",
    dimension: str = "customer-needs",
    text: str = "请描述一次你发现客户真实需求的经历。",
) -> QuestionInput:
    return QuestionInput(
        code=code,
        kind="behavioural",
        text=text,
        text_en="Tell us about a time you found a customer's real need.",
        position_codes=["sales-rep"],
        rubrics=[
            RubricInput(
                dimension,
                [
                    KeyPointInput(
                        key_point,
                        "Identifies the customer's need",
                        weight=2,
                        keywords=["需求", "痛点"],
                        synonyms=["诉求"],
                        example_phrases=["我先问了客户三个问题"],
                        improvement_tip="先提问再推荐",
                        improvement_tip_en="Ask before you recommend",
                    ),
                    KeyPointInput("给出结果", weight=1, keywords=["结果"]),
                ],
                {"1": "没有提到客户", "3": "提到需求但没有验证", "5": "提出并验证需求"},
            )
        ],
    )


def _user(username: str) -> User:
    return user_create(username=username, password=None, display_name=username)


def setup_world_build() -> SetupWorld:
    """The company, two positions, two dimensions, one question and a user of each persona."""
    company = company_create(name="测试公司", slug="test")
    sales = department_create(company=company, name="销售部", code="sales")
    sales_rep = position_create(department=sales, title="销售代表", title_en="Sales representative", code="sales-rep")
    support = position_create(department=sales, title="客服专员", code="support")
    customer_needs = dimension_create(code="customer-needs", name="客户需求", name_en="Customer needs", anchors=ANCHORS)
    communication = dimension_create(code="communication", name="沟通能力", name_en="Communication", anchors=ANCHORS)
    hr, manager, interviewer = _user("hr"), _user("manager"), _user("interviewer")
    role_grant_create(actor=None, user=hr, role=Role.HR)
    role_grant_create(actor=None, user=manager, role=Role.HIRING_MANAGER, department=sales)
    role_grant_create(actor=None, user=interviewer, role=Role.INTERVIEWER)
    candidate = _user("candidate")
    candidate_create(
        actor=None,
        company=company,
        full_name="周婷",
        email="zhou@example.com",
        applied_position=sales_rep,
        user=candidate,
    )
    employee = _user("employee")
    employee_create(
        actor=None,
        person=person_create(company=company, full_name="王伟", user=employee),
        department=sales,
        employee_number="E001",
    )
    question_save(actor=hr, data=question_input())
    return SetupWorld(
        company=company,
        sales=sales,
        sales_rep=sales_rep,
        support=support,
        customer_needs=customer_needs,
        communication=communication,
        hr=hr,
        manager=manager,
        interviewer=interviewer,
        candidate=candidate,
        employee=employee,
    )


def browser_for(user: User | None) -> Client:
    """A browser in English, signed in as ``user`` (or anonymous)."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def api_client_for(user: User | None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def database_counts() -> dict[str, int]:
    """Rows of everything the set-up pages and API may write, to show a refused request wrote nothing."""
    models = [Dimension, LevelAnchor, JobProfile, JobProfileDimension, Question, Rubric, KeyPoint, AuditEvent]
    return {model.__name__: model.objects.count() for model in models}  # type: ignore[attr-defined]
