"""The notification centre (console): the same pages as the portal's, for staff, under ``console:``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from talentloop.core.exceptions import NotFound
from talentloop.org.access import actor_get
from talentloop.portal.notification_views import centre_render, mark_all_read, mark_read, preferences_render


def _staff_required(request: HttpRequest) -> None:
    if not actor_get(request.user).is_staff_member:
        raise NotFound(_("Page not found."))


@login_required
@require_GET
def notification_centre(request: HttpRequest) -> HttpResponse:
    _staff_required(request)
    return centre_render(request, namespace="console")


@login_required
@require_POST
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    _staff_required(request)
    return mark_read(request, notification_id, namespace="console")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    _staff_required(request)
    return mark_all_read(request, namespace="console")


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request: HttpRequest) -> HttpResponse:
    _staff_required(request)
    return preferences_render(request, namespace="console")
