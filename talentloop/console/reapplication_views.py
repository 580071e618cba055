"""HR's "Re-applications": the funnel of coming back stronger (did not pass → started the growth path → finished
it → re-applied → passed → hired), filterable by job profile, with the list of re-applications; and the
per-job-profile re-application policy, edited next to the report policy."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from talentloop.competencies.models import JobProfile
from talentloop.console.forms import form_add_application_error
from talentloop.core.exceptions import ApplicationError, NotFound
from talentloop.feedback.models import REAPPLICATION_MAX_COOLDOWN_DAYS
from talentloop.feedback.reapplication_access import reapplication_job_profile_get, reapplications_check_manage
from talentloop.feedback.reapplication_selectors import (
    reapplication_funnel_get,
    reapplication_list,
    reapplication_policy_get,
    reapplication_rows,
)
from talentloop.feedback.services.reapplications import reapplication_policy_update
from talentloop.interviews.access import interview_setup_check_manage

LIST_LIMIT = 200


@login_required
def reapplication_funnel_view(request: HttpRequest) -> HttpResponse:
    reapplications_check_manage(request.user)
    profile = reapplication_job_profile_get(request.GET.get("job_profile"))
    stages = reapplication_funnel_get(job_profile=profile)
    first = stages[0].count
    context: dict[str, Any] = {
        "section": "reapplications",
        "profiles": JobProfile.objects.select_related("position").order_by("position__title"),
        "profile": profile,
        "stages": [(stage, round(100 * stage.count / first) if first else 0) for stage in stages],
        "rows": reapplication_rows(reapplication_list(job_profile=profile)[:LIST_LIMIT]),
    }
    return render(request, "console/reapplications/funnel.html", context)


class ReapplicationPolicyForm(forms.Form):
    is_open = forms.BooleanField(label=gettext_lazy("Candidates who did not pass may re-apply"), required=False)
    cooldown_days = forms.IntegerField(
        label=gettext_lazy("Cool-down period (days)"),
        min_value=0,
        max_value=REAPPLICATION_MAX_COOLDOWN_DAYS,
        help_text=gettext_lazy("Counted from the day the interview was submitted."),
    )
    early_after_growth_path = forms.BooleanField(
        label=gettext_lazy("Allow re-applying earlier, once the growth path for the weak dimensions is complete"),
        required=False,
    )


@login_required
@require_http_methods(["GET", "POST"])
def reapplication_policy_edit(request: HttpRequest, position_code: str) -> HttpResponse:
    interview_setup_check_manage(request.user)
    profile = JobProfile.objects.select_related("position").filter(position__code=position_code).first()
    if profile is None:
        raise NotFound(_("Job profile not found."))
    policy = reapplication_policy_get(job_profile=profile)
    initial = {name: getattr(policy, name) for name in ReapplicationPolicyForm.base_fields}
    form = ReapplicationPolicyForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            reapplication_policy_update(job_profile=profile, actor=request.user, request=request, **form.cleaned_data)
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("Saved when candidates may re-apply."))
            return redirect("console:reapplication_policy", position_code=position_code)
    return render(
        request,
        "console/setup/reapplication_policy.html",
        {"section": "setup", "profile": profile, "form": form},
    )
