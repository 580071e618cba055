"""Internal moves in the portal: open internal openings ("Internal opportunities"), applying with a short
motivation, and the employee's own applications with their AI interview.

Openings come through ``recruitment.access.internal_opening_get_for_user`` (open, internal, employees only) and
applications through ``own_application_get`` (the applicant's own; anyone else's is 404).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from talentloop.console.forms import form_add_application_error
from talentloop.core.exceptions import ApplicationError, NotFound
from talentloop.org.access import actor_get
from talentloop.org.models import Role
from talentloop.recruitment.access import (
    applicant_person_get,
    internal_opening_get_for_user,
    own_application_get,
    own_application_list,
)
from talentloop.recruitment.models import MAX_MOTIVATION_CHARACTERS
from talentloop.recruitment.selectors import application_progress, internal_opening_list, own_application_progress_list
from talentloop.recruitment.services import application_create, application_withdraw


class ApplicationForm(forms.Form):
    # Required and length-limited by the service, so the page and the API give the same messages.
    motivation = forms.CharField(
        label=gettext_lazy("Why this role? (a few sentences)"),
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MAX_MOTIVATION_CHARACTERS}),
        required=False,
    )


def _employee_required(request: HttpRequest) -> None:
    if not actor_get(request.user).has(Role.EMPLOYEE):
        raise NotFound(_("Page not found."))


@login_required
def opportunity_list(request: HttpRequest) -> HttpResponse:
    _employee_required(request)
    context = {
        "section": "opportunities",
        "openings": internal_opening_list(user=request.user),
        "applications": own_application_progress_list(user=request.user),
    }
    return render(request, "portal/opportunities/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_detail(request: HttpRequest, opening_id: int) -> HttpResponse:
    opening = internal_opening_get_for_user(request.user, opening_id)
    person = applicant_person_get(request.user)
    application = own_application_list(request.user).filter(opening=opening).first()
    form = ApplicationForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            application = application_create(
                actor=request.user,
                opening=opening,
                person=person,
                motivation=form.cleaned_data["motivation"],
                request=request,
            )
        except ApplicationError as error:
            form_add_application_error(form, error)
            status = error.status
        else:
            messages.success(
                request, _("Application sent. Your AI interview is ready: take it whenever you are ready.")
            )
            return redirect("portal:application", application.pk)
    context = {"section": "opportunities", "opening": opening, "application": application, "form": form}
    return render(request, "portal/opportunities/detail.html", context, status=status)


@login_required
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    application = own_application_get(request.user, application_id)
    context = {"section": "opportunities", "progress": application_progress(application=application)}
    return render(request, "portal/opportunities/application.html", context)


@login_required
@require_POST
def application_withdraw_view(request: HttpRequest, application_id: int) -> HttpResponse:
    application = own_application_get(request.user, application_id)
    try:
        application_withdraw(actor=request.user, application=application, request=request)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your application was withdrawn."))
    return redirect("portal:application", application.pk)
