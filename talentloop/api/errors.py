"""One JSON error shape for every API error: ``{"error": {"code": ..., "message": ..., "fields": {...}}}``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions as drf_exceptions
from rest_framework.response import Response

from talentloop.core.exceptions import ApplicationError, ErrorCode
from talentloop.core.responses import error_payload

_DRF_CODES: dict[type[drf_exceptions.APIException], ErrorCode] = {
    drf_exceptions.ValidationError: ErrorCode.VALIDATION_ERROR,
    drf_exceptions.ParseError: ErrorCode.BAD_REQUEST,
    drf_exceptions.NotAuthenticated: ErrorCode.NOT_AUTHENTICATED,
    drf_exceptions.AuthenticationFailed: ErrorCode.AUTHENTICATION_FAILED,
    drf_exceptions.PermissionDenied: ErrorCode.PERMISSION_DENIED,
    drf_exceptions.NotFound: ErrorCode.NOT_FOUND,
    drf_exceptions.MethodNotAllowed: ErrorCode.METHOD_NOT_ALLOWED,
    drf_exceptions.NotAcceptable: ErrorCode.NOT_ACCEPTABLE,
    drf_exceptions.UnsupportedMediaType: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    drf_exceptions.Throttled: ErrorCode.THROTTLED,
}


def _flatten(detail: Any) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {
            str(key): [str(item) for item in (value if isinstance(value, list) else [value])]
            for key, value in detail.items()
        }
    if isinstance(detail, list):
        return {"non_field_errors": [str(item) for item in detail]}
    return {}


def exception_handler(exception: Exception, context: dict[str, Any]) -> Response | None:
    """DRF exception handler: every error, ours or the framework's, leaves in the same shape."""
    if isinstance(exception, ApplicationError):
        payload = error_payload(exception.code, exception.message, exception.fields)
        payload["error"].update(exception.extra)  # e.g. the newer draft on a draft conflict
        return Response(payload, status=exception.status)
    if isinstance(exception, Http404):
        exception = drf_exceptions.NotFound()
    elif isinstance(exception, DjangoPermissionDenied):
        exception = drf_exceptions.PermissionDenied()
    elif isinstance(exception, DjangoValidationError):
        exception = drf_exceptions.ValidationError(
            exception.message_dict if hasattr(exception, "error_dict") else exception.messages
        )
    if not isinstance(exception, drf_exceptions.APIException):
        return None  # a real bug: let Django log it and handler500 answer in the same shape
    code = _DRF_CODES.get(type(exception), ErrorCode.BAD_REQUEST)
    if isinstance(exception, drf_exceptions.ValidationError):
        fields = _flatten(exception.detail)
        message = _("The request has invalid fields.")
    else:
        fields = {}
        message = str(exception.detail)
    response = Response(error_payload(code, message, fields), status=exception.status_code)
    wait = getattr(exception, "wait", None)
    if wait:
        response["Retry-After"] = str(int(wait))
    auth_header = getattr(exception, "auth_header", None)
    if auth_header:
        response["WWW-Authenticate"] = auth_header
    return response
