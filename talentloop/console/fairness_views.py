"""HR admins' fairness audit (page, CSV, PDF) and the sensitive attributes behind it (categories, one person's
values). Everyone else: the attributes do not exist (404); the audit page is 403 for other staff."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from talentloop.analytics.access import (
    fairness_audit_check_access,
    sensitive_attributes_check_access,
    sensitive_attributes_get_for_user,
)
from talentloop.analytics.fairness_chart import fairness_chart
from talentloop.analytics.fairness_exports import (
    fairness_report_csv,
    fairness_report_facts,
    fairness_report_filename,
    fairness_report_pdf,
)
from talentloop.analytics.fairness_selectors import FairnessFilters, FairnessReport, fairness_report_get
from talentloop.analytics.selectors import sensitive_category_list
from talentloop.analytics.services import sensitive_attribute_record, sensitive_category_create
from talentloop.console.fairness_forms import FairnessFilterForm, SensitiveAttributeForm, SensitiveCategoryForm
from talentloop.console.forms import form_add_application_error
from talentloop.core.exceptions import ApplicationError, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record

AUDIT_OBJECT_TYPE = "analytics.fairness_audit"


def _filters_for_audit(filters: FairnessFilters) -> dict[str, Any]:
    return {
        "outcome": filters.outcome,
        "categories": [category.code for category in filters.categories],
        "opening": filters.opening.pk if filters.opening else None,
        "department": filters.department.pk if filters.department else None,
        "date_from": filters.date_from.isoformat() if filters.date_from else None,
        "date_to": filters.date_to.isoformat() if filters.date_to else None,
        "exclude_small": filters.exclude_small,
        "stage_kind": filters.stage_kind if filters.outcome == "advance" else None,
    }


def _report(request: HttpRequest, *, action: str) -> FairnessReport:
    """Parse the filters (400 on a bad one), build the report and audit who looked at which slice."""
    form = FairnessFilterForm(request.GET)
    if not form.is_valid():
        raise ValidationFailed(
            form.error_message(),
            fields={name: [str(error) for error in errors] for name, errors in form.errors.items()},
        )
    filters = form.filters()
    report = fairness_report_get(filters=filters)
    audit_record(
        actor=request.user,
        action=action,
        object_type=AUDIT_OBJECT_TYPE,
        object_label=f"{report.outcome_label} · {report.category_label}",
        changes={"filters": _filters_for_audit(filters)},
        request=request,
    )
    return report


@login_required
@require_GET
def fairness_view(request: HttpRequest) -> HttpResponse:
    fairness_audit_check_access(request.user)
    form = FairnessFilterForm(request.GET)
    context: dict[str, Any] = {"section": "fairness", "form": form}
    if not form.is_valid():
        context["error_message"] = form.error_message()
        return render(request, "console/analytics/fairness.html", context, status=400)
    report = _report(request, action=AuditEvent.Action.VIEW)
    context.update(
        {
            "report": report,
            "facts": fairness_report_facts(report),
            "chart": fairness_chart(report),
            "query": request.GET.urlencode(),
        }
    )
    return render(request, "console/analytics/fairness.html", context)


@login_required
@require_GET
def fairness_csv(request: HttpRequest) -> HttpResponse:
    fairness_audit_check_access(request.user)
    report = _report(request, action=AuditEvent.Action.EXPORT)
    # A byte-order mark so that spreadsheet programs on Windows read the Chinese labels as UTF-8.
    response = HttpResponse("\ufeff" + fairness_report_csv(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{fairness_report_filename(report, "csv")}"'
    return response


@login_required
@require_GET
def fairness_pdf(request: HttpRequest) -> HttpResponse:
    fairness_audit_check_access(request.user)
    report = _report(request, action=AuditEvent.Action.EXPORT)
    response = HttpResponse(fairness_report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{fairness_report_filename(report, "pdf")}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def sensitive_category_list_view(request: HttpRequest) -> HttpResponse:
    sensitive_attributes_check_access(request.user)
    form = SensitiveCategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            category = sensitive_category_create(actor=request.user, request=request, **form.cleaned_data)
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("Category %(name)s added.") % {"name": category.label})
            return redirect("console:sensitive_categories")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "console/analytics/sensitive_categories.html",
        {"section": "fairness", "categories": sensitive_category_list(active_only=False), "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def sensitive_attributes_view(request: HttpRequest, person_id: int) -> HttpResponse:
    person, attributes = sensitive_attributes_get_for_user(request.user, person_id, request=request)
    categories = list(sensitive_category_list())
    initial: dict[str, Any] = {f"category_{attribute.category.code}": attribute.value for attribute in attributes}
    form = SensitiveAttributeForm(request.POST or None, categories=categories, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            sensitive_attribute_record(
                actor=request.user,
                person=person,
                values=form.values(),
                consent_given_on=form.cleaned_data["consent_given_on"],
                consent_evidence=form.cleaned_data["consent_evidence"],
                request=request,
            )
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("Sensitive attributes saved."))
            return redirect("console:sensitive_attributes", person_id=person.pk)
    return render(
        request,
        "console/analytics/sensitive_attributes.html",
        {"section": "fairness", "person": person, "attributes": attributes, "form": form},
        status=400 if request.method == "POST" else 200,
    )
