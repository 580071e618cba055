"""The recruitment half of the demo: openings across the demo roles, through the real services.

One internal-only opening is open, so employee1 (and employee2) can apply from "Internal opportunities"; one
external opening is open and listed on the public careers site (/careers/); one internal opening is still a draft.
Three people applied to the external opening from the careers site with résumés made here in code (two PDFs, one
DOCX); the third used 郑洁's email and 冯凯's mobile, so HR has a possible duplicate to review. Nobody has applied
internally: the demo leaves that to the person trying it. Idempotent: an opening whose title exists is left as it
is (HR may have edited it), and an applicant who applied already is skipped.
"""

from __future__ import annotations

from typing import Any

from talentloop.accounts.models import User
from talentloop.interviews.models import InterviewTemplate
from talentloop.org.models import Company, Position
from talentloop.recruitment.models import Application, Opening
from talentloop.recruitment.services import OpeningInput, opening_create, opening_open

# (title, English title, position code, hiring manager username, headcount, internal, open, description, public)
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
        False,
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
        True,
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
        True,
    ),
]


def demo_openings_load(*, actor: Any, company: Company, templates: dict[int, InterviewTemplate]) -> list[Opening]:
    """Create the demo openings unless they exist, each with its position's demo interview template."""
    openings = []
    for title, title_en, position_code, manager, headcount, internal, is_open, description, public in OPENINGS:
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
                public=public,
                description=description,
            ),
        )
        if is_open:
            opening = opening_open(actor=actor, opening=opening)
        openings.append(opening)
    return openings


# (full name, email, mobile, résumé file name, résumé paragraphs, note)
CAREERS_APPLICANTS = [
    (
        "陈宇航",
        "chen.yuhang@example.com",
        "13900139001",
        "陈宇航-简历.pdf",
        [
            "陈宇航 · 后端工程师",
            "2017.07 - 2020.12 杭州云帆科技 Java 后端开发，负责订单系统",
            "2021.01 - 2025.12 上海数澜科技 高级工程师，主导结算服务迁移到 Kubernetes",
            "浙江大学 软件工程 硕士 2014 - 2017",
        ],
        "关注贵司的交易系统，希望参与结算服务建设。",
    ),
    (
        "Sophie Wang",
        "sophie.wang@example.com",
        "+44 7700 900123",
        "Sophie_Wang_CV.docx",
        [
            "Sophie Wang — Backend Engineer",
            "6 years of experience building payment APIs in Go and PostgreSQL",
            "BSc Computer Science, University of Edinburgh",
        ],
        "",
    ),
    (
        "郑洁",
        "zheng.jie@example.com",
        "13800138004",  # 冯凯's mobile: HR sees a possible duplicate
        "zhengjie_resume.pdf",
        ["郑洁", "3年销售经验，希望转岗做后端开发", "本科 信息管理"],
        "我自学了 Python 和 Django。",
    ),
]


def demo_careers_applications_load(*, opening: Opening) -> list[Application]:
    """Apply to ``opening`` from the careers site as the demo applicants, with résumés generated here. Not emailed."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from talentloop.recruitment.careers_services import CareersApplicationInput, careers_apply
    from talentloop.recruitment.resume_samples import docx_build, resume_pdf_build

    applications = []
    for full_name, email, mobile, file_name, paragraphs, note in CAREERS_APPLICANTS:
        existing = Application.objects.filter(opening=opening, person__email=email).first()
        if existing is not None:
            applications.append(existing)
            continue
        content = docx_build(paragraphs) if file_name.endswith(".docx") else resume_pdf_build(paragraphs)
        data = CareersApplicationInput(
            full_name=full_name,
            email=email,
            mobile=mobile,
            resume=SimpleUploadedFile(file_name, content),
            consent=True,
            note=note,
        )
        applications.append(careers_apply(opening=opening, data=data, invitation_email=False))
    return applications
