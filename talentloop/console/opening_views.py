"""Console pages for openings: the list, one opening with its applications, create, edit, open and close.

HR manages openings; hiring managers read the openings they manage and their applications
(``talentloop.recruitment.access``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from talentloop.console.forms import form_add_application_error
from talentloop.console.opening_forms import OpeningForm
from talentloop.core.exceptions import ApplicationError, NotFound
from talentloop.org.access import candidate_list_for_user
from talentloop.org.selectors import company_get_default
from talentloop.recruitment.access import (
    opening_get_for_user,
    openings_can_manage,
    openings_check_manage,
    openings_check_view,
)
from talentloop.recruitment.models import Opening
from talentloop.recruitment.selectors import application_progress, opening_application_list, opening_list
from talentloop.recruitment.services import opening_close, opening_create, opening_open, opening_update

PAGE_SIZE = 50


@login_required
def opening_list_view(request: HttpRequest) -> HttpResponse:
    openings_check_view(request.user)
    status = request.GET.get("status", "")
    query = request.GET.get("q", "").strip()
    page = Paginator(opening_list(user=request.user, status=status, query=query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "section": "openings",
        "page": page,
        "status": status,
        "query": query,
        "statuses": Opening.Status.choices,
        "can_manage": openings_can_manage(request.user),
    }
    template = "console/openings/_rows.html" if request.htmx else "console/openings/list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
def opening_detail(request: HttpRequest, opening_id: int) -> HttpResponse:
    openings_check_view(request.user)
    opening = opening_get_for_user(request.user, opening_id)
    applications = list(opening_application_list(opening=opening))
    # Interview pages follow the candidate's access rules; link only the ones this user may open.
    visible = set(
        candidate_list_for_user(request.user)
        .filter(pk__in=[a.candidate_id for a in applications])
        .values_list("pk", flat=True)
    )
    context = {
        "section": "openings",
        "opening": opening,
        "rows": [(application_progress(application=a), a.candidate_id in visible) for a in applications],
        "can_manage": openings_can_manage(request.user),
    }
    return render(request, "console/openings/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def opening_form_view(request: HttpRequest, opening_id: int | None = None) -> HttpResponse:
    openings_check_manage(request.user)
    opening = opening_get_for_user(request.user, opening_id, intent="change") if opening_id is not None else None
    form = OpeningForm(request.POST or None, opening=opening)
    if request.method == "POST" and form.is_valid():
        try:
            if opening is None:
                company = company_get_default()
                if company is None:
                    raise NotFound(_("No company is set up yet."))
                opening = opening_create(actor=request.user, company=company, data=form.to_input(), request=request)
                messages.success(request, _("Opening “%(title)s” saved as a draft.") % {"title": opening.title})
            else:
                opening = opening_update(actor=request.user, opening=opening, data=form.to_input(), request=request)
                messages.success(request, _("Opening “%(title)s” saved.") % {"title": opening.title})
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            return redirect("console:opening_detail", opening.pk)
    return render(request, "console/openings/form.html", {"section": "openings", "form": form, "opening": opening})


@login_required
@require_POST
def opening_status_view(request: HttpRequest, opening_id: int, action: str) -> HttpResponse:
    openings_check_manage(request.user)
    opening = opening_get_for_user(request.user, opening_id, intent="change")
    if action not in ("open", "close"):
        raise NotFound(_("Page not found."))
    try:
        if action == "open":
            opening_open(actor=request.user, opening=opening, request=request)
            messages.success(request, _("The opening is open for applications."))
        else:
            opening_close(actor=request.user, opening=opening, request=request)
            messages.success(request, _("The opening is closed."))
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("console:opening_detail", opening.pk)
