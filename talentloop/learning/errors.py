"""Error codes specific to the learning library (raised as core ApplicationError subclasses)."""

from enum import StrEnum


class LearningErrorCode(StrEnum):
    IMPORT_FILE_UNREADABLE = "learning_import_file_unreadable"
    IMPORT_REJECTED = "learning_import_rejected"
    ITEM_INVALID = "learning_item_invalid"
    NOT_AN_EMPLOYEE = "learning_not_an_employee"
