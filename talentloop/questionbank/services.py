"""Writes owned by the question bank: questions, rubric revisions, and whole-bank imports."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from talentloop.competencies.models import Dimension
from talentloop.core.exceptions import ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.org.models import Position
from talentloop.questionbank.models import KeyPoint, Question, Rubric

MAX_SECONDS = 3600
RESERVED_CODES = {"new", "import", "export"}  # path segments of the question bank pages
MAX_RETRIES = 10


@dataclass(frozen=True)
class KeyPointInput:
    text: str
    text_en: str = ""
    weight: Decimal | float | int | str = 1
    keywords: Sequence[str] = ()
    synonyms: Sequence[str] = ()
    example_phrases: Sequence[str] = ()
    improvement_tip: str = ""
    improvement_tip_en: str = ""


@dataclass(frozen=True)
class RubricInput:
    dimension_code: str
    key_points: Sequence[KeyPointInput]
    level_anchors: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class QuestionInput:
    code: str
    kind: str
    rubrics: Sequence[RubricInput]
    text: str = ""
    text_en: str = ""
    reference_answer: str = ""
    position_codes: Sequence[str] = ()
    expected_answer_seconds: int = 120
    preparation_seconds: int = 30
    max_answer_seconds: int = 180
    allowed_retries: int = 1
    is_active: bool = True


def _clean_terms(terms: Sequence[str]) -> list[str]:
    seen: list[str] = []
    for term in terms:
        term = str(term).strip()
        if term and term not in seen:
            seen.append(term)
    return seen


def question_validate(data: QuestionInput) -> dict[str, list[str]]:
    """Every problem with ``data``, by field; empty when it can be saved. Reads the database, writes nothing."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if not data.code.strip():
        add("code", _("A question needs a code."))
    elif data.code.strip() in RESERVED_CODES:
        add("code", _("“%(code)s” is reserved; choose another code.") % {"code": data.code.strip()})
    if data.kind not in Question.Kind.values:
        add("kind", _("Type must be one of: %(kinds)s.") % {"kinds": ", ".join(Question.Kind.values)})
    if not data.text.strip() and not data.text_en.strip():
        add("text", _("Write the question in Chinese, English or both."))
    for name in ("expected_answer_seconds", "preparation_seconds", "max_answer_seconds"):
        value = getattr(data, name)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_SECONDS:
            add(name, _("Use a whole number of seconds from 0 to %(max)s.") % {"max": MAX_SECONDS})
    if isinstance(data.max_answer_seconds, int) and data.max_answer_seconds < 10:
        add("max_answer_seconds", _("Give the candidate at least 10 seconds to answer."))
    if not isinstance(data.allowed_retries, int) or not 0 <= data.allowed_retries <= MAX_RETRIES:
        add("allowed_retries", _("Use a whole number from 0 to %(max)s.") % {"max": MAX_RETRIES})
    if data.position_codes:
        known = set(Position.objects.filter(code__in=data.position_codes).values_list("code", flat=True))
        for code in data.position_codes:
            if code not in known:
                add("positions", _("Unknown position “%(code)s”.") % {"code": code})
    if not data.rubrics:
        add("rubrics", _("A question needs a rubric for at least one dimension."))
    dimensions = set(
        Dimension.objects.filter(code__in=[r.dimension_code for r in data.rubrics]).values_list("code", flat=True)
    )
    seen: set[str] = set()
    for index, rubric in enumerate(data.rubrics):
        prefix = f"rubrics.{rubric.dimension_code or index}"
        if rubric.dimension_code not in dimensions:
            add(prefix, _("Unknown dimension “%(code)s”.") % {"code": rubric.dimension_code})
        if rubric.dimension_code in seen:
            add(prefix, _("Dimension “%(code)s” has two rubrics.") % {"code": rubric.dimension_code})
        seen.add(rubric.dimension_code)
        for level in rubric.level_anchors:
            if str(level) not in {"1", "2", "3", "4", "5"}:
                add(prefix, _("Level anchors go from 1 to 5."))
        if not rubric.key_points:
            add(prefix, _("A rubric needs at least one key point."))
        for number, point in enumerate(rubric.key_points, start=1):
            point_prefix = f"{prefix}.key_points.{number}"
            if not point.text.strip():
                add(point_prefix, _("A key point needs a text."))
            elif len(point.text) > 300:
                add(point_prefix, _("A key point is at most 300 characters."))
            try:
                weight = Decimal(str(point.weight))
            except (InvalidOperation, ValueError):
                add(point_prefix, _("The weight must be a number."))
                continue
            if not weight.is_finite() or weight <= 0 or weight > 100:
                add(point_prefix, _("The weight must be above 0 and at most 100."))
    return errors


def _rubric_signature(level_anchors: Mapping[str, str], key_points: Sequence[KeyPointInput]) -> Any:
    return (
        tuple(sorted((str(k), v.strip()) for k, v in level_anchors.items())),
        tuple(
            (
                p.text.strip(),
                p.text_en.strip(),
                str(Decimal(str(p.weight)).quantize(Decimal("0.01"))),
                tuple(_clean_terms(p.keywords)),
                tuple(_clean_terms(p.synonyms)),
                tuple(_clean_terms(p.example_phrases)),
                p.improvement_tip.strip(),
                p.improvement_tip_en.strip(),
            )
            for p in key_points
        ),
    )


def _stored_signature(rubric: Rubric) -> Any:
    points = [
        KeyPointInput(
            text=p.text,
            text_en=p.text_en,
            weight=p.weight,
            keywords=p.keywords,
            synonyms=p.synonyms,
            example_phrases=p.example_phrases,
            improvement_tip=p.improvement_tip,
            improvement_tip_en=p.improvement_tip_en,
        )
        for p in rubric.key_points.all()
    ]
    return _rubric_signature(rubric.level_anchors, points)


def _rubric_write(*, actor: Any, question: Question, data: RubricInput) -> Rubric | None:
    """Store ``data`` as the new current version, unless it equals the current version (then nothing happens)."""
    dimension = Dimension.objects.get(code=data.dimension_code)
    current = Rubric.objects.filter(question=question, dimension=dimension, is_current=True).first()
    if current is not None and _stored_signature(current) == _rubric_signature(data.level_anchors, data.key_points):
        return None
    latest = Rubric.objects.filter(question=question, dimension=dimension).order_by("-version").first()
    if current is not None:
        Rubric.objects.filter(pk=current.pk).update(is_current=False)
    rubric = Rubric.objects.create(
        question=question,
        dimension=dimension,
        version=(latest.version + 1) if latest else 1,
        is_current=True,
        level_anchors={str(k): v.strip() for k, v in data.level_anchors.items() if v.strip()},
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    KeyPoint.objects.bulk_create(
        KeyPoint(
            rubric=rubric,
            order=number,
            text=p.text.strip(),
            text_en=p.text_en.strip(),
            weight=Decimal(str(p.weight)).quantize(Decimal("0.01")),
            keywords=_clean_terms(p.keywords),
            synonyms=_clean_terms(p.synonyms),
            example_phrases=_clean_terms(p.example_phrases),
            improvement_tip=p.improvement_tip.strip(),
            improvement_tip_en=p.improvement_tip_en.strip(),
        )
        for number, p in enumerate(data.key_points, start=1)
    )
    return rubric


@dataclass
class SaveResult:
    question: Question
    created: bool
    changed: bool
    new_rubric_versions: list[Rubric]


def _question_write(*, actor: Any, data: QuestionInput) -> SaveResult:
    fields = {
        "kind": data.kind,
        "text": data.text.strip(),
        "text_en": data.text_en.strip(),
        "reference_answer": data.reference_answer.strip(),
        "expected_answer_seconds": data.expected_answer_seconds,
        "preparation_seconds": data.preparation_seconds,
        "max_answer_seconds": data.max_answer_seconds,
        "allowed_retries": data.allowed_retries,
        "is_active": data.is_active,
    }
    question = Question.objects.filter(code=data.code.strip()).first()
    created = question is None
    changed = created
    if question is None:
        question = Question.objects.create(code=data.code.strip(), **fields)
    else:
        for name, value in fields.items():
            if getattr(question, name) != value:
                setattr(question, name, value)
                changed = True
        if changed:
            question.save()
    positions = list(Position.objects.filter(code__in=data.position_codes))
    if {p.pk for p in positions} != set(question.positions.values_list("pk", flat=True)):
        question.positions.set(positions)
        changed = True
    versions = [r for r in (_rubric_write(actor=actor, question=question, data=r) for r in data.rubrics) if r]
    kept = {r.dimension_code for r in data.rubrics}
    retired = Rubric.objects.filter(question=question, is_current=True).exclude(dimension__code__in=kept)
    if retired.exists():
        retired.update(is_current=False)
        changed = True
    if versions:
        changed = True
    if changed:
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
            target=question,
            changes={"rubric_versions": {r.dimension.code: r.version for r in versions}},
        )
    return SaveResult(question=question, created=created, changed=changed, new_rubric_versions=versions)


@transaction.atomic
def question_save(*, actor: Any, data: QuestionInput) -> SaveResult:
    """Create the question, or update the one with the same code. A changed rubric becomes a new version; an
    unchanged one is left alone; a dimension no longer listed has its rubric retired (kept for old answers)."""
    errors = question_validate(data)
    if errors:
        raise ValidationFailed(_("The question has invalid fields."), fields=errors)
    return _question_write(actor=actor, data=data)


@transaction.atomic
def question_set_active(*, actor: Any, question: Question, is_active: bool) -> Question:
    """Retire a question from new templates (existing interviews keep it) or bring it back."""
    if question.is_active != is_active:
        question.is_active = is_active
        question.save(update_fields=["is_active", "updated_at"])
        audit_record(actor=actor, action=AuditEvent.Action.UPDATE, target=question, changes={"is_active": is_active})
    return question


@dataclass(frozen=True)
class ImportRow:
    """One question parsed from an import file; ``location`` says where it came from (for the report)."""

    location: str
    data: QuestionInput | None
    errors: Sequence[str] = ()


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rubric_versions: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)

    @property
    def succeeded(self) -> bool:
        return not self.rejected


def question_bank_import(*, actor: Any, rows: Sequence[ImportRow]) -> ImportReport:
    """Import many questions at once: all of them, or — if any row is rejected — none, with every rejection
    listed by its location so HR can fix the file and try again."""
    report = ImportReport()
    codes: dict[str, str] = {}
    for row in rows:
        for message in row.errors:
            report.rejected.append((row.location, message))
        if row.data is None:
            continue
        code = row.data.code.strip()
        if code in codes:
            report.rejected.append(
                (row.location, _("Code “%(code)s” also appears at %(other)s.") % {"code": code, "other": codes[code]})
            )
        codes[code] = row.location
        for name, messages in question_validate(row.data).items():
            for message in messages:
                report.rejected.append((row.location, f"{name}: {message}"))
    if not rows:
        report.rejected.append(("", _("The file contains no questions.")))
    if report.rejected:
        return report
    with transaction.atomic():
        for row in rows:
            assert row.data is not None
            result = _question_write(actor=actor, data=row.data)
            if result.created:
                report.created += 1
            elif result.changed:
                report.updated += 1
            else:
                report.unchanged += 1
            report.rubric_versions += len(result.new_rubric_versions)
    return report
