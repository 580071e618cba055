"""Error codes of re-applying after an interview that was not passed (raised as core ApplicationError subclasses)."""

from enum import StrEnum


class ReapplicationErrorCode(StrEnum):
    NO_FAILED_INTERVIEW = "reapplication_no_failed_interview"
    RESULT_PENDING = "reapplication_result_pending"
    ALREADY_PASSED = "reapplication_already_passed"
    ALREADY_REAPPLIED = "reapplication_already_reapplied"
    OPEN_INTERVIEW = "reapplication_open_interview"
    NOT_LATEST = "reapplication_not_latest_interview"
    NOT_OFFERED = "reapplication_not_offered"
    COOLING_DOWN = "reapplication_cooling_down"
