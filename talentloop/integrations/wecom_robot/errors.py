"""Error codes of the group robots (the console and the tests assert them)."""

from enum import StrEnum


class RobotErrorCode(StrEnum):
    WEBHOOK_INVALID = "robot_webhook_invalid"
    KIND_INVALID = "robot_kind_invalid"
