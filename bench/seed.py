"""Benchmark data, created through the product's own services. Runs inside Django (``talentloop manage shell``)
against the benchmark's throw-away database; everything Django is imported inside :func:`seed` so the rest of
the ``bench`` package never needs Django set up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

POSITION_CODE = "sales-rep"
DIMENSIONS = [
    # (code, name, English name, weight, required level)
    ("bench-customer-needs", "客户需求洞察", "Customer needs", 3, 4),
    ("bench-communication", "沟通表达", "Communication", 2, 3),
]
ANCHORS = {
    1: "只描述个人努力，没有识别客户的真实需求。",
    3: "能识别部分需求，并用一两个提问加以确认。",
    5: "系统地识别、验证并量化客户需求，据此调整方案。",
}
QUESTIONS = [
    # (code, dimension code, Chinese text, English text)
    (
        "bench-q1",
        "bench-customer-needs",
        "请讲一次你发现客户真正需求的经历：你问了什么，客户怎么回答，你又做了什么？",
        "Tell us about a time you found out what a customer really needed.",
    ),
    (
        "bench-q2",
        "bench-customer-needs",
        "客户说你们的报价比竞争对手高百分之十五，你会怎么回应？",
        "A customer says your quote is 15% above a competitor's. How do you respond?",
    ),
    (
        "bench-q3",
        "bench-communication",
        "请描述一次你向不同意见的同事解释复杂方案的经历。",
        "Describe a time you explained a complex proposal to a colleague who disagreed.",
    ),
]


def seed(*, count: int, tokens_path: str, answer_seconds: int = 900, preparation_seconds: int = 30) -> None:
    """Create a job profile for ``sales-rep``, three questions with rubrics, a template with generous timers and
    ``count`` invitations (no email sent); write one link token per line to ``tokens_path``."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from talentloop.competencies.models import Dimension
    from talentloop.competencies.services import AnchorInput, RequirementInput, dimension_create, job_profile_save
    from talentloop.interviews.services.invitations import invitation_create
    from talentloop.interviews.services.templates import TemplateItemInput, template_generate, template_update
    from talentloop.interviews.tokens import token_for
    from talentloop.org.models import Company, Position
    from talentloop.questionbank.services import KeyPointInput, QuestionInput, RubricInput, question_save

    actor: Any = get_user_model().objects.filter(username="hradmin").first()
    company = Company.objects.get(slug="demo")
    position = Position.objects.get(code=POSITION_CODE)
    tokens: list[str] = []
    with transaction.atomic():
        for code, name, name_en, _weight, _level in DIMENSIONS:
            if not Dimension.objects.filter(code=code).exists():
                dimension_create(
                    code=code,
                    name=name,
                    name_en=name_en,
                    anchors={level: AnchorInput(text) for level, text in ANCHORS.items()},
                )
        profile = job_profile_save(
            actor=actor,
            position=position,
            requirements=[RequirementInput(code, weight, level) for code, _n, _e, weight, level in DIMENSIONS],
        )
        for code, dimension_code, text, text_en in QUESTIONS:
            question_save(
                actor=actor,
                data=QuestionInput(
                    code=code,
                    kind="behavioural",
                    text=text,
                    text_en=text_en,
                    position_codes=[POSITION_CODE],
                    preparation_seconds=preparation_seconds,
                    max_answer_seconds=answer_seconds,
                    rubrics=[
                        RubricInput(
                            dimension_code,
                            [
                                KeyPointInput("先提问，确认客户的真实需求", keywords=["需求", "提问", "确认"]),
                                KeyPointInput("用数据说明价值", keywords=["数据", "价值", "成本"]),
                            ],
                            {"1": "没有提问", "3": "问了一两个问题", "5": "系统提问并量化需求"},
                        )
                    ],
                ),
            )
        template = template_generate(actor=actor, profile=profile, name="压测面试", count=len(QUESTIONS))
        items = [
            TemplateItemInput(item.question_id, preparation_seconds, answer_seconds, 1)
            for item in template.items.order_by("order")
        ]
        template_update(
            actor=actor, template=template, name=template.name, items=items, allow_text=True, allow_voice=False
        )
        for number in range(1, count + 1):
            invitation = invitation_create(
                actor=actor,
                template=template,
                company=company,
                full_name=f"压测候选人{number:03d}",
                email=f"bench.candidate{number:03d}@example.com",
                send=False,
            )
            tokens.append(token_for(invitation_id=invitation.pk, nonce=invitation.token_nonce))
    Path(tokens_path).write_text("\n".join(tokens) + "\n", encoding="utf-8")
    print(f"bench: {len(tokens)} invitations to template {template.pk} ({len(items)} questions)")
