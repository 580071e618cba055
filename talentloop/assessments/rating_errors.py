"""Error codes specific to human ratings and calibrations (raised as core ApplicationError subclasses)."""

from enum import StrEnum


class RatingErrorCode(StrEnum):
    LEVEL_INVALID = "rating_level_invalid"
    NOTE_TOO_LONG = "rating_note_too_long"
    DIMENSION_NOT_SCORED = "rating_dimension_not_scored"
    ANSWER_ERASED = "rating_answer_erased"
