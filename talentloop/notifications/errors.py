"""Error codes of the notifications app (the API and the tests assert them)."""

from enum import StrEnum


class NotificationErrorCode(StrEnum):
    UNKNOWN_KIND = "notification_unknown_kind"
