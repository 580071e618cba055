"""A hand-made scored interview: candidate_a's Sales Representative interview with score rows written by hand, so
the report's expected facts are exact and do not move when the scoring engine changes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from talentloop.accounts.models import User
from talentloop.assessments.models import AnswerScore, SessionScore
from talentloop.competencies.services import AnchorInput, RequirementInput, dimension_create, job_profile_save
from talentloop.conftest import Organisation
from talentloop.interviews.models import InterviewSession
from talentloop.interviews.services import sessions as s
from talentloop.interviews.services.invitations import invitation_create
from talentloop.interviews.services.templates import template_generate
from talentloop.interviews.tests.conftest import T0, set_timers
from talentloop.questionbank.services import KeyPointInput, QuestionInput, RubricInput, question_save

EVIDENCE_QUOTE = "我先把客户的问题拆成三部分"
PARTIAL_QUOTE = "我会及时同步进展"


def _anchors(level_four: str = "") -> dict[int, AnchorInput]:
    anchors = {
        1: AnchorInput("只描述现象", "Only describes the symptom"),
        3: AnchorInput("能拆解问题", "Breaks the problem down"),
        5: AnchorInput("系统解决并验证", "Solves and verifies systematically"),
    }
    if level_four:
        anchors[4] = AnchorInput(level_four, "Finds the root cause and proposes a measurable solution")
    return anchors


def _result(key_points: list[dict[str, Any]], *, features: dict[str, Any], reasons: list[str] | None = None) -> Any:
    return {
        "scorer": "rubric_scorer.v1",
        "dimension": {"key_points": key_points},
        "reasons": reasons or [],
        "features": features,
        "delivery_score": None,
    }


def _key_point(order: int, status: str, points_lost: float, quotes: list[str]) -> dict[str, Any]:
    return {
        "identifier": f"kp{order}",
        "text": f"kp{order}",
        "status": status,
        "points_lost": points_lost,
        "evidence": [{"start": 0, "end": len(quote), "quote": quote, "rule": "keyword"} for quote in quotes],
    }


def _delivery(**values: Any) -> dict[str, Any]:
    delivery: dict[str, Any] = {
        "duration_seconds": 40.0,
        "duration_to_expected": 1.0,
        "percent_versus_cohort": None,
        "characters": 80,
        "units_per_minute": 120.0,
        "long_pauses": [],
        "filler_count": 0,
        "filler_rate": 0.0,
        "retries": 0,
        "skipped": False,
    }
    delivery.update(values)
    return delivery


@pytest.fixture
def report_world(org: Organisation, hr: User, candidate_a: User) -> dict[str, Any]:
    dimension_create(
        code="problem-solving", name="问题解决", name_en="Problem solving", anchors=_anchors("找到根因并给出量化方案")
    )
    dimension_create(code="communication", name="沟通能力", name_en="Communication", anchors=_anchors())
    profile = job_profile_save(
        actor=hr,
        position=org.sales_representative,
        requirements=[RequirementInput("problem-solving", 2, 4), RequirementInput("communication", 1, 3)],
        pass_threshold=60,
        summary="能独立分析客户问题并给出量化方案",
        summary_en="Analyses customer problems alone and proposes measurable solutions",
    )
    question_save(
        actor=hr,
        data=QuestionInput(
            code="q-solve",
            kind="behavioural",
            text="讲一次你解决客户难题的经历",
            text_en="Tell us about a hard customer problem you solved",
            position_codes=["sales-rep"],
            rubrics=[
                RubricInput(
                    "problem-solving",
                    [
                        KeyPointInput("拆解问题", "Break the problem down", keywords=["拆"]),
                        KeyPointInput(
                            "用数据说明结果",
                            "Show the result in numbers",
                            keywords=["提升"],
                            improvement_tip="用一个数字说明结果，例如“投诉减少了30%”",
                            improvement_tip_en="Give the result as a number, e.g. 'complaints fell by 30%'",
                        ),
                    ],
                )
            ],
        ),
    )
    question_save(
        actor=hr,
        data=QuestionInput(
            code="q-talk",
            kind="technical",
            text="你如何向客户同步项目进展",
            text_en="How do you keep a customer informed",
            position_codes=["sales-rep"],
            rubrics=[
                RubricInput(
                    "communication",
                    [
                        KeyPointInput(
                            "定期主动同步进展",
                            "Report progress regularly and proactively",
                            keywords=["同步"],
                            improvement_tip="说明同步的频率和渠道",
                            improvement_tip_en="Say how often and through which channel",
                        )
                    ],
                )
            ],
        ),
    )
    template = template_generate(actor=hr, profile=profile, count=2)
    set_timers(template)
    candidate = candidate_a.person.candidate
    invitation = invitation_create(actor=hr, template=template, company=org.company, candidate=candidate, send=False)
    return {"profile": profile, "template": template, "invitation": invitation, "candidate": candidate}


def submit(invitation: Any) -> InterviewSession:
    def at(seconds: float) -> Any:
        return T0 + timedelta(seconds=seconds)

    session = s.session_open(invitation=invitation, now=T0)
    session = s.session_consent(session=session, consent=True, voice_consent=False, now=T0)
    for order in (1, 2):
        start = order * 100
        s.session_state(session=session, now=at(start))
        s.answer_submit_text(session=session, order=order, text=f"回答{order}", revision=0, now=at(start + 30))
        s.session_next(session=session, order=order, now=at(start + 31))
    return s.session_submit(session=session, now=at(300))


def score_by_hand(session: InterviewSession) -> SessionScore:
    """Problem solving 45 (key point 1 hit, 2 missed), communication 80 (partly): overall 56.67, below 60."""
    for answer in session.answers.order_by("order"):
        rubric = answer.rubrics.get()
        if rubric.dimension.code == "problem-solving":
            result = _result(
                [_key_point(1, "hit", 0.0, [EVIDENCE_QUOTE]), _key_point(2, "miss", 55.0, [])],
                features={
                    "star_elements": ["situation", "action"],
                    "connectors": 2,
                    "quantities": 0,
                    "speaks_about_others": True,
                    "delivery": _delivery(percent_versus_cohort=-30.0),
                },
            )
            score = 45.0
        else:
            result = _result(
                [_key_point(1, "partial", 20.0, [PARTIAL_QUOTE])],
                features={
                    "star_elements": [],
                    "connectors": 0,
                    "quantities": 1,
                    "speaks_about_others": True,
                    "delivery": _delivery(filler_rate=6.25, long_pauses=[{"seconds": 4.0}]),
                },
            )
            score = 80.0
        AnswerScore.objects.create(
            answer=answer,
            dimension=rubric.dimension,
            rubric=rubric,
            scorer_name="rubric_scorer",
            scorer_version="v1",
            score=score,
            result=result,
            inputs_digest="0" * 64,
        )
    return SessionScore.objects.create(
        session=session,
        scorer_name="rubric_scorer",
        scorer_version="v1",
        overall=56.67,
        passed=False,
        threshold=60.0,
        dimensions={
            "communication": {"name": "沟通能力", "score": 80.0, "weight": 1.0, "required_level": 3, "answers": 1},
            "problem-solving": {"name": "问题解决", "score": 45.0, "weight": 2.0, "required_level": 4, "answers": 1},
        },
    )


@pytest.fixture
def scored(report_world: dict[str, Any]) -> InterviewSession:
    session = submit(report_world["invitation"])
    score_by_hand(session)
    return session


# The growth-path fixtures live in their own module; importing them here makes them available to every test.
from talentloop.feedback.tests.growth_fixtures import (  # noqa: E402, F401
    in_english,
    interview_of_a,
    library,
    scored_interview_of_a,
)
