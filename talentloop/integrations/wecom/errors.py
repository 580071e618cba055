"""Error codes of the WeCom integration (the console and the tests assert them)."""

from enum import StrEnum


class WeComErrorCode(StrEnum):
    USERID_INVALID = "wecom_userid_invalid"
    USERID_TAKEN = "wecom_userid_taken"
    PERSON_ERASED = "wecom_person_erased"
