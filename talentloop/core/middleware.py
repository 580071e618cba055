"""Turns an ApplicationError that escapes an HTML view into the matching error page."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from talentloop.core.exceptions import ApplicationError
from talentloop.core.responses import error_response


class ApplicationErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, ApplicationError):
            return error_response(
                request,
                status=exception.status,
                code=exception.code,
                message=exception.message,
                fields=exception.fields,
            )
        return None
