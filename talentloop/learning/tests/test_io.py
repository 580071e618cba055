"""Import and export of the library: JSON and XLSX, all-or-nothing, problems named by sheet, row and field."""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

import pytest
from openpyxl import Workbook

from talentloop.learning.io import (
    COURSE_COLUMNS,
    MENTOR_COLUMNS,
    PROJECT_COLUMNS,
    ImportFileError,
    learning_library_export_file,
    learning_library_rows_from_upload,
)
from talentloop.learning.models import Course, LearningTarget, Mentor, PracticeProject
from talentloop.learning.selectors import course_list, mentor_list, project_list
from talentloop.learning.services import learning_library_import

LIBRARY = {
    "format": "talentloop.learning_library",
    "version": 1,
    "courses": [
        {
            "code": "structured-thinking", "title": "结构化思维训练", "title_en": "Structured thinking",
            "provider": "内训", "format": "classroom", "duration_hours": 3, "content": "两次课",
            "targets": [{"dimension": "problem-solving", "level_from": 2, "level_to": 4}],
        },
        {
            "code": "listening", "title": "倾听的艺术", "format": "book", "duration_hours": 6.5, "language": "zh",
            "url": "https://books.example.com/listening", "targets": "communication:1-3",
        },
    ],
    "projects": [
        {
            "code": "retro", "title": "主持一次复盘", "brief": "为团队主持复盘会。", "expected_outcome": "复盘纪要",
            "effort_hours": 4, "targets": "problem-solving:2-4; communication:2-4",
        }
    ],
    "mentors": [{"employee_number": "E0102", "capacity": 2, "targets": "communication:1-5"}],
}  # fmt: skip


def as_json(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


def xlsx(sheets: dict[str, list[list[Any]]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def counts() -> tuple[int, int, int, int]:
    return (
        Course.objects.count(),
        PracticeProject.objects.count(),
        Mentor.objects.count(),
        LearningTarget.objects.count(),
    )


@pytest.mark.django_db
class TestImport:
    def test_a_json_library_is_imported(self, dimensions: Any, employee: Any, hr: Any) -> None:
        rows = learning_library_rows_from_upload(filename="library.json", content=as_json(LIBRARY))
        report = learning_library_import(actor=hr, rows=rows)
        assert (report.succeeded, report.created, report.updated, report.unchanged) == (True, 4, 0, 0)
        assert counts() == (2, 1, 1, 5)
        # importing the same file again changes nothing
        again = learning_library_import(actor=hr, rows=rows)
        assert (again.created, again.updated, again.unchanged) == (0, 0, 4)

    def test_export_and_import_round_trip_in_xlsx_and_json(self, dimensions: Any, employee: Any, hr: Any) -> None:
        learning_library_import(
            actor=hr, rows=learning_library_rows_from_upload(filename="l.json", content=as_json(LIBRARY))
        )
        for file_format in ("xlsx", "json"):
            exported = learning_library_export_file(
                courses=course_list(), projects=project_list(), mentors=mentor_list(), file_format=file_format,
                on=date(2026, 11, 28),
            )  # fmt: skip
            assert exported.filename == f"learning-library-2026-11-28.{file_format}"
            rows = learning_library_rows_from_upload(filename=exported.filename, content=exported.content)
            report = learning_library_import(actor=hr, rows=rows)
            assert (report.succeeded, report.created, report.updated, report.unchanged) == (True, 0, 0, 4)

    def test_broken_xlsx_rows_are_named_by_sheet_row_and_field_and_nothing_is_imported(
        self, dimensions: Any, employee: Any, hr: Any
    ) -> None:
        good_course = ["ok", "好课", "", "", "online", 2, "https://x.example.com", "", "zh", "yes", "communication:1-3"]
        content = xlsx(
            {
                "courses": [
                    COURSE_COLUMNS,
                    good_course,
                    ["bad", "坏课", "", "", "podcast", "two", "", "", "zh", "maybe", "communication:3-1"],
                    ["ok", "重复", "", "", "online", 2, "https://x.example.com", "", "zh", "yes", "communication:1-3"],
                ],
                "projects": [PROJECT_COLUMNS, ["p", "项目", "", "", "成果", 3, "zh", "yes", "cooking:1-2"]],
                "mentors": [MENTOR_COLUMNS, ["E9999", "无名", 2, "", "yes", "communication:1-5"]],
            }
        )
        # when
        report = learning_library_import(
            actor=hr, rows=learning_library_rows_from_upload(filename="l.xlsx", content=content)
        )
        # then
        assert report.rejected == [
            ("sheet courses, row 3 (bad)", "is_active must be yes or no."),
            (
                "sheet courses, row 3 (bad)",
                "targets: communication:3-1: the level it leads to must be above the level it starts from.",
            ),
            ("sheet courses, row 3 (bad)", "format: The format is one of: online, classroom, book, video."),
            ("sheet courses, row 3 (bad)", "duration_hours: Enter the number of hours, e.g. 3 or 1.5."),
            ("sheet courses, row 3 (bad)", "url: Give a link or the internal content of the course."),
            ("sheet courses, row 4 (ok)", "“ok” also appears at sheet courses, row 2 (ok)."),
            ("sheet projects, row 2 (p)", "targets: There is no active dimension with code “cooking”."),
            ("sheet projects, row 2 (p)", "brief: The brief is required."),
            ("sheet mentors, row 2 (E9999)", "employee_number: There is no employee with number “E9999”."),
        ]
        assert counts() == (0, 0, 0, 0)

    @pytest.mark.parametrize(
        ("filename", "content", "message"),
        [
            ("l.csv", b"a,b", "Upload a .json or .xlsx file."),
            ("l.json", b"{not json", "The file is not valid JSON"),
            (
                "l.json",
                b'{"format": "talentloop.question_bank"}',
                "This JSON file is not a TalentLoop learning library.",
            ),
            ("l.xlsx", b"PK not a zip", "The file is not a readable XLSX workbook"),
        ],
    )
    def test_an_unreadable_file_is_refused_as_a_whole(self, filename: str, content: bytes, message: str) -> None:
        with pytest.raises(ImportFileError) as raised:
            learning_library_rows_from_upload(filename=filename, content=content)
        assert str(raised.value).startswith(message)

    def test_a_workbook_missing_a_sheet_is_refused(self) -> None:
        with pytest.raises(ImportFileError) as raised:
            learning_library_rows_from_upload(filename="l.xlsx", content=xlsx({"courses": [COURSE_COLUMNS]}))
        assert str(raised.value) == "The workbook has no sheet named “projects”."

    def test_an_empty_library_is_rejected(self, hr: Any) -> None:
        rows = learning_library_rows_from_upload(filename="l.json", content=as_json({"courses": []}))
        assert learning_library_import(actor=hr, rows=rows).rejected == [
            ("", "The file contains no courses, projects or mentors.")
        ]
