"""The public careers site (no sign-in): open public openings, one opening with its requirements and the
application form, and the confirmation after applying (docs/decisions/0029-careers-page-and-resumes.md).

Openings come through ``recruitment.selectors.careers_opening_get`` (open and public only; anything else is 404).
Submissions are limited per IP address (``core.throttle``) and carry a honeypot field that people never see.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from talentloop.console.forms import form_add_application_error
from talentloop.core.exceptions import ApplicationError, Throttled
from talentloop.core.throttle import client_address, throttle_hit
from talentloop.recruitment.careers_services import CareersApplicationInput, careers_apply
from talentloop.recruitment.errors import RecruitmentErrorCode
from talentloop.recruitment.models import MAX_MOTIVATION_CHARACTERS
from talentloop.recruitment.selectors import (
    careers_department_list,
    careers_opening_get,
    careers_opening_list,
    careers_requirement_list,
)

HONEYPOT_FIELD = "website"
THROTTLE_WINDOW_SECONDS = 3600


class CareersApplicationForm(forms.Form):
    # Fields are checked by ``careers_apply`` so the messages are the service's; the form only parses.
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=200, required=False)
    email = forms.CharField(
        label=gettext_lazy("Email"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    mobile = forms.CharField(
        label=gettext_lazy("Mobile"),
        max_length=32,
        required=False,
        help_text=gettext_lazy("An 11-digit Chinese mobile number, or an international one starting with +."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    resume = forms.FileField(
        label=gettext_lazy("Résumé (PDF or Word .docx)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )
    note = forms.CharField(
        label=gettext_lazy("Note to the hiring team (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_MOTIVATION_CHARACTERS}),
    )
    consent = forms.BooleanField(
        label=gettext_lazy(
            "I agree that the company processes my application, résumé and AI interview to assess me for this "
            "role, as described in the privacy notice."
        ),
        required=False,
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["resume"].help_text = gettext_lazy("At most %(limit)d MB.") % {
            "limit": settings.CAREERS_RESUME_MAX_MB
        }


def _department_id(value: str) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def careers_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    department_id = _department_id(request.GET.get("department", ""))
    context = {
        "openings": careers_opening_list(query=query, department_id=department_id),
        "departments": careers_department_list(),
        "query": query,
        "department_id": department_id,
    }
    return render(request, "portal/careers/list.html", context)


@require_http_methods(["GET", "POST"])
def careers_detail(request: HttpRequest, opening_id: int) -> HttpResponse:
    opening = careers_opening_get(opening_id)
    posted = request.method == "POST"
    form = CareersApplicationForm(request.POST if posted else None, request.FILES if posted else None)
    status = 200
    if posted:
        allowed = throttle_hit(
            scope="careers-apply",
            key=client_address(request),
            limit=settings.CAREERS_APPLICATIONS_PER_HOUR,
            window_seconds=THROTTLE_WINDOW_SECONDS,
        )
        if not allowed:
            error = Throttled(_("Too many applications from your network in the last hour. Please try again later."))
            return render(request, "portal/careers/refused.html", {"opening": opening, "error": error}, status=429)
        if request.POST.get(HONEYPOT_FIELD):
            return redirect("careers:applied", opening.pk)  # a bot: tell it nothing, write nothing
        if form.is_valid():
            data = form.cleaned_data
            try:
                careers_apply(
                    opening=opening,
                    data=CareersApplicationInput(
                        full_name=data["full_name"],
                        email=data["email"],
                        mobile=data["mobile"],
                        resume=data["resume"],
                        consent=data["consent"],
                        note=data["note"],
                    ),
                    request=request,
                )
            except ApplicationError as error:
                if error.code == RecruitmentErrorCode.APPLICATION_DUPLICATE:
                    context = {"opening": opening, "error": error}
                    return render(request, "portal/careers/refused.html", context, status=error.status)
                form_add_application_error(form, error)
                status = error.status
            else:
                return redirect("careers:applied", opening.pk)
        else:
            status = 400
    context = {
        "opening": opening,
        "requirements": careers_requirement_list(opening=opening),
        "form": form,
        "honeypot_field": HONEYPOT_FIELD,
    }
    return render(request, "portal/careers/detail.html", context, status=status)


def careers_applied(request: HttpRequest, opening_id: int) -> HttpResponse:
    """The same thank-you for everyone: it names no applicant, so it tells a visitor nothing about anyone."""
    opening = careers_opening_get(opening_id)
    return render(request, "portal/careers/applied.html", {"opening": opening})
