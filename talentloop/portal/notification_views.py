"""The notification centre (portal): my notifications, mark read, and which channels I get each kind on.

The console has the same pages for staff (``console/notification_views.py``); both call the same services and
render the same templates, under their own URL namespace."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from talentloop.notifications.messages import message_render
from talentloop.notifications.selectors import notification_list, notification_unread_count, preference_rows
from talentloop.notifications.services import (
    notification_mark_all_read,
    notification_mark_read,
    notification_preferences_update,
)

PAGE_SIZE = 30


def centre_render(request: HttpRequest, *, namespace: str) -> HttpResponse:
    unread_only = request.GET.get("show") == "unread"
    page = Paginator(notification_list(user=request.user, unread_only=unread_only), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows: list[tuple[Any, Any]] = [
        (notification, message_render(kind=notification.kind, params=notification.params)) for notification in page
    ]
    context = {
        "section": "notifications",
        "namespace": namespace,
        "page": page,
        "rows": rows,
        "unread_only": unread_only,
        "unread_count": notification_unread_count(user=request.user),
    }
    return render(request, "notifications/centre.html", context)


def mark_read(request: HttpRequest, notification_id: int, *, namespace: str) -> HttpResponse:
    notification = notification_mark_read(user=request.user, notification_id=notification_id)
    # "Open" marks it read and follows its link; "Mark read" stays on the list.
    if request.POST.get("open") == "1" and url_has_allowed_host_and_scheme(
        notification.link, allowed_hosts={request.get_host()}
    ):
        return redirect(notification.link or f"{namespace}:notifications")
    return redirect(f"{namespace}:notifications")


def mark_all_read(request: HttpRequest, *, namespace: str) -> HttpResponse:
    count = notification_mark_all_read(user=request.user)
    messages.success(request, _("%(count)d notifications marked read.") % {"count": count})
    return redirect(f"{namespace}:notifications")


def preferences_render(request: HttpRequest, *, namespace: str) -> HttpResponse:
    if request.method == "POST":
        enabled = set()
        for value in request.POST.getlist("on"):
            kind, _separator, channel = value.partition(":")
            enabled.add((kind, channel))
        notification_preferences_update(user=request.user, enabled=enabled)
        messages.success(request, _("Your notification settings are saved."))
        return redirect(f"{namespace}:notification_preferences")
    context = {"section": "notifications", "namespace": namespace, "rows": preference_rows(user=request.user)}
    return render(request, "notifications/preferences.html", context)


@login_required
@require_GET
def notification_centre(request: HttpRequest) -> HttpResponse:
    return centre_render(request, namespace="portal")


@login_required
@require_POST
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    return mark_read(request, notification_id, namespace="portal")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    return mark_all_read(request, namespace="portal")


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request: HttpRequest) -> HttpResponse:
    return preferences_render(request, namespace="portal")
