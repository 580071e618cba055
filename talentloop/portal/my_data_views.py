"""My data (portal): download everything held about me, and ask for it to be deleted."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from talentloop.core.exceptions import ApplicationError
from talentloop.feedback.access import report_downloads_for_candidate
from talentloop.privacy.access import own_person_id_get
from talentloop.privacy.selectors import deletion_request_latest_for_person
from talentloop.privacy.services import deletion_request_create, personal_data_export, personal_data_export_json


@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    person_id = own_person_id_get(request.user)
    latest = deletion_request_latest_for_person(person_id=person_id)
    # Each report links to the portal's own PDF view, which checks access and audits the download again.
    reports = report_downloads_for_candidate(request.user)
    return render(
        request, "portal/my_data.html", {"section": "my_data", "deletion_request": latest, "reports": reports}
    )


@login_required
@require_GET
def my_data_export(request: HttpRequest) -> HttpResponse:
    person_id = own_person_id_get(request.user)
    document = personal_data_export(actor=request.user, person_id=person_id, request=request)
    response = HttpResponse(personal_data_export_json(document), content_type="application/json; charset=utf-8")
    filename = f"talentloop-my-data-{timezone.localdate():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def my_data_delete(request: HttpRequest) -> HttpResponse:
    """The confirmation step: what will be deleted, what stays, and a box to tick."""
    person_id = own_person_id_get(request.user)
    error, status = None, 200
    if request.method == "POST":
        try:
            deletion_request_create(
                actor=request.user, person_id=person_id, confirmed=request.POST.get("confirm") == "yes", request=request
            )
        except ApplicationError as failure:
            error, status = failure.message, failure.status
        else:
            messages.success(request, _("Your deletion request was sent to HR. You will be told the outcome by email."))
            return redirect("portal:my_data")
    latest = deletion_request_latest_for_person(person_id=person_id)
    return render(
        request,
        "portal/my_data_delete.html",
        {"section": "my_data", "deletion_request": latest, "error": error},
        status=status,
    )
