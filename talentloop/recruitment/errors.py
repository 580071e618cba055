"""Error codes of the recruitment app (raised as core ApplicationError subclasses)."""

from enum import StrEnum


class RecruitmentErrorCode(StrEnum):
    OPENING_INVALID = "opening_invalid"
    OPENING_STATUS = "opening_status"
    OPENING_NOT_OPEN = "opening_not_open"
    APPLICATION_INVALID = "application_invalid"
    APPLICATION_DUPLICATE = "application_duplicate"
    APPLICATION_NOT_ALLOWED = "application_not_allowed"
    APPLICATION_STATUS = "application_status"
    STAGE_INVALID = "stage_invalid"
    STAGE_IN_USE = "stage_in_use"
    MOVE_INVALID = "move_invalid"
    REJECTION_INVALID = "rejection_invalid"
    BULK_INVALID = "bulk_invalid"
    SCORECARD_INVALID = "scorecard_invalid"
    SCORECARD_DUPLICATE = "scorecard_duplicate"
