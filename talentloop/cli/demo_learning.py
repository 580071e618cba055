"""The demo learning library (培训资源库): courses, practice projects and mentors for the ten demo dimensions.

It is loaded through the same import service HR uses for an uploaded file, so loading twice changes nothing and a
broken demo file stops ``demo_load`` with the file's own row-level errors.
"""

from __future__ import annotations

from typing import Any

from talentloop.cli.demo_interviews import demo_content_bytes
from talentloop.core.exceptions import ValidationFailed
from talentloop.learning.errors import LearningErrorCode
from talentloop.learning.io import ImportFileError, learning_library_rows_from_json
from talentloop.learning.services import LibraryImportReport, learning_library_import

LEARNING_LIBRARY_FILE = "learning_library.json"


def demo_learning_library_load(*, actor: Any) -> LibraryImportReport:
    """Import the demo library; items HR changed since are brought back to the demo's version."""
    try:
        rows = learning_library_rows_from_json(demo_content_bytes(LEARNING_LIBRARY_FILE))
    except ImportFileError as error:
        raise ValidationFailed(
            f"The demo learning library cannot be read: {error}", code=LearningErrorCode.IMPORT_FILE_UNREADABLE
        ) from error
    report = learning_library_import(actor=actor, rows=rows)
    if not report.succeeded:
        raise ValidationFailed(
            f"The demo learning library was rejected ({len(report.rejected)} problems): "
            + "; ".join(f"{location} {message}" for location, message in report.rejected),
            code=LearningErrorCode.IMPORT_REJECTED,
        )
    return report
