"""Error codes of the collaboration app (the API and the tests assert them)."""

from enum import StrEnum


class CollaborationErrorCode(StrEnum):
    EMPTY_COMMENT = "comment_empty"
    COMMENT_TOO_LONG = "comment_too_long"
    UNKNOWN_MENTION = "comment_unknown_mention"
    MENTION_CANNOT_SEE = "comment_mention_cannot_see"
    BAD_TARGET = "comment_bad_target"
    NOT_AUTHOR = "comment_not_author"
    DELETED = "comment_deleted"
    NOT_A_THREAD = "comment_not_a_thread"
    GRANT_NOT_ALLOWED = "comment_grant_not_allowed"
    SHARE_NOT_ALLOWED = "share_not_allowed"
    SHARE_BAD_MANAGER = "share_bad_manager"
    SHARE_NOT_SCORED = "share_not_scored"
    SHARE_BAD_SNIPPETS = "share_bad_snippets"
    SHARE_ALREADY_ANSWERED = "share_already_answered"
    RESPONSE_BAD_DECISION = "response_bad_decision"
    RESPONSE_BAD_DIMENSIONS = "response_bad_dimensions"
    TASK_NOT_OPEN = "task_not_open"


class MessageErrorCode(StrEnum):
    EMPTY_MESSAGE = "message_empty"
    MESSAGE_TOO_LONG = "message_too_long"
    BAD_SIDE = "message_bad_side"
    BAD_INTERVIEW = "message_bad_interview"
    NO_REPORT = "message_no_report"
