"""Error codes of explanation and human-review requests (raised as core ApplicationError subclasses)."""

from enum import StrEnum


class ReviewErrorCode(StrEnum):
    INTERVIEW_NOT_SCORED = "interview_not_scored"
    REQUEST_ALREADY_OPEN = "review_request_already_open"
    REQUEST_ALREADY_RESOLVED = "review_request_already_resolved"
    TEXT_REQUIRED = "review_text_required"
    TEXT_TOO_LONG = "review_text_too_long"
    DECISION_REQUIRED = "review_decision_required"
