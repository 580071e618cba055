"""Views every deployment needs: the health check and the error handlers."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from talentloop.core.exceptions import ErrorCode
from talentloop.core.health import health_check
from talentloop.core.responses import error_response


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database and the broker answer; 503 naming what fails otherwise."""
    report = health_check()
    body = {
        "status": "ok" if report.healthy else "unavailable",
        "failing": report.failing,
        "components": {c.name: {"ok": c.healthy, "detail": c.detail} for c in report.components},
    }
    return JsonResponse(body, status=200 if report.healthy else 503)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return error_response(
        request,
        status=403,
        code=ErrorCode.CSRF_FAILED,
        message=_("Your form expired or came from another site. Reload the page and try again."),
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, status=400, code=ErrorCode.BAD_REQUEST, message=_("The request was malformed."))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else _("You do not have permission to do this.")
    return error_response(request, status=403, code=ErrorCode.PERMISSION_DENIED, message=message)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, status=404, code=ErrorCode.NOT_FOUND, message=_("This page does not exist."))


def server_error(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return error_response(
        request, status=500, code=ErrorCode.SERVER_ERROR, message=_("Something went wrong on our side.")
    )
