"""Reads owned by the question bank."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from talentloop.core.exceptions import NotFound
from talentloop.questionbank.models import KeyPoint, Question, Rubric


def _with_current_rubrics(questions: QuerySet[Question]) -> QuerySet[Question]:
    return questions.prefetch_related(
        "positions",
        Prefetch(
            "rubrics",
            queryset=Rubric.objects.filter(is_current=True)
            .select_related("dimension")
            .prefetch_related(Prefetch("key_points", queryset=KeyPoint.objects.order_by("order"))),
        ),
    )


def question_list(
    *, query: str = "", kind: str = "", dimension_code: str = "", position_code: str = "", active_only: bool = False
) -> QuerySet[Question]:
    """Questions with their current rubrics and key points prefetched."""
    questions = Question.objects.all()
    if query:
        questions = questions.filter(Q(code__icontains=query) | Q(text__icontains=query) | Q(text_en__icontains=query))
    if kind:
        questions = questions.filter(kind=kind)
    if dimension_code:
        questions = questions.filter(rubrics__is_current=True, rubrics__dimension__code=dimension_code)
    if position_code:
        questions = questions.filter(positions__code=position_code)
    if active_only:
        questions = questions.filter(is_active=True)
    return _with_current_rubrics(questions.distinct().order_by("code"))


def question_get(*, question_id: int) -> Question | None:
    return _with_current_rubrics(Question.objects.filter(pk=question_id)).first()


def rubric_history(*, question: Question) -> QuerySet[Rubric]:
    """Every version of every rubric of the question, newest first per dimension."""
    return (
        Rubric.objects.filter(question=question)
        .select_related("dimension", "created_by")
        .prefetch_related(Prefetch("key_points", queryset=KeyPoint.objects.order_by("order")))
        .order_by("dimension__code", "-version")
    )


def question_get_by_code(*, code: str) -> Question:
    """The question with this code (with its current rubrics), or not found."""
    question = question_list().filter(code=code).first()
    if question is None:
        raise NotFound(_("Question not found."))
    return question
