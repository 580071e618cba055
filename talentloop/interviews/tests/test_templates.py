"""Choosing a template's questions: the dimensions' shares, emphasis on some dimensions, avoiding questions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from talentloop.core.models import AuditEvent
from talentloop.interviews.models import InterviewTemplate
from talentloop.interviews.services.templates import template_archive, template_generate, template_questions_choose
from talentloop.questionbank.models import Question
from talentloop.questionbank.services import KeyPointInput, QuestionInput, RubricInput, question_save


def _bank(world: dict[str, Any], extra: list[tuple[str, str]]) -> None:
    for code, dimension in extra:
        question_save(
            actor=world["hr"],
            data=QuestionInput(
                code=code,
                kind="behavioural",
                text=code,
                position_codes=["sales-rep"],
                rubrics=[RubricInput(dimension, [KeyPointInput("要点", keywords=["要点"])], {"1": "差"})],
            ),
        )


def _codes(questions: list[Question]) -> list[str]:
    return [question.code for question in questions]


def _equal_weights(world: dict[str, Any]) -> None:
    # given both dimensions weighted 1 and four questions for each
    requirement = world["profile"].requirements.get(dimension__code="customer-needs")
    requirement.weight = Decimal(1)
    requirement.save()
    _bank(world, [("q4", "customer-needs"), ("q5", "customer-needs"), ("q6", "communication"), ("q7", "communication"),
                  ("q8", "communication")])  # fmt: skip


def test_without_emphasis_the_questions_follow_the_weights(interview_world: dict[str, Any]) -> None:
    _equal_weights(interview_world)
    # when
    chosen = template_questions_choose(profile=interview_world["profile"], count=6)
    # then three each; communication first on the tie by code
    assert _codes(chosen) == ["q3", "q6", "q7", "q1", "q2", "q4"]


def test_emphasis_gives_a_dimension_more_questions(interview_world: dict[str, Any]) -> None:
    _equal_weights(interview_world)
    # when customer needs weighs twice as much
    chosen = template_questions_choose(
        profile=interview_world["profile"], count=6, emphasis={"customer-needs": Decimal(2)}
    )
    # then it gets four of the six questions (1 each, then 4 shared 2:1 with the largest remainder to it)
    assert _codes(chosen) == ["q1", "q2", "q4", "q5", "q3", "q6"]


def test_emphasis_on_an_unknown_dimension_changes_nothing(interview_world: dict[str, Any]) -> None:
    _equal_weights(interview_world)
    chosen = template_questions_choose(profile=interview_world["profile"], count=6, emphasis={"unknown": Decimal(5)})
    assert _codes(chosen) == ["q3", "q6", "q7", "q1", "q2", "q4"]


def test_questions_asked_before_come_last(interview_world: dict[str, Any]) -> None:
    # given q1 and q2 were asked before and q4 is new
    _bank(interview_world, [("q4", "customer-needs")])
    avoided = set(Question.objects.filter(code__in=["q1", "q2"]).values_list("pk", flat=True))
    # when three questions are chosen (customer needs gets two)
    chosen = template_questions_choose(profile=interview_world["profile"], count=3, avoid_question_ids=avoided)
    # then the new question first, and an old one only because the bank has no other
    assert _codes(chosen) == ["q4", "q1", "q3"]


def test_generate_passes_emphasis_and_avoidance(interview_world: dict[str, Any]) -> None:
    _bank(interview_world, [("q4", "customer-needs")])
    avoided = set(Question.objects.filter(code="q1").values_list("pk", flat=True))
    template = template_generate(
        actor=interview_world["hr"],
        profile=interview_world["profile"],
        count=2,
        emphasis={"customer-needs": Decimal(3)},
        avoid_question_ids=avoided,
    )
    assert [item.question.code for item in template.items.order_by("order")] == ["q2", "q3"]


def test_archive_is_audited_once(interview_world: dict[str, Any]) -> None:
    template: InterviewTemplate = interview_world["template"]
    before = AuditEvent.objects.count()
    template_archive(actor=interview_world["hr"], template=template)
    template_archive(actor=interview_world["hr"], template=template)
    template.refresh_from_db()
    assert template.is_active is False
    assert AuditEvent.objects.count() == before + 1


def test_dimensions_restrict_the_questions_to_those_competencies(interview_world: dict[str, Any]) -> None:
    _equal_weights(interview_world)
    # when only communication is asked about (a supplementary interview), unknown codes ignored
    chosen = template_questions_choose(
        profile=interview_world["profile"], count=3, dimensions=["communication", "unknown"], avoid_question_ids=()
    )
    # then every question is a communication one
    assert _codes(chosen) == ["q3", "q6", "q7"]
    assert template_questions_choose(profile=interview_world["profile"], count=3, dimensions=[]) == []
