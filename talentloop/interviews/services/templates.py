"""Interview templates: generated from a job profile, then edited by HR."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from talentloop.competencies.models import Dimension, JobProfile
from talentloop.core.exceptions import ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.interviews.errors import InterviewErrorCode
from talentloop.interviews.models import InterviewTemplate, TemplateQuestion
from talentloop.questionbank.models import Question, Rubric

DEFAULT_QUESTION_COUNT = 6


def _slot_allocation(weights: dict[str, Decimal], count: int) -> dict[str, int]:
    """Share ``count`` questions among dimensions in proportion to their weights (largest remainder method),
    giving every weighted dimension at least one question when there are enough questions for all."""
    total = sum(weights.values())
    if total <= 0 or count <= 0:
        return {}
    ordered = sorted(weights, key=lambda code: (-weights[code], code))
    slots = {code: 0 for code in ordered}
    remaining = count
    if count >= len(ordered):
        for code in ordered:
            slots[code] = 1
        remaining -= len(ordered)
    exact = {code: weights[code] / total * remaining for code in ordered}
    for code in ordered:
        slots[code] += int(exact[code])
    left = count - sum(slots.values())
    by_remainder = sorted(ordered, key=lambda code: (-(exact[code] - int(exact[code])), -weights[code], code))
    for code in by_remainder[:left]:
        slots[code] += 1
    return slots


@dataclass(frozen=True)
class _Candidate:
    question: Question
    dimensions: frozenset[str]
    specificity: int  # 0 written for this position, 1 generic, 2 written for another position


def _question_pool(profile: JobProfile) -> list[_Candidate]:
    position_id = profile.position_id
    rubric_dimensions: dict[int, set[str]] = {}
    for question_id, code in Rubric.objects.filter(is_current=True, question__is_active=True).values_list(
        "question_id", "dimension__code"
    ):
        rubric_dimensions.setdefault(question_id, set()).add(code)
    pool = []
    for question in Question.objects.filter(pk__in=rubric_dimensions).prefetch_related("positions"):
        positions = {p.pk for p in question.positions.all()}
        specificity = 0 if position_id in positions else (1 if not positions else 2)
        pool.append(_Candidate(question, frozenset(rubric_dimensions[question.pk]), specificity))
    return pool


def template_questions_choose(
    *,
    profile: JobProfile,
    count: int = DEFAULT_QUESTION_COUNT,
    emphasis: Mapping[str, Decimal] | None = None,
    avoid_question_ids: Collection[int] = (),
    dimensions: Collection[str] | None = None,
) -> list[Question]:
    """Pick questions covering the profile's dimensions in proportion to their weights.

    For each dimension, questions written for this position come first, then generic ones; questions written
    for a different position are used only when nothing else covers the dimension. Among equals, a question
    that also covers more of the profile's other dimensions wins, then the code (so the choice is stable).

    ``emphasis`` multiplies the weights of some dimensions before the questions are shared out (a re-interview
    gives the dimensions a candidate was weak in more questions); a dimension it does not name keeps its weight.
    Questions in ``avoid_question_ids`` (asked before) come after every other question that covers the dimension,
    so they are used again only when the bank has nothing else.

    ``dimensions`` restricts the questions to those competencies (a supplementary interview on what a hiring
    manager asked about); one the profile does not weight counts as weight 1."""
    weights = {
        r.dimension.code: r.weight
        for r in profile.requirements.select_related("dimension")
        if r.weight > 0 and r.dimension.kind == Dimension.Kind.COMPETENCY
    }
    if dimensions is not None:
        known = set(
            Dimension.objects.filter(code__in=set(dimensions), kind=Dimension.Kind.COMPETENCY).values_list(
                "code", flat=True
            )
        )
        weights = {code: weights.get(code, Decimal(1)) for code in sorted(known)}
    for code, factor in (emphasis or {}).items():
        if code in weights and factor > 0:
            weights[code] = weights[code] * Decimal(factor)
    avoided = set(avoid_question_ids)
    slots = _slot_allocation(weights, count)
    pool = _question_pool(profile)
    chosen: list[Question] = []
    taken: set[int] = set()
    for code in sorted(slots, key=lambda c: (-weights[c], c)):
        candidates = sorted(
            (c for c in pool if code in c.dimensions and c.question.pk not in taken),
            key=lambda c: (
                c.question.pk in avoided,
                c.specificity,
                -len(c.dimensions & set(weights)),
                c.question.code,
            ),
        )
        for candidate in candidates[: slots[code]]:
            chosen.append(candidate.question)
            taken.add(candidate.question.pk)
    return chosen


@transaction.atomic
def template_generate(
    *,
    actor: Any,
    profile: JobProfile,
    name: str = "",
    count: int = DEFAULT_QUESTION_COUNT,
    language: str = "zh-hans",
    allow_text: bool = True,
    allow_voice: bool = True,
    emphasis: Mapping[str, Decimal] | None = None,
    avoid_question_ids: Collection[int] = (),
    dimensions: Collection[str] | None = None,
) -> InterviewTemplate:
    """Create a template from a job profile; HR edits it afterwards (order, timers, retries, modes).
    ``emphasis``, ``avoid_question_ids`` and ``dimensions`` are passed to ``template_questions_choose``."""
    if not 1 <= count <= 30:
        raise ValidationFailed(_("Choose between 1 and 30 questions."), fields={"count": [_("Use 1 to 30.")]})
    questions = template_questions_choose(
        profile=profile, count=count, emphasis=emphasis, avoid_question_ids=avoid_question_ids, dimensions=dimensions
    )
    if not questions:
        raise ValidationFailed(
            _("The question bank has no active question with a rubric for this profile's dimensions."),
            code=InterviewErrorCode.NO_QUESTIONS,
        )
    template = InterviewTemplate.objects.create(
        name=name.strip() or _("%(position)s interview") % {"position": profile.position.title},
        job_profile=profile,
        language=language,
        allow_text=allow_text,
        allow_voice=allow_voice,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    TemplateQuestion.objects.bulk_create(
        TemplateQuestion(
            template=template,
            question=question,
            order=order,
            preparation_seconds=question.preparation_seconds,
            max_answer_seconds=question.max_answer_seconds,
            allowed_retries=question.allowed_retries,
        )
        for order, question in enumerate(questions, start=1)
    )
    audit_record(actor=actor, action=AuditEvent.Action.CREATE, target=template)
    return template


def template_archive(*, actor: Any, template: InterviewTemplate) -> InterviewTemplate:
    """Archive a template: HR can no longer invite anyone to it; invitations already made keep working."""
    if template.is_active:
        template.is_active = False
        template.save(update_fields=["is_active", "updated_at"])
        audit_record(
            actor=actor, action=AuditEvent.Action.UPDATE, target=template, changes={"is_active": [True, False]}
        )
    return template


@dataclass(frozen=True)
class TemplateItemInput:
    question_id: int
    preparation_seconds: int
    max_answer_seconds: int
    allowed_retries: int


@transaction.atomic
def template_update(
    *,
    actor: Any,
    template: InterviewTemplate,
    name: str,
    items: Sequence[TemplateItemInput],
    allow_text: bool,
    allow_voice: bool,
    is_active: bool = True,
) -> InterviewTemplate:
    """Replace the template's questions (in the given order) and settings. Sessions already started keep the
    questions and timers they were given."""
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [_("This field is required.")]
    if not allow_text and not allow_voice:
        errors["allow_text"] = [_("Allow text, voice or both.")]
    if not items:
        errors["items"] = [_("A template needs at least one question.")]
    known = {q.pk: q for q in Question.objects.filter(pk__in=[i.question_id for i in items])}
    seen: set[int] = set()
    for number, item in enumerate(items, start=1):
        key = f"items.{number}"
        if item.question_id not in known:
            errors[key] = [_("Unknown question.")]
        elif item.question_id in seen:
            errors[key] = [_("This question is listed twice.")]
        elif not 0 <= item.preparation_seconds <= 3600:
            errors[key] = [_("Preparation time goes from 0 to 3600 seconds.")]
        elif not 10 <= item.max_answer_seconds <= 3600:
            errors[key] = [_("Answer time goes from 10 to 3600 seconds.")]
        elif not 0 <= item.allowed_retries <= 10:
            errors[key] = [_("Retries go from 0 to 10.")]
        seen.add(item.question_id)
    if errors:
        raise ValidationFailed(_("The template has invalid fields."), fields=errors)
    template.name = name.strip()
    template.allow_text = allow_text
    template.allow_voice = allow_voice
    template.is_active = is_active
    template.save()
    template.items.all().delete()
    TemplateQuestion.objects.bulk_create(
        TemplateQuestion(
            template=template,
            question=known[item.question_id],
            order=order,
            preparation_seconds=item.preparation_seconds,
            max_answer_seconds=item.max_answer_seconds,
            allowed_retries=item.allowed_retries,
        )
        for order, item in enumerate(items, start=1)
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        target=template,
        changes={"questions": [known[i.question_id].code for i in items]},
    )
    return template
