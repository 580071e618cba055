"""Error codes specific to privacy requests (raised as core ApplicationError subclasses)."""

from enum import StrEnum


class PrivacyErrorCode(StrEnum):
    LEGAL_HOLD = "legal_hold"
    REQUEST_OPEN = "deletion_request_open"
    REQUEST_CLOSED = "deletion_request_closed"
    NOT_CONFIRMED = "not_confirmed"
    REASON_REQUIRED = "reason_required"
    UNKNOWN_DECISION = "unknown_decision"
    NO_HR_HOLD = "no_hr_hold"
