"""Console pages for reports: HR's report of an interview, the preview as the candidate, PDF downloads, releasing
a report and the per-job-profile visibility policy."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from talentloop.competencies.models import JobProfile
from talentloop.core.exceptions import NotFound
from talentloop.feedback.access import ReportAccess, report_check_manage, report_get_for_user
from talentloop.feedback.models import ReportPolicy
from talentloop.feedback.pdf import report_pdf_render
from talentloop.feedback.selectors import CANDIDATE, HR, Audience, report_policy_get, report_view_get
from talentloop.feedback.services.reports import report_download_record, report_policy_update, report_release
from talentloop.interviews.access import interview_setup_check_manage
from talentloop.notifications.events import report_available_notify


def _context(access: ReportAccess, audience: Audience) -> dict[str, Any]:
    view = (
        report_view_get(report=access.report, audience=audience, policy=access.policy)
        if access.report is not None
        else None
    )
    return {"section": "interviews", "session": access.session, "report": access.report, "view": view}


@login_required
def report_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    access = report_get_for_user(request.user, session_id, audience=HR, request=request)
    context = _context(access, HR)
    context["policy"] = access.policy
    context["policy_released_automatically"] = access.policy.release == ReportPolicy.Release.AUTOMATIC
    return render(request, "console/interviews/report.html", context)


@login_required
def report_preview(request: HttpRequest, session_id: int) -> HttpResponse:
    """Exactly what the candidate sees: the candidate's view of the same report under the same policy."""
    access = report_get_for_user(request.user, session_id, audience=HR, request=request)
    return render(request, "console/interviews/report_preview.html", _context(access, CANDIDATE))


def _pdf_response(request: HttpRequest, access: ReportAccess, audience: Audience) -> HttpResponse:
    if access.report is None:
        raise NotFound(_("This interview has not been scored yet, so it has no report."))
    context = _context(access, audience)
    pdf = report_pdf_render(context=context)
    report_download_record(report=access.report, actor=request.user, audience=audience, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"talentloop-report-{access.session.pk}-v{access.report.version}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def report_pdf(request: HttpRequest, session_id: int) -> HttpResponse:
    access = report_get_for_user(request.user, session_id, audience=HR, request=request)
    return _pdf_response(request, access, HR)


@login_required
def report_preview_pdf(request: HttpRequest, session_id: int) -> HttpResponse:
    access = report_get_for_user(request.user, session_id, audience=HR, request=request)
    return _pdf_response(request, access, CANDIDATE)


@login_required
@require_POST
def report_release_view(request: HttpRequest, session_id: int) -> HttpResponse:
    report_check_manage(request.user)
    access = report_get_for_user(request.user, session_id, audience=HR, request=request)
    if access.report is None:
        raise NotFound(_("This interview has not been scored yet, so it has no report."))
    report_release(report=access.report, actor=request.user, request=request)
    report_available_notify(session_id=access.session.pk)
    messages.success(request, _("The report is released to the candidate."))
    return redirect("console:interview_report", session_id=access.session.pk)


class ReportPolicyForm(forms.Form):
    score_display = forms.ChoiceField(label=gettext_lazy("Scores shown as"), choices=ReportPolicy.ScoreDisplay.choices)
    show_overall = forms.BooleanField(label=gettext_lazy("Show the overall score"), required=False)
    show_evidence = forms.BooleanField(label=gettext_lazy("Show quotes from the answers"), required=False)
    show_delivery_notes = forms.BooleanField(label=gettext_lazy("Show delivery notes"), required=False)
    release = forms.ChoiceField(label=gettext_lazy("Release the report"), choices=ReportPolicy.Release.choices)


@login_required
@require_http_methods(["GET", "POST"])
def report_policy_edit(request: HttpRequest, position_code: str) -> HttpResponse:
    interview_setup_check_manage(request.user)
    profile = JobProfile.objects.select_related("position").filter(position__code=position_code).first()
    if profile is None:
        raise NotFound(_("Job profile not found."))
    policy = report_policy_get(job_profile=profile)
    initial = {name: getattr(policy, name) for name in ReportPolicyForm.base_fields}
    form = ReportPolicyForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        report_policy_update(job_profile=profile, actor=request.user, request=request, **form.cleaned_data)
        messages.success(request, _("Saved what candidates see of their reports."))
        return redirect("console:report_policy", position_code=position_code)
    return render(
        request,
        "console/setup/report_policy.html",
        {"section": "setup", "profile": profile, "form": form, "title": _("What candidates see")},
    )
