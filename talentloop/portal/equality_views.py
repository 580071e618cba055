"""The person's own sensitive attributes (equal opportunity monitoring): optional, with a separate consent, and
withdrawable at any time. "Prefer not to say" records nothing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from talentloop.analytics.access import own_sensitive_attributes_get
from talentloop.analytics.models import AGE_BAND, SensitiveCategory
from talentloop.analytics.selectors import sensitive_category_list
from talentloop.analytics.services import (
    OLDEST_BIRTH_YEAR,
    sensitive_attributes_declare,
    sensitive_attributes_withdraw,
)
from talentloop.console.forms import form_add_application_error
from talentloop.core.exceptions import ApplicationError


class EqualityForm(forms.Form):
    birth_year = forms.IntegerField(
        label=gettext_lazy("Or give your birth year"),
        required=False,
        min_value=OLDEST_BIRTH_YEAR,
        help_text=gettext_lazy("We work out your age band from it and keep only the band, never the year."),
    )
    consent = forms.BooleanField(
        label=gettext_lazy(
            "I agree that TalentLoop keeps these answers, encrypted, to check that hiring treats groups fairly. "
            "Only HR admins can see them; they never affect decisions about me, and I can withdraw at any time."
        ),
        required=False,
    )

    def __init__(self, *args: Any, categories: list[SensitiveCategory], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        birth_year = self.fields.pop("birth_year")
        consent = self.fields.pop("consent")
        for category in categories:
            self.fields[f"category_{category.code}"] = forms.ChoiceField(
                label=category.label,
                required=False,
                choices=[("", _("Prefer not to say")), *category.value_choices()],
            )
            if category.code == AGE_BAND:
                self.fields["birth_year"] = birth_year
        self.fields["consent"] = consent
        self.category_codes = [category.code for category in categories]

    def values(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"category_{code}", "") for code in self.category_codes}


@login_required
@require_http_methods(["GET", "POST"])
def equality_view(request: HttpRequest) -> HttpResponse:
    person, attributes = own_sensitive_attributes_get(request.user, request=request)
    categories = list(sensitive_category_list())
    initial: dict[str, Any] = {f"category_{attribute.category.code}": attribute.value for attribute in attributes}
    form = EqualityForm(request.POST or None, categories=categories, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                sensitive_attributes_declare(
                    actor=request.user,
                    person=person,
                    values=form.values(),
                    consent=form.cleaned_data["consent"],
                    birth_year=form.cleaned_data.get("birth_year"),
                    request=request,
                )
            except ApplicationError as error:
                form_add_application_error(form, error)
            else:
                messages.success(request, _("Your answers are saved."))
                return redirect("portal:equality")
    descriptions = [
        (
            category.label,
            category.description_en if _english(request) and category.description_en else category.description,
        )
        for category in categories
    ]
    return render(
        request,
        "portal/equality.html",
        {
            "section": "portal",
            "form": form,
            "attributes": attributes,
            "descriptions": descriptions,
            "this_year": timezone.localdate().year,
        },
        status=status,
    )


def _english(request: HttpRequest) -> bool:
    return (getattr(request, "LANGUAGE_CODE", "") or "").startswith("en")


@login_required
@require_POST
def equality_withdraw(request: HttpRequest) -> HttpResponse:
    person, _attributes = own_sensitive_attributes_get(request.user)
    deleted = sensitive_attributes_withdraw(actor=request.user, person=person, request=request)
    if deleted:
        messages.success(request, _("Your consent is withdrawn and your answers are deleted."))
    else:
        messages.info(request, _("Nothing was recorded."))
    return redirect("portal:equality")
