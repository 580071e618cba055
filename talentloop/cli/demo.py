"""Demo data that makes the product feel real. Idempotent: loading it twice changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from talentloop.accounts.models import User
from talentloop.accounts.services import user_create
from talentloop.cli.demo_completed import DemoCompletedInterview, demo_completed_interviews_load
from talentloop.cli.demo_fairness import demo_sensitive_attributes_load
from talentloop.cli.demo_history import HistorySummary, demo_history_load
from talentloop.cli.demo_interviews import DemoInterviewLink, demo_interviews_load
from talentloop.cli.demo_learning import demo_learning_library_load
from talentloop.cli.demo_messages import demo_messages_load
from talentloop.cli.demo_pipeline import demo_pipeline_load
from talentloop.cli.demo_ratings import demo_ratings_load
from talentloop.cli.demo_reapplications import demo_reapplication_load
from talentloop.cli.demo_recruitment import demo_careers_applications_load, demo_openings_load
from talentloop.cli.demo_shares import demo_shares_load
from talentloop.org.models import Candidate, Company, Department, Employee, Person, Position, Role
from talentloop.org.services import (
    candidate_create,
    company_create,
    department_create,
    employee_create,
    person_create,
    position_create,
    role_grant_create,
)
from talentloop.recruitment.models import Opening

DEMO_PASSWORD = "TalentLoop-demo-2026"  # noqa: S105 - printed to the user on purpose


@dataclass(frozen=True)
class DemoAccount:
    username: str
    name: str
    role: str
    password: str = DEMO_PASSWORD


@dataclass(frozen=True)
class DemoSummary:
    accounts: list[DemoAccount]
    interview_links: dict[str, DemoInterviewLink]  # by the candidate's username
    completed_interviews: list[DemoCompletedInterview]
    history: HistorySummary | None = None


# (code, Chinese name, English name, parent code)
DEPARTMENTS = [
    ("hq", "总部", "Headquarters", None),
    ("sales", "销售部", "Sales", "hq"),
    ("sales-east", "华东销售组", "East China Sales", "sales"),
    ("rnd", "研发部", "R&D", "hq"),
    ("rnd-backend", "后端开发组", "Backend Team", "rnd"),
    ("manufacturing", "生产部", "Manufacturing", "hq"),
    ("hr", "人力资源部", "Human Resources", "hq"),
]

# (code, Chinese title, English title, department code, description)
POSITIONS = [
    ("sales-rep", "销售代表", "Sales Representative", "sales-east", "发掘客户需求，完成区域销售目标。"),
    ("key-account-manager", "大客户经理", "Key Account Manager", "sales", "维护重点客户关系，推动大额合同。"),
    ("backend-engineer", "后端工程师", "Backend Engineer", "rnd-backend", "设计并实现高可用的后端服务。"),
    ("frontend-engineer", "前端工程师", "Frontend Engineer", "rnd", "构建响应式、易用的 Web 界面。"),
    (
        "production-supervisor",
        "生产主管",
        "Production Supervisor",
        "manufacturing",
        "组织生产，保障安全与质量。",
    ),
    ("hrbp", "HRBP", "HR Business Partner", "hr", "支持业务部门的人才发展。"),
]

# (username, name, email, department, position, employee number, staff role, role department)
EMPLOYEES = [
    ("hradmin", "王敏", "wang.min@demo.talentloop.cn", "hr", "hrbp", "E0001", Role.HR_ADMIN, None),
    ("hr", "李娜", "li.na@demo.talentloop.cn", "hr", "hrbp", "E0002", Role.HR, None),
    (
        "sales.manager",
        "张伟",
        "zhang.wei@demo.talentloop.cn",
        "sales",
        "key-account-manager",
        "E0101",
        Role.HIRING_MANAGER,
        "sales",
    ),
    (
        "rnd.manager",
        "陈磊",
        "chen.lei@demo.talentloop.cn",
        "rnd",
        "backend-engineer",
        "E0201",
        Role.HIRING_MANAGER,
        "rnd",
    ),
    (
        "interviewer",
        "刘洋",
        "liu.yang@demo.talentloop.cn",
        "rnd-backend",
        "backend-engineer",
        "E0202",
        Role.INTERVIEWER,
        None,
    ),
    ("employee1", "赵静", "zhao.jing@demo.talentloop.cn", "sales-east", "sales-rep", "E0102", None, None),
    (
        "employee2",
        "孙浩",
        "sun.hao@demo.talentloop.cn",
        "manufacturing",
        "production-supervisor",
        "E0301",
        None,
        None,
    ),
]

# (username or None, name, email, mobile, position code, source)
CANDIDATES = [
    ("candidate1", "周婷", "zhou.ting@example.com", "13800138001", "sales-rep", "招聘网站"),
    ("candidate2", "吴杰", "wu.jie@example.com", "13800138002", "backend-engineer", "内部推荐"),
    (None, "郑洁", "zheng.jie@example.com", "13800138003", "sales-rep", "校园招聘"),
    (None, "冯凯", "feng.kai@example.com", "13800138004", "key-account-manager", "猎头"),
    (None, "何倩", "he.qian@example.com", "13800138005", "backend-engineer", "招聘网站"),
    (None, "Emily Carter", "emily.carter@example.com", "", "frontend-engineer", "LinkedIn"),
    (None, "马超", "ma.chao@example.com", "13800138007", "production-supervisor", "招聘网站"),
    (None, "林晓", "lin.xiao@example.com", "13800138008", "sales-rep", "内部推荐"),
]

ROLE_LABELS = {
    "hradmin": "HR admin",
    "hr": "HR",
    "sales.manager": "Hiring manager, Sales",
    "rnd.manager": "Hiring manager, R&D",
    "interviewer": "Interviewer",
    "employee1": "Employee (Sales)",
    "employee2": "Employee (Manufacturing)",
    "candidate1": "Candidate (销售代表)",
    "candidate2": "Candidate (后端工程师)",
    "candidate3": "Candidate (销售代表), interview completed",
    "candidate4": "Candidate (后端工程师), interview completed",
}


def _user(username: str, name: str, email: str) -> User:
    existing = User.objects.filter(username=username).first()
    if existing is not None:
        return existing
    return user_create(username=username, password=DEMO_PASSWORD, email=email, display_name=name, validate=False)


@transaction.atomic
def demo_load(*, history_months: int = 0) -> DemoSummary:
    """Create the demo company, its departments, positions, staff and candidates, unless they exist; then the
    interview content (competencies, job profiles, question bank, templates), the candidates' invitations, the
    learning library, the candidates who have already taken their interview, with its scores and staff's human
    ratings of their answers (which calibrate the AI score), the re-application
    policy with candidate3 on her way back, candidate3's question to HR with HR's reply, the openings (one
    internal opening open to employees), and one result shared with the Sales manager, who asked for a
    supplementary interview (an open HR task)."""
    company = Company.objects.filter(slug="demo").first() or company_create(
        name="华腾科技有限公司", name_en="Huateng Technology Co., Ltd.", slug="demo"
    )
    departments: dict[str, Department] = {}
    for code, name, name_en, parent_code in DEPARTMENTS:
        existing = Department.objects.filter(company=company, code=code).first()
        departments[code] = existing or department_create(
            company=company,
            name=name,
            name_en=name_en,
            code=code,
            parent=departments[parent_code] if parent_code else None,
        )
    positions: dict[str, Position] = {}
    for code, title, title_en, department_code, description in POSITIONS:
        existing_position = Position.objects.filter(code=code).first()
        positions[code] = existing_position or position_create(
            department=departments[department_code],
            title=title,
            title_en=title_en,
            code=code,
            description=description,
        )
    system_actor = None
    for username, name, email, department_code, position_code, number, role, role_department in EMPLOYEES:
        user = _user(username, name, email)
        person = Person.objects.filter(user=user).first() or person_create(
            company=company, full_name=name, email=email, user=user
        )
        if not Employee.objects.filter(person=person).exists():
            employee_create(
                actor=system_actor,
                person=person,
                department=departments[department_code],
                position=positions[position_code],
                employee_number=number,
                hired_on=date(2022, 3, 1),
            )
        if role is not None:
            role_grant_create(
                actor=system_actor,
                user=user,
                role=role,
                department=departments[role_department] if role_department else None,
            )
        if system_actor is None and role == Role.HR_ADMIN:
            system_actor = user
    interviewer = User.objects.get(username="interviewer")
    candidates: list[Candidate] = []
    usernames: dict[int, str] = {}  # candidate id → the username of a candidate who can sign in
    for candidate_username, name, email, mobile, position_code, source in CANDIDATES:
        existing_candidate = Candidate.objects.filter(person__company=company, person__email=email).first()
        if existing_candidate is not None:
            candidates.append(existing_candidate)
            if candidate_username:
                usernames[existing_candidate.pk] = candidate_username
            continue
        candidate_user = _user(candidate_username, name, email) if candidate_username else None
        candidate = candidate_create(
            actor=system_actor,
            company=company,
            full_name=name,
            email=email,
            mobile=mobile,
            applied_position=positions[position_code],
            source=source,
            user=candidate_user,
        )
        if candidate_username == "candidate1":
            candidate.interviewers.add(interviewer)
        candidates.append(candidate)
        if candidate_username:
            usernames[candidate.pk] = candidate_username
    content = demo_interviews_load(actor=system_actor, company=company, candidates=candidates)
    demo_learning_library_load(actor=system_actor)
    completed = demo_completed_interviews_load(
        actor=system_actor, company=company, templates=content.templates, user_for=_user
    )
    demo_ratings_load(completed=completed)
    demo_reapplication_load(actor=system_actor, completed=completed)
    demo_messages_load(completed=completed)
    openings = demo_openings_load(actor=system_actor, company=company, templates=content.templates)
    demo_pipeline_load(actor=User.objects.get(username="hr"), openings=openings)
    demo_careers_applications_load(opening=next(o for o in openings if o.public and o.status == Opening.Status.OPEN))
    demo_shares_load(completed=completed)
    _demo_deletion_request_load()
    demo_sensitive_attributes_load(hr_admin=User.objects.get(username="hradmin"))
    # The analytics history (decision 0031) takes about 25 s, so only the command asks for it (tests do not).
    history = demo_history_load(company=company, seed=7, months=history_months) if history_months else None
    return DemoSummary(
        history=history,
        accounts=[
            DemoAccount(username=username, name=str(User.objects.get(username=username)), role=label)
            for username, label in ROLE_LABELS.items()
        ],
        interview_links={
            usernames[link.candidate.pk]: link for link in content.links if link.candidate.pk in usernames
        },
        completed_interviews=completed,
    )


def _demo_deletion_request_load() -> None:
    """A deletion request from employee1, held because she is an active employee: HR's list shows a legal hold.
    (Nothing is erased in the demo; a candidate can ask for deletion from "My data" and HR can approve it.)"""
    from talentloop.privacy.models import DeletionRequest
    from talentloop.privacy.services import deletion_request_create

    user = User.objects.get(username="employee1")
    person_id = user.person.pk
    if not DeletionRequest.objects.filter(person_id=person_id).exists():
        deletion_request_create(actor=user, person_id=person_id, confirmed=True)
