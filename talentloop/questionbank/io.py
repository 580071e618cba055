"""Reading and writing the question bank as JSON and XLSX.

Parsing never writes: it turns a file into ``ImportRow`` objects (with the location of every problem) that
``question_bank_import`` then validates and stores all-or-nothing.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from talentloop.questionbank.models import Question, Rubric
from talentloop.questionbank.services import ImportRow, KeyPointInput, QuestionInput, RubricInput

FORMAT_NAME = "talentloop.question_bank"
FORMAT_VERSION = 1
MAX_IMPORT_BYTES = 5 * 1024 * 1024
LIST_SEPARATOR = ";"
PHRASE_SEPARATOR = "|"

QUESTION_COLUMNS = [
    "code", "kind", "text", "text_en", "reference_answer", "positions", "expected_answer_seconds",
    "preparation_seconds", "max_answer_seconds", "allowed_retries", "is_active",
]  # fmt: skip
RUBRIC_COLUMNS = ["question_code", "dimension", "anchor_1", "anchor_2", "anchor_3", "anchor_4", "anchor_5"]
KEY_POINT_COLUMNS = [
    "question_code", "dimension", "order", "text", "text_en", "weight", "keywords", "synonyms",
    "example_phrases", "improvement_tip", "improvement_tip_en",
]  # fmt: skip
_INTEGER_FIELDS = ("expected_answer_seconds", "preparation_seconds", "max_answer_seconds", "allowed_retries")


class ImportFileError(ValueError):
    """The file as a whole cannot be read (wrong format, too large, not JSON/XLSX)."""


# --- export ----------------------------------------------------------------------------------------------------


def _current_rubrics(question: Question) -> list[Rubric]:
    return [r for r in question.rubrics.all() if r.is_current]


def question_bank_as_dicts(questions: Iterable[Question]) -> list[dict[str, Any]]:
    """The questions with their current rubrics, as plain data (the JSON export format)."""
    exported = []
    for question in questions:
        exported.append(
            {
                "code": question.code,
                "kind": question.kind,
                "text": question.text,
                "text_en": question.text_en,
                "reference_answer": question.reference_answer,
                "positions": sorted(p.code for p in question.positions.all()),
                "expected_answer_seconds": question.expected_answer_seconds,
                "preparation_seconds": question.preparation_seconds,
                "max_answer_seconds": question.max_answer_seconds,
                "allowed_retries": question.allowed_retries,
                "is_active": question.is_active,
                "rubrics": [
                    {
                        "dimension": rubric.dimension.code,
                        "version": rubric.version,
                        "level_anchors": rubric.level_anchors,
                        "key_points": [
                            {
                                "text": point.text,
                                "text_en": point.text_en,
                                "weight": float(point.weight),
                                "keywords": point.keywords,
                                "synonyms": point.synonyms,
                                "example_phrases": point.example_phrases,
                                "improvement_tip": point.improvement_tip,
                                "improvement_tip_en": point.improvement_tip_en,
                            }
                            for point in rubric.key_points.all()
                        ],
                    }
                    for rubric in _current_rubrics(question)
                ],
            }
        )
    return exported


def question_bank_to_json(questions: Iterable[Question]) -> bytes:
    document = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "questions": question_bank_as_dicts(questions)}
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def question_bank_to_xlsx(questions: Iterable[Question]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "questions"
    sheet.append(QUESTION_COLUMNS)
    rubrics_sheet = workbook.create_sheet("rubrics")
    rubrics_sheet.append(RUBRIC_COLUMNS)
    points_sheet = workbook.create_sheet("key_points")
    points_sheet.append(KEY_POINT_COLUMNS)
    for item in question_bank_as_dicts(questions):
        sheet.append(
            [
                item["code"], item["kind"], item["text"], item["text_en"], item["reference_answer"],
                LIST_SEPARATOR.join(item["positions"]), item["expected_answer_seconds"], item["preparation_seconds"],
                item["max_answer_seconds"], item["allowed_retries"], "yes" if item["is_active"] else "no",
            ]
        )  # fmt: skip
        for rubric in item["rubrics"]:
            anchors = rubric["level_anchors"]
            rubrics_sheet.append([item["code"], rubric["dimension"], *(anchors.get(str(n), "") for n in range(1, 6))])
            for order, point in enumerate(rubric["key_points"], start=1):
                points_sheet.append(
                    [
                        item["code"], rubric["dimension"], order, point["text"], point["text_en"], point["weight"],
                        LIST_SEPARATOR.join(point["keywords"]), LIST_SEPARATOR.join(point["synonyms"]),
                        PHRASE_SEPARATOR.join(point["example_phrases"]), point["improvement_tip"],
                        point["improvement_tip_en"],
                    ]
                )  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- import: JSON ------------------------------------------------------------------------------------------------


def _as_text(value: Any, name: str, errors: list[str]) -> str:
    if value is None:
        return ""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip()
    errors.append(_("%(field)s must be text.") % {"field": name})
    return ""


def _as_int(value: Any, name: str, default: int, errors: list[str]) -> int:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        errors.append(_("%(field)s must be a whole number.") % {"field": name})
        return default
    try:
        number = Decimal(str(value).strip())
    except Exception:
        number = Decimal("NaN")
    if not number.is_finite() or number != number.to_integral_value():
        errors.append(_("%(field)s must be a whole number.") % {"field": name})
        return default
    return int(number)


def _as_bool(value: Any, name: str, errors: list[str]) -> bool:
    if value is None or value == "":
        return True
    if isinstance(value, bool):
        return value
    lowered = str(value).strip().lower()
    if lowered in {"yes", "true", "1", "是", "y"}:
        return True
    if lowered in {"no", "false", "0", "否", "n"}:
        return False
    errors.append(_("%(field)s must be yes or no.") % {"field": name})
    return True


def _as_terms(value: Any, name: str, separator: str, errors: list[str]) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(separator) if part.strip()]
    if isinstance(value, list) and all(isinstance(part, str) for part in value):
        return [part.strip() for part in value if part.strip()]
    errors.append(_("%(field)s must be a list of texts.") % {"field": name})
    return []


def _key_point_from(item: Any, where: str, errors: list[str]) -> KeyPointInput | None:
    if not isinstance(item, dict):
        errors.append(_("%(where)s must be an object.") % {"where": where})
        return None
    weight = item.get("weight", 1)
    if isinstance(weight, bool) or not isinstance(weight, (int, float, str)):
        errors.append(_("%(where)s: the weight must be a number.") % {"where": where})
        weight = 1
    return KeyPointInput(
        text=_as_text(item.get("text"), f"{where}.text", errors),
        text_en=_as_text(item.get("text_en"), f"{where}.text_en", errors),
        weight=weight,
        keywords=_as_terms(item.get("keywords"), f"{where}.keywords", LIST_SEPARATOR, errors),
        synonyms=_as_terms(item.get("synonyms"), f"{where}.synonyms", LIST_SEPARATOR, errors),
        example_phrases=_as_terms(item.get("example_phrases"), f"{where}.example_phrases", PHRASE_SEPARATOR, errors),
        improvement_tip=_as_text(item.get("improvement_tip"), f"{where}.improvement_tip", errors),
        improvement_tip_en=_as_text(item.get("improvement_tip_en"), f"{where}.improvement_tip_en", errors),
    )


def _question_from(item: Any, location: str) -> ImportRow:
    errors: list[str] = []
    if not isinstance(item, dict):
        return ImportRow(location=location, data=None, errors=[_("Each question must be an object.")])
    rubrics: list[RubricInput] = []
    raw_rubrics = item.get("rubrics") or []
    if not isinstance(raw_rubrics, list):
        errors.append(_("rubrics must be a list."))
        raw_rubrics = []
    for number, raw in enumerate(raw_rubrics, start=1):
        where = f"rubrics[{number}]"
        if not isinstance(raw, dict):
            errors.append(_("%(where)s must be an object.") % {"where": where})
            continue
        anchors = raw.get("level_anchors") or {}
        if not isinstance(anchors, dict):
            errors.append(_("%(where)s.level_anchors must be an object.") % {"where": where})
            anchors = {}
        raw_points = raw.get("key_points") or []
        if not isinstance(raw_points, list):
            errors.append(_("%(where)s.key_points must be a list.") % {"where": where})
            raw_points = []
        points = [_key_point_from(p, f"{where}.key_points[{n}]", errors) for n, p in enumerate(raw_points, start=1)]
        rubrics.append(
            RubricInput(
                dimension_code=_as_text(raw.get("dimension"), f"{where}.dimension", errors),
                level_anchors={str(k): str(v) for k, v in anchors.items()},
                key_points=[p for p in points if p is not None],
            )
        )
    data = QuestionInput(
        code=_as_text(item.get("code"), "code", errors),
        kind=_as_text(item.get("kind"), "kind", errors),
        text=_as_text(item.get("text"), "text", errors),
        text_en=_as_text(item.get("text_en"), "text_en", errors),
        reference_answer=_as_text(item.get("reference_answer"), "reference_answer", errors),
        position_codes=_as_terms(item.get("positions"), "positions", LIST_SEPARATOR, errors),
        rubrics=rubrics,
        is_active=_as_bool(item.get("is_active"), "is_active", errors),
        **{name: _as_int(item.get(name), name, getattr(QuestionInput, name), errors) for name in _INTEGER_FIELDS},
    )
    if data.code:
        location = f"{location} ({data.code})"
    return ImportRow(location=location, data=data, errors=errors)


def question_bank_rows_from_json(content: bytes) -> list[ImportRow]:
    if len(content) > MAX_IMPORT_BYTES:
        raise ImportFileError(_("The file is larger than 5 MB."))
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportFileError(_("The file is not valid JSON: %(error)s") % {"error": error}) from None
    if isinstance(document, dict):
        if document.get("format", FORMAT_NAME) != FORMAT_NAME:
            raise ImportFileError(_("This JSON file is not a TalentLoop question bank."))
        items = document.get("questions")
    else:
        items = document
    if not isinstance(items, list):
        raise ImportFileError(_("The JSON must contain a list of questions."))
    return [_question_from(item, f"questions[{number}]") for number, item in enumerate(items, start=1)]


# --- import: XLSX ------------------------------------------------------------------------------------------------


def _sheet_rows(workbook: Any, name: str, columns: Sequence[str]) -> list[tuple[str, dict[str, Any]]]:
    if name not in workbook.sheetnames:
        raise ImportFileError(_("The workbook has no sheet named “%(name)s”.") % {"name": name})
    sheet = workbook[name]
    rows = sheet.iter_rows(values_only=True)
    header = [str(cell).strip() if cell is not None else "" for cell in next(rows, ())]
    missing = [column for column in columns if column not in header]
    if missing:
        raise ImportFileError(
            _("Sheet “%(name)s” is missing the columns: %(columns)s.") % {"name": name, "columns": ", ".join(missing)}
        )
    result = []
    for number, values in enumerate(rows, start=2):
        record = {header[i]: value for i, value in enumerate(values) if i < len(header) and header[i]}
        if all(value is None or str(value).strip() == "" for value in record.values()):
            continue
        result.append((_("sheet %(sheet)s, row %(row)s") % {"sheet": name, "row": number}, record))
    return result


def question_bank_rows_from_xlsx(content: bytes) -> list[ImportRow]:
    if len(content) > MAX_IMPORT_BYTES:
        raise ImportFileError(_("The file is larger than 5 MB."))
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError, Exception) as error:
        raise ImportFileError(_("The file is not a readable XLSX workbook (%(error)s).") % {"error": error}) from None
    questions = _sheet_rows(workbook, "questions", QUESTION_COLUMNS)
    rubric_rows = _sheet_rows(workbook, "rubrics", RUBRIC_COLUMNS)
    point_rows = _sheet_rows(workbook, "key_points", KEY_POINT_COLUMNS)
    orphan_errors: list[ImportRow] = []
    codes = {str(record.get("code") or "").strip() for _location, record in questions}
    anchors: dict[tuple[str, str], dict[str, str]] = {}
    for location, record in rubric_rows:
        code = str(record.get("question_code") or "").strip()
        dimension = str(record.get("dimension") or "").strip()
        if code not in codes:
            orphan_errors.append(ImportRow(location, None, [_("No question with code “%(code)s”.") % {"code": code}]))
            continue
        anchors[(code, dimension)] = {
            str(level): str(record.get(f"anchor_{level}") or "").strip() for level in range(1, 6)
        }
    points: dict[tuple[str, str], list[tuple[int, dict[str, Any]]]] = {}
    for location, record in point_rows:
        code = str(record.get("question_code") or "").strip()
        if code not in codes:
            orphan_errors.append(ImportRow(location, None, [_("No question with code “%(code)s”.") % {"code": code}]))
            continue
        errors: list[str] = []
        order = _as_int(record.get("order"), "order", 0, errors)
        if errors:
            orphan_errors.append(ImportRow(location, None, errors))
            continue
        key = (code, str(record.get("dimension") or "").strip())
        points.setdefault(key, []).append((order, {**record, "_location": location}))
    rows: list[ImportRow] = []
    for location, record in questions:
        code = str(record.get("code") or "").strip()
        dimensions = sorted({d for (c, d) in anchors if c == code} | {d for (c, d) in points if c == code})
        rubrics = []
        for dimension in dimensions:
            ordered = [r for _order, r in sorted(points.get((code, dimension), []), key=lambda pair: pair[0])]
            rubrics.append(
                {
                    "dimension": dimension,
                    "level_anchors": {k: v for k, v in anchors.get((code, dimension), {}).items() if v},
                    "key_points": [
                        {
                            **{name: r.get(name) for name in KEY_POINT_COLUMNS[3:]},
                            "weight": 1 if r.get("weight") in (None, "") else r.get("weight"),
                        }
                        for r in ordered
                    ],
                }
            )
        item = {name: record.get(name) for name in QUESTION_COLUMNS}
        item["rubrics"] = rubrics
        rows.append(_question_from(item, location))
    return orphan_errors + rows


def question_bank_rows_from_upload(*, filename: str, content: bytes) -> list[ImportRow]:
    """Parse an uploaded bank by its extension (.json or .xlsx)."""
    lowered = filename.lower()
    if lowered.endswith(".json"):
        return question_bank_rows_from_json(content)
    if lowered.endswith(".xlsx"):
        return question_bank_rows_from_xlsx(content)
    raise ImportFileError(_("Upload a .json or .xlsx file."))


# --- downloads ----------------------------------------------------------------------------------------------------

EXPORT_CONTENT_TYPES = {
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    content_type: str
    filename: str


def question_bank_export_file(*, questions: Iterable[Question], file_format: str, on: date) -> ExportFile:
    """The bank as a download named after the day (``question-bank-2026-11-25.json``); ``file_format`` is one of
    ``EXPORT_CONTENT_TYPES`` (the edges check it first)."""
    content = question_bank_to_xlsx(questions) if file_format == "xlsx" else question_bank_to_json(questions)
    return ExportFile(
        content=content,
        content_type=EXPORT_CONTENT_TYPES[file_format],
        filename=f"question-bank-{on.isoformat()}.{file_format}",
    )
