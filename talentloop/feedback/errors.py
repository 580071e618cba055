"""Error codes of the feedback app (raised as core ApplicationError subclasses)."""

from enum import StrEnum


class GrowthErrorCode(StrEnum):
    NOT_SCORED = "growth_not_scored"
    ITEM_STATUS = "growth_item_status"
    EVIDENCE_REQUIRED = "growth_evidence_required"
    MENTOR_FULL = "growth_mentor_full"
