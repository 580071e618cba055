"""Reading and writing the learning library as JSON and XLSX (the question bank's format conventions).

Parsing never writes: it turns a file into ``LibraryImportRow`` objects, each with its location (JSON path, or
sheet and row) and its problems, that ``learning_library_import`` validates and stores all-or-nothing.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from talentloop.learning.models import Course, Mentor, PracticeProject
from talentloop.learning.services import (
    CourseInput,
    LibraryImportRow,
    MentorInput,
    ProjectInput,
    TargetInput,
    targets_format,
    targets_parse,
)
from talentloop.questionbank.io import (
    EXPORT_CONTENT_TYPES,
    MAX_IMPORT_BYTES,
    ExportFile,
    ImportFileError,
    _as_bool,
    _as_int,
    _as_text,
    _sheet_rows,
)

FORMAT_NAME = "talentloop.learning_library"
FORMAT_VERSION = 1
COURSE_COLUMNS = [
    "code", "title", "title_en", "provider", "format", "duration_hours", "url", "content", "language", "is_active",
    "targets",
]  # fmt: skip
PROJECT_COLUMNS = [
    "code", "title", "title_en", "brief", "expected_outcome", "effort_hours", "language", "is_active", "targets",
]  # fmt: skip
MENTOR_COLUMNS = ["employee_number", "name", "capacity", "introduction", "is_active", "targets"]
SHEETS = {"courses": COURSE_COLUMNS, "projects": PROJECT_COLUMNS, "mentors": MENTOR_COLUMNS}

__all__ = [
    "EXPORT_CONTENT_TYPES",
    "ImportFileError",
    "learning_library_export_file",
    "learning_library_rows_from_upload",
]


# --- export ----------------------------------------------------------------------------------------------------


def _targets(item: Course | PracticeProject | Mentor) -> list[dict[str, Any]]:
    return [
        {"dimension": t.dimension.code, "level_from": t.level_from, "level_to": t.level_to} for t in item.targets.all()
    ]


def _hours(value: Any) -> float:
    return float(value)


def learning_library_as_dict(
    *, courses: Iterable[Course], projects: Iterable[PracticeProject], mentors: Iterable[Mentor]
) -> dict[str, Any]:
    """The whole library as plain data (the JSON export format)."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "courses": [
            {
                "code": c.code, "title": c.title, "title_en": c.title_en, "provider": c.provider, "format": c.format,
                "duration_hours": _hours(c.duration_hours), "url": c.url, "content": c.content,
                "language": c.language, "is_active": c.is_active, "targets": _targets(c),
            }
            for c in courses
        ],
        "projects": [
            {
                "code": p.code, "title": p.title, "title_en": p.title_en, "brief": p.brief,
                "expected_outcome": p.expected_outcome, "effort_hours": _hours(p.effort_hours),
                "language": p.language, "is_active": p.is_active, "targets": _targets(p),
            }
            for p in projects
        ],
        "mentors": [
            {
                "employee_number": m.employee.employee_number, "name": m.employee.person.full_name,
                "capacity": m.capacity, "introduction": m.introduction, "is_active": m.is_active,
                "targets": _targets(m),
            }
            for m in mentors
        ],
    }  # fmt: skip


def _targets_cell(targets: list[dict[str, Any]]) -> str:
    return targets_format([TargetInput(t["dimension"], t["level_from"], t["level_to"]) for t in targets])


def learning_library_to_xlsx(document: dict[str, Any]) -> bytes:
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for sheet_name, columns in SHEETS.items():
        sheet = workbook.create_sheet(sheet_name)
        sheet.append(columns)
        for item in document[sheet_name]:
            row = []
            for column in columns:
                value = item.get(column)
                if column == "targets":
                    value = _targets_cell(value)
                elif column == "is_active":
                    value = "yes" if value else "no"
                row.append(value)
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def learning_library_export_file(
    *,
    courses: Iterable[Course],
    projects: Iterable[PracticeProject],
    mentors: Iterable[Mentor],
    file_format: str,
    on: date,
) -> ExportFile:
    """The library as a download named after the day (``learning-library-2026-11-28.xlsx``)."""
    document = learning_library_as_dict(courses=courses, projects=projects, mentors=mentors)
    if file_format == "xlsx":
        content = learning_library_to_xlsx(document)
    else:
        content = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    return ExportFile(
        content=content,
        content_type=EXPORT_CONTENT_TYPES[file_format],
        filename=f"learning-library-{on.isoformat()}.{file_format}",
    )


# --- import ------------------------------------------------------------------------------------------------------


def _targets_from(value: Any, errors: list[str]) -> list[TargetInput]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        targets, problems = targets_parse(value)
        errors.extend(f"targets: {problem}" for problem in problems)
        return targets
    if not isinstance(value, list):
        errors.append(_("targets must be a list or text like communication:2-4."))
        return []
    targets = []
    for number, raw in enumerate(value, start=1):
        where = f"targets[{number}]"
        if not isinstance(raw, dict):
            errors.append(_("%(where)s must be an object.") % {"where": where})
            continue
        targets.append(
            TargetInput(
                dimension_code=_as_text(raw.get("dimension"), f"{where}.dimension", errors),
                level_from=_as_int(raw.get("level_from"), f"{where}.level_from", 0, errors),
                level_to=_as_int(raw.get("level_to"), f"{where}.level_to", 0, errors),
            )
        )
    return targets


def _course_from(item: dict[str, Any], errors: list[str]) -> CourseInput:
    return CourseInput(
        code=_as_text(item.get("code"), "code", errors),
        title=_as_text(item.get("title"), "title", errors),
        title_en=_as_text(item.get("title_en"), "title_en", errors),
        provider=_as_text(item.get("provider"), "provider", errors),
        format=_as_text(item.get("format"), "format", errors),
        duration_hours=_as_text(item.get("duration_hours"), "duration_hours", errors),
        url=_as_text(item.get("url"), "url", errors),
        content=_as_text(item.get("content"), "content", errors),
        language=_as_text(item.get("language"), "language", errors) or "zh",
        is_active=_as_bool(item.get("is_active"), "is_active", errors),
        targets=_targets_from(item.get("targets"), errors),
    )


def _project_from(item: dict[str, Any], errors: list[str]) -> ProjectInput:
    return ProjectInput(
        code=_as_text(item.get("code"), "code", errors),
        title=_as_text(item.get("title"), "title", errors),
        title_en=_as_text(item.get("title_en"), "title_en", errors),
        brief=_as_text(item.get("brief"), "brief", errors),
        expected_outcome=_as_text(item.get("expected_outcome"), "expected_outcome", errors),
        effort_hours=_as_text(item.get("effort_hours"), "effort_hours", errors),
        language=_as_text(item.get("language"), "language", errors) or "zh",
        is_active=_as_bool(item.get("is_active"), "is_active", errors),
        targets=_targets_from(item.get("targets"), errors),
    )


def _mentor_from(item: dict[str, Any], errors: list[str]) -> MentorInput:
    return MentorInput(
        employee_number=_as_text(item.get("employee_number"), "employee_number", errors),
        capacity=_as_text(item.get("capacity"), "capacity", errors) or 2,
        introduction=_as_text(item.get("introduction"), "introduction", errors),
        is_active=_as_bool(item.get("is_active"), "is_active", errors),
        targets=_targets_from(item.get("targets"), errors),
    )


_READERS: dict[str, Callable[[dict[str, Any], list[str]], Any]] = {
    "courses": _course_from,
    "projects": _project_from,
    "mentors": _mentor_from,
}


def _row(kind: str, item: Any, location: str) -> LibraryImportRow:
    if not isinstance(item, dict):
        return LibraryImportRow(location=location, data=None, errors=[_("Each item must be an object.")])
    errors: list[str] = []
    data = _READERS[kind](item, errors)
    name = item.get("employee_number") if kind == "mentors" else item.get("code")
    if name:
        location = f"{location} ({name})"
    return LibraryImportRow(location=location, data=data, errors=errors)


def learning_library_rows_from_json(content: bytes) -> list[LibraryImportRow]:
    if len(content) > MAX_IMPORT_BYTES:
        raise ImportFileError(_("The file is larger than 5 MB."))
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportFileError(_("The file is not valid JSON: %(error)s") % {"error": error}) from None
    if not isinstance(document, dict) or document.get("format", FORMAT_NAME) != FORMAT_NAME:
        raise ImportFileError(_("This JSON file is not a TalentLoop learning library."))
    rows: list[LibraryImportRow] = []
    for kind in SHEETS:
        items = document.get(kind, [])
        if not isinstance(items, list):
            raise ImportFileError(_("“%(key)s” must be a list.") % {"key": kind})
        rows.extend(_row(kind, item, f"{kind}[{number}]") for number, item in enumerate(items, start=1))
    return rows


def learning_library_rows_from_xlsx(content: bytes) -> list[LibraryImportRow]:
    if len(content) > MAX_IMPORT_BYTES:
        raise ImportFileError(_("The file is larger than 5 MB."))
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:
        raise ImportFileError(_("The file is not a readable XLSX workbook (%(error)s).") % {"error": error}) from None
    rows: list[LibraryImportRow] = []
    for kind, columns in SHEETS.items():
        for location, record in _sheet_rows(workbook, kind, columns):
            rows.append(_row(kind, record, location))
    return rows


def learning_library_rows_from_upload(*, filename: str, content: bytes) -> list[LibraryImportRow]:
    """Parse an uploaded library by its extension (.json or .xlsx)."""
    lowered = filename.lower()
    if lowered.endswith(".json"):
        return learning_library_rows_from_json(content)
    if lowered.endswith(".xlsx"):
        return learning_library_rows_from_xlsx(content)
    raise ImportFileError(_("Upload a .json or .xlsx file."))
