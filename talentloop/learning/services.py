"""Writing the learning library: courses, practice projects, mentors and the dimensions/levels they develop.

Every write validates first and raises ``ValidationFailed`` naming each bad field, so nothing is half-written.
Items are deactivated, never deleted: growth paths keep pointing at what they recommended.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from talentloop.competencies.models import LEVELS, Dimension
from talentloop.core.exceptions import ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.learning.errors import LearningErrorCode
from talentloop.learning.models import Course, Language, LearningTarget, Mentor, PracticeProject
from talentloop.org.models import Employee

LibraryItem = Course | PracticeProject | Mentor
MAX_HOURS = Decimal("10000")
_TARGET_PATTERN = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*:\s*(\d)\s*-\s*(\d)\s*$")


@dataclass(frozen=True)
class TargetInput:
    """The item develops ``dimension_code`` from ``level_from`` to ``level_to`` (1–5, from below to)."""

    dimension_code: str
    level_from: int
    level_to: int

    def as_text(self) -> str:
        return f"{self.dimension_code}:{self.level_from}-{self.level_to}"


@dataclass
class CourseInput:
    code: str
    title: str
    format: str
    duration_hours: Any
    title_en: str = ""
    provider: str = ""
    url: str = ""
    content: str = ""
    language: str = Language.ZH
    is_active: bool = True
    targets: Sequence[TargetInput] = field(default_factory=list)


@dataclass
class ProjectInput:
    code: str
    title: str
    brief: str
    expected_outcome: str
    effort_hours: Any
    title_en: str = ""
    language: str = Language.ZH
    is_active: bool = True
    targets: Sequence[TargetInput] = field(default_factory=list)


@dataclass
class MentorInput:
    employee_number: str
    capacity: Any = 2
    introduction: str = ""
    is_active: bool = True
    targets: Sequence[TargetInput] = field(default_factory=list)


@dataclass(frozen=True)
class SaveResult:
    item: LibraryItem
    created: bool
    changed: bool


def targets_format(targets: Sequence[TargetInput]) -> str:
    """The one-line notation of targets, ``communication:2-4; problem-solving:1-3`` (forms and XLSX)."""
    return "; ".join(target.as_text() for target in targets)


def targets_parse(text: str) -> tuple[list[TargetInput], list[str]]:
    """Read ``code:from-to`` entries separated by ``;`` or new lines; returns the targets and what was unreadable."""
    targets: list[TargetInput] = []
    errors: list[str] = []
    for part in re.split(r"[;\n]", text or ""):
        if not part.strip():
            continue
        match = _TARGET_PATTERN.match(part)
        if match is None:
            errors.append(
                _("“%(entry)s” is not a target: write dimension-code:from-to, e.g. communication:2-4.")
                % {"entry": part.strip()}
            )
            continue
        targets.append(TargetInput(match.group(1), int(match.group(2)), int(match.group(3))))
    return targets, errors


def _targets_validate(targets: Sequence[TargetInput], add: Any) -> None:
    if not targets:
        add("targets", _("Name at least one dimension this item develops."))
        return
    known = set(Dimension.objects.filter(is_active=True).values_list("code", flat=True))
    seen: set[str] = set()
    for target in targets:
        if target.dimension_code not in known:
            add("targets", _("There is no active dimension with code “%(code)s”.") % {"code": target.dimension_code})
        if target.level_from not in LEVELS or target.level_to not in LEVELS:
            add("targets", _("%(target)s: levels go from 1 to 5.") % {"target": target.as_text()})
        elif target.level_from >= target.level_to:
            add("targets", _("%(target)s: the level it leads to must be above the level it starts from.") % {
                "target": target.as_text()
            })  # fmt: skip
        if target.dimension_code in seen:
            add("targets", _("Dimension “%(code)s” is listed twice.") % {"code": target.dimension_code})
        seen.add(target.dimension_code)


def _hours(value: Any, name: str, add: Any) -> Decimal | None:
    try:
        hours = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        add(name, _("Enter the number of hours, e.g. 3 or 1.5."))
        return None
    if not hours.is_finite() or hours <= 0 or hours > MAX_HOURS:
        add(name, _("Hours must be more than 0 and at most 10000."))
        return None
    return hours.quantize(Decimal("0.1"))


class _Errors:
    def __init__(self) -> None:
        self.fields: dict[str, list[str]] = {}

    def __call__(self, name: str, message: str) -> None:
        self.fields.setdefault(name, []).append(message)


def _common_validate(data: CourseInput | ProjectInput, add: _Errors) -> None:
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,50}", data.code or ""):
        add("code", _("The code is 1–50 letters, digits, hyphens or underscores."))
    if not (data.title or "").strip():
        add("title", _("The title is required."))
    elif len(data.title) > 200 or len(data.title_en or "") > 200:
        add("title", _("Titles are at most 200 characters."))
    if data.language not in Language.values:
        add("language", _("The language is zh or en."))
    _targets_validate(data.targets, add)


def course_validate(data: CourseInput) -> dict[str, list[str]]:
    """Every problem with a course, by field name (empty when it may be saved)."""
    add = _Errors()
    _common_validate(data, add)
    if data.format not in Course.Format.values:
        add("format", _("The format is one of: %(formats)s.") % {"formats": ", ".join(Course.Format.values)})
    _hours(data.duration_hours, "duration_hours", add)
    if data.url:
        try:
            URLValidator(schemes=["http", "https"])(data.url)
        except ValidationError:
            add("url", _("The link must be an http or https address."))
    if not data.url and not (data.content or "").strip():
        add("url", _("Give a link or the internal content of the course."))
    return add.fields


def project_validate(data: ProjectInput) -> dict[str, list[str]]:
    """Every problem with a practice project, by field name."""
    add = _Errors()
    _common_validate(data, add)
    if not (data.brief or "").strip():
        add("brief", _("The brief is required."))
    if not (data.expected_outcome or "").strip():
        add("expected_outcome", _("Say what the project should produce."))
    _hours(data.effort_hours, "effort_hours", add)
    return add.fields


def _capacity(value: Any, add: _Errors) -> int:
    try:
        capacity = int(str(value).strip())
    except (TypeError, ValueError):
        capacity = 0
    if not 1 <= capacity <= 20:
        add("capacity", _("Capacity is a whole number of mentees from 1 to 20."))
    return capacity


def mentor_validate(data: MentorInput) -> dict[str, list[str]]:
    """Every problem with a mentor, by field name."""
    add = _Errors()
    employee = Employee.objects.filter(employee_number=(data.employee_number or "").strip()).first()
    if employee is None:
        add("employee_number", _("There is no employee with number “%(number)s”.") % {"number": data.employee_number})
    elif employee.status != Employee.Status.ACTIVE and data.is_active:
        add("employee_number", _("Only current employees can mentor."))
    _capacity(data.capacity, add)
    _targets_validate(data.targets, add)
    return add.fields


def _raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationFailed(
            _("The item was not saved: %(problems)s")
            % {"problems": " ".join(message for messages in errors.values() for message in messages)},
            code=LearningErrorCode.ITEM_INVALID,
            fields=errors,
        )


def _targets_write(item: LibraryItem, targets: Sequence[TargetInput]) -> bool:
    """Replace the item's targets; True when they changed."""
    wanted = sorted((t.dimension_code, t.level_from, t.level_to) for t in targets)
    stored = sorted(item.targets.values_list("dimension__code", "level_from", "level_to"))
    if wanted == stored:
        return False
    item.targets.all().delete()
    dimensions = {d.code: d for d in Dimension.objects.filter(code__in=[t.dimension_code for t in targets])}
    owner = {Course: "course", PracticeProject: "project", Mentor: "mentor"}[type(item)]
    LearningTarget.objects.bulk_create(
        LearningTarget(
            dimension=dimensions[t.dimension_code], level_from=t.level_from, level_to=t.level_to, **{owner: item}
        )
        for t in targets
    )
    return True


def _apply(item: Any, values: dict[str, Any]) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(item, name) != value:
            setattr(item, name, value)
            changed = True
    return changed


def _save(*, actor: Any, model: Any, lookup: dict[str, Any], values: dict[str, Any], targets: Any) -> SaveResult:
    item = model.objects.filter(**lookup).first()
    created = item is None
    if created:
        item = model(**lookup)
    fields_changed = _apply(item, values)
    if created or fields_changed:
        item.save()
    targets_changed = _targets_write(item, targets)
    changed = created or fields_changed or targets_changed
    if changed:
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
            target=item,
            changes={"targets": targets_format(targets)} if targets_changed else None,
        )
    return SaveResult(item=item, created=created, changed=changed)


def _course_write(*, actor: Any, data: CourseInput) -> SaveResult:
    values = {
        "title": data.title.strip(),
        "title_en": (data.title_en or "").strip(),
        "provider": (data.provider or "").strip(),
        "format": data.format,
        "duration_hours": Decimal(str(data.duration_hours).strip()).quantize(Decimal("0.1")),
        "url": (data.url or "").strip(),
        "content": (data.content or "").strip(),
        "language": data.language,
        "is_active": data.is_active,
    }
    return _save(actor=actor, model=Course, lookup={"code": data.code}, values=values, targets=data.targets)


def _project_write(*, actor: Any, data: ProjectInput) -> SaveResult:
    values = {
        "title": data.title.strip(),
        "title_en": (data.title_en or "").strip(),
        "brief": data.brief.strip(),
        "expected_outcome": data.expected_outcome.strip(),
        "effort_hours": Decimal(str(data.effort_hours).strip()).quantize(Decimal("0.1")),
        "language": data.language,
        "is_active": data.is_active,
    }
    return _save(actor=actor, model=PracticeProject, lookup={"code": data.code}, values=values, targets=data.targets)


def _mentor_write(*, actor: Any, data: MentorInput) -> SaveResult:
    employee = Employee.objects.get(employee_number=data.employee_number.strip())
    values = {
        "capacity": int(str(data.capacity).strip()),
        "introduction": (data.introduction or "").strip(),
        "is_active": data.is_active,
    }
    return _save(actor=actor, model=Mentor, lookup={"employee": employee}, values=values, targets=data.targets)


@transaction.atomic
def course_save(*, actor: Any, data: CourseInput) -> SaveResult:
    """Create the course with this code, or update it (fields and targets) if it exists."""
    _raise_if(course_validate(data))
    return _course_write(actor=actor, data=data)


@transaction.atomic
def project_save(*, actor: Any, data: ProjectInput) -> SaveResult:
    """Create the practice project with this code, or update it."""
    _raise_if(project_validate(data))
    return _project_write(actor=actor, data=data)


@transaction.atomic
def mentor_save(*, actor: Any, data: MentorInput) -> SaveResult:
    """Make an employee a mentor (HR), or update their capacity, introduction and dimensions."""
    _raise_if(mentor_validate(data))
    return _mentor_write(actor=actor, data=data)


def library_item_set_active(*, actor: Any, item: LibraryItem, is_active: bool) -> LibraryItem:
    """Deactivate an item (new growth paths stop offering it; existing ones keep it) or bring it back."""
    if item.is_active != is_active:
        item.is_active = is_active
        item.save(update_fields=["is_active", "updated_at"])
        audit_record(actor=actor, action=AuditEvent.Action.UPDATE, target=item, changes={"is_active": is_active})
    return item


@transaction.atomic
def mentor_opt_in(
    *, actor: Any, employee: Employee | None, dimension_codes: Sequence[str], capacity: Any, introduction: str = ""
) -> Mentor:
    """An employee offers to coach others on ``dimension_codes`` (any level, 1 → 5) for up to ``capacity``
    mentees at a time. Opting in again updates the offer."""
    if employee is None or employee.status != Employee.Status.ACTIVE:
        raise ValidationFailed(_("Only current employees can become mentors."), code=LearningErrorCode.NOT_AN_EMPLOYEE)
    targets = [TargetInput(code, min(LEVELS), max(LEVELS)) for code in dict.fromkeys(dimension_codes)]
    result = mentor_save(
        actor=actor,
        data=MentorInput(
            employee_number=employee.employee_number,
            capacity=capacity,
            introduction=introduction,
            is_active=True,
            targets=targets,
        ),
    )
    assert isinstance(result.item, Mentor)
    return result.item


def mentor_opt_out(*, actor: Any, employee: Employee | None) -> Mentor | None:
    """An employee stops mentoring; their mentor record stays (deactivated) for the paths that name them."""
    mentor = Mentor.objects.filter(employee=employee).first() if employee is not None else None
    if mentor is not None:
        library_item_set_active(actor=actor, item=mentor, is_active=False)
    return mentor


@transaction.atomic
def mentor_erase(*, person_id: int) -> dict[str, int]:
    """Erase a former employee's mentor profile at their request: take it off the library (unpublished) and clear
    the introduction they wrote. The row, its capacity and its dimensions stay, so the growth paths that named the
    mentor still count the action; their name goes when ``org`` anonymises the person. Safe to run twice."""
    mentor = Mentor.objects.select_for_update().filter(employee__person_id=person_id).first()
    if mentor is None or (not mentor.is_active and not mentor.introduction):
        return {}
    changes = {"is_active": [mentor.is_active, False], "introduction_cleared": bool(mentor.introduction)}
    mentor.is_active = False
    mentor.introduction = ""
    mentor.save(update_fields=["is_active", "introduction", "updated_at"])
    audit_record(
        actor=None,
        action=AuditEvent.Action.UPDATE,
        target=mentor,
        object_label=f"#{mentor.pk}",  # never the name: it is being erased
        changes={"reason": "erasure_request", **changes},
    )
    return {"mentor_profiles_erased": 1}


# --- import ------------------------------------------------------------------------------------------------------


@dataclass
class LibraryImportRow:
    """One library item parsed from an import file; ``location`` names its sheet and row (or JSON path)."""

    location: str
    data: CourseInput | ProjectInput | MentorInput | None
    errors: Sequence[str] = ()


@dataclass
class LibraryImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)

    @property
    def succeeded(self) -> bool:
        return not self.rejected


def _row_key(data: CourseInput | ProjectInput | MentorInput) -> tuple[str, str]:
    if isinstance(data, MentorInput):
        return ("mentor", data.employee_number.strip())
    return ("course" if isinstance(data, CourseInput) else "project", data.code.strip())


def learning_library_import(*, actor: Any, rows: Sequence[LibraryImportRow]) -> LibraryImportReport:
    """Import many items at once: all of them or, if any row is rejected, none; every rejection is listed with
    its location (sheet, row, field) so HR can fix the file and upload it again."""
    report = LibraryImportReport()
    seen: dict[tuple[str, str], str] = {}
    for row in rows:
        for message in row.errors:
            report.rejected.append((row.location, message))
        if row.data is None:
            continue
        key = _row_key(row.data)
        if key in seen:
            report.rejected.append(
                (row.location, _("“%(code)s” also appears at %(other)s.") % {"code": key[1], "other": seen[key]})
            )
        seen[key] = row.location
        if isinstance(row.data, CourseInput):
            problems = course_validate(row.data)
        elif isinstance(row.data, ProjectInput):
            problems = project_validate(row.data)
        else:
            problems = mentor_validate(row.data)
        for name, messages in problems.items():
            for message in messages:
                report.rejected.append((row.location, f"{name}: {message}"))
    if not rows:
        report.rejected.append(("", _("The file contains no courses, projects or mentors.")))
    if report.rejected:
        return report
    with transaction.atomic():
        for row in rows:
            if isinstance(row.data, CourseInput):
                result = _course_write(actor=actor, data=row.data)
            elif isinstance(row.data, ProjectInput):
                result = _project_write(actor=actor, data=row.data)
            else:
                assert isinstance(row.data, MentorInput)
                result = _mentor_write(actor=actor, data=row.data)
            if result.created:
                report.created += 1
            elif result.changed:
                report.updated += 1
            else:
                report.unchanged += 1
    return report
