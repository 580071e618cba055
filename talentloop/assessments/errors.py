"""Error codes specific to assessments (all raised as core ApplicationError subclasses)."""

from enum import StrEnum


class AssessmentErrorCode(StrEnum):
    RESCORE_SELECTION_REQUIRED = "rescore_selection_required"
    RESCORE_NOTHING_SELECTED = "rescore_nothing_selected"
    RESCORE_INTERVIEWS_NOT_AVAILABLE = "rescore_interviews_not_available"
    SCORE_VERSION_NOT_FOUND = "score_version_not_found"
