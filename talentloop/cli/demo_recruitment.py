"""The recruitment half of the demo: openings across the demo roles, through the real services.

One internal opening is open, so employee1 (and employee2) can apply from "Internal opportunities"; one external
opening is open; one internal opening is still a draft. Nobody has applied yet: the demo leaves that to the person
trying it. Idempotent: an opening whose title exists is left as it is (HR may have edited it).
"""

from __future__ import annotations

from typing import Any

from talentloop.accounts.models import User
from talentloop.interviews.models import InterviewTemplate
from talentloop.org.models import Company, Position
from talentloop.recruitment.models import Opening
from talentloop.recruitment.services import OpeningInput, opening_create, opening_open

# (title, English title, position code, hiring manager username, headcount, internal, open, description)
OPENINGS = [
    (
        "销售代表 · 华南拓展（内部机会）",
        "Sales Representative, South China expansion (internal)",
        "sales-rep",
        "sales.manager",
        2,
        True,
        True,
        "销售部正在组建华南拓展小组，欢迎了解客户、愿意开拓新市场的同事内部转岗。"
        "申请后完成结构化 AI 面试即可进入评估。",
    ),
    (
        "后端工程师（社会招聘）",
        "Backend Engineer (external hiring)",
        "backend-engineer",
        "rnd.manager",
        2,
        False,
        True,
        "负责交易与结算服务的设计、开发与稳定性。",
    ),
    (
        "生产主管 · 二号车间",
        "Production Supervisor, Workshop 2",
        "production-supervisor",
        None,
        1,
        True,
        False,
        "二号车间扩产，需一名生产主管组织排产、保障安全与质量。（草稿：招聘计划待批准）",
    ),
]


def demo_openings_load(*, actor: Any, company: Company, templates: dict[int, InterviewTemplate]) -> list[Opening]:
    """Create the demo openings unless they exist, each with its position's demo interview template."""
    openings = []
    for title, title_en, position_code, manager, headcount, internal, is_open, description in OPENINGS:
        existing = Opening.objects.filter(company=company, title=title).first()
        if existing is not None:
            openings.append(existing)
            continue
        position = Position.objects.get(code=position_code)
        opening = opening_create(
            actor=actor,
            company=company,
            data=OpeningInput(
                title=title,
                title_en=title_en,
                position=position,
                interview_template=templates.get(position.pk),
                hiring_manager=User.objects.get(username=manager) if manager else None,
                headcount=headcount,
                internal=internal,
                description=description,
            ),
        )
        if is_open:
            opening = opening_open(actor=actor, opening=opening)
        openings.append(opening)
    return openings
