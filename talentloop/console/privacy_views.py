"""Deletion requests in the HR console: the list, one request with its legal holds, and HR's decision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from talentloop.core.exceptions import ApplicationError
from talentloop.privacy.access import deletion_request_get_for_user, deletion_requests_check_access
from talentloop.privacy.models import DeletionRequest
from talentloop.privacy.selectors import deletion_request_list
from talentloop.privacy.services import (
    Decision,
    deletion_request_decide,
    deletion_request_holds,
    deletion_request_refresh,
)

PAGE_SIZE = 25

_DONE = {
    Decision.APPROVE: gettext_lazy("Approved: the data is being deleted."),
    Decision.HOLD: gettext_lazy("The request is on hold."),
    Decision.RELEASE: gettext_lazy("HR's hold was released."),
    Decision.REJECT: gettext_lazy("The request was rejected."),
}


@login_required
@require_GET
def deletion_request_list_view(request: HttpRequest) -> HttpResponse:
    deletion_requests_check_access(request.user)
    status = request.GET.get("status", "")
    if status not in DeletionRequest.Status.values:
        status = ""
    page = Paginator(deletion_request_list(status=status), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "console/privacy/deletion_request_list.html",
        {"section": "deletion_requests", "page": page, "status": status, "statuses": DeletionRequest.Status.choices},
    )


@login_required
@require_GET
def deletion_request_detail(request: HttpRequest, deletion_request_id: int) -> HttpResponse:
    deletion_request = deletion_request_get_for_user(request.user, deletion_request_id, request=request)
    if deletion_request.status in (DeletionRequest.Status.REQUESTED, DeletionRequest.Status.HELD):
        # The rules are checked again on every look, so HR decides on today's holds.
        deletion_request = deletion_request_refresh(deletion_request_id=deletion_request.pk)
    holds = deletion_request_holds(deletion_request=deletion_request) if deletion_request.is_open else []
    return render(
        request,
        "console/privacy/deletion_request_detail.html",
        {"section": "deletion_requests", "deletion_request": deletion_request, "holds": holds},
    )


@login_required
@require_POST
def deletion_request_decide_view(request: HttpRequest, deletion_request_id: int) -> HttpResponse:
    deletion_request = deletion_request_get_for_user(request.user, deletion_request_id, request=request)
    decision = request.POST.get("decision", "")
    try:
        deletion_request_decide(
            actor=request.user,
            deletion_request_id=deletion_request.pk,
            decision=decision,
            reason=request.POST.get("reason", ""),
            request=request,
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _DONE[decision])
    return redirect("console:deletion_request_detail", deletion_request_id=deletion_request.pk)
