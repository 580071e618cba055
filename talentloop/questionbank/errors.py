"""Error codes specific to the question bank (raised as core ApplicationError subclasses)."""

from enum import StrEnum


class QuestionBankErrorCode(StrEnum):
    IMPORT_FILE_UNREADABLE = "import_file_unreadable"
    IMPORT_REJECTED = "import_rejected"
    QUESTION_EXISTS = "question_exists"
