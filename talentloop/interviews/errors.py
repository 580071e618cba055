"""Error codes specific to interviews (all raised as core ApplicationError subclasses)."""

from enum import StrEnum


class InterviewErrorCode(StrEnum):
    INVITATION_EXPIRED = "invitation_expired"
    INVITATION_REVOKED = "invitation_revoked"
    INTERVIEW_SUBMITTED = "interview_submitted"
    CONSENT_REQUIRED = "consent_required"
    VOICE_CONSENT_REQUIRED = "voice_consent_required"
    NOT_CURRENT_QUESTION = "not_current_question"
    ALREADY_ANSWERED = "already_answered"
    DRAFT_CONFLICT = "draft_conflict"
    NO_RETRIES_LEFT = "no_retries_left"
    EMPTY_ANSWER = "empty_answer"
    MODE_NOT_ALLOWED = "mode_not_allowed"
    UPLOAD_TOO_LARGE = "upload_too_large"
    UPLOAD_NOT_AUDIO = "upload_not_audio"
    NO_QUESTIONS = "no_questions"
