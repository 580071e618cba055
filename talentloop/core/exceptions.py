"""The one error vocabulary of TalentLoop.

Services raise these; the REST API turns them into ``{"error": {"code", "message", "fields"}}`` and HTML views
into a form error or an error page. Tests assert the ``code``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    VALIDATION_ERROR = "validation_error"
    NOT_FOUND = "not_found"
    PERMISSION_DENIED = "permission_denied"
    NOT_AUTHENTICATED = "not_authenticated"
    AUTHENTICATION_FAILED = "authentication_failed"
    LOCKED_OUT = "locked_out"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    NOT_ACCEPTABLE = "not_acceptable"
    THROTTLED = "throttled"
    CONFLICT = "conflict"
    CSRF_FAILED = "csrf_failed"
    BAD_REQUEST = "bad_request"
    SERVER_ERROR = "server_error"


class ApplicationError(Exception):
    """Base of every error a service raises on purpose. ``status`` is the HTTP status an edge should use."""

    status = 400
    default_code = ErrorCode.BAD_REQUEST

    def __init__(
        self,
        message: str,
        *,
        code: StrEnum | None = None,
        fields: dict[str, list[str]] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code: StrEnum = code or self.default_code
        self.fields = fields or {}
        self.extra = extra or {}


class ValidationFailed(ApplicationError):
    status = 400
    default_code = ErrorCode.VALIDATION_ERROR


class NotFound(ApplicationError):
    """The object does not exist *or the actor may not know it exists* (we never tell which)."""

    status = 404
    default_code = ErrorCode.NOT_FOUND


class PermissionDenied(ApplicationError):
    """The actor may see the object but not do this to it."""

    status = 403
    default_code = ErrorCode.PERMISSION_DENIED


class Conflict(ApplicationError):
    status = 409
    default_code = ErrorCode.CONFLICT


class Gone(ApplicationError):
    """The thing existed but is no longer usable (an expired or revoked link)."""

    status = 410
    default_code = ErrorCode.NOT_FOUND


class LockedOut(ApplicationError):
    """Too many failed sign-ins: the account is locked for the cool-off period."""

    status = 429
    default_code = ErrorCode.LOCKED_OUT


class Throttled(ApplicationError):
    """Too many attempts from one source in a period (``core.throttle``); try again later."""

    status = 429
    default_code = ErrorCode.THROTTLED
