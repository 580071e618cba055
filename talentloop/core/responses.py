"""The one JSON error shape, and error pages for the browser, built in one place."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from talentloop.core.exceptions import ErrorCode


def error_payload(code: str, message: str, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": str(code), "message": str(message), "fields": fields or {}}}


def wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", "")


def error_response(
    request: HttpRequest,
    *,
    status: int,
    code: ErrorCode | str,
    message: str,
    fields: dict[str, Any] | None = None,
) -> HttpResponse:
    """An error as JSON for API clients, or as the error page for people."""
    if wants_json(request):
        return JsonResponse(error_payload(code, message, fields), status=status)
    return render(request, "core/error.html", {"status": status, "code": str(code), "message": message}, status=status)
