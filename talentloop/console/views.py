"""The HR console: thin views that parse, authorize through org.access, call one service and render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from talentloop.accounts.models import User
from talentloop.console.careers_views import candidate_resume_context, duplicate_summary
from talentloop.console.forms import (
    AuditFilterForm,
    CandidateEditForm,
    CandidateForm,
    DepartmentForm,
    PositionForm,
    RoleGrantForm,
    form_add_application_error,
)
from talentloop.core.exceptions import ApplicationError, NotFound, PermissionDenied
from talentloop.core.selectors import audit_event_list
from talentloop.feedback.growth_access import growth_invitation_get_for_user
from talentloop.feedback.growth_selectors import growth_path_overview, growth_paths_for_candidate
from talentloop.org.access import (
    actor_get,
    audit_log_check_access,
    candidate_can_change,
    candidate_get_for_user,
    employee_get_for_user,
    organisation_check_manage,
    role_grants_check_manage,
)
from talentloop.org.models import Candidate, Role
from talentloop.org.selectors import (
    candidate_list,
    company_get_default,
    department_tree,
    employee_list,
    employee_record_get,
    position_list,
    role_grant_list,
)
from talentloop.org.services import (
    candidate_create,
    candidate_update,
    department_create,
    position_create,
    role_grant_create,
)
from talentloop.recruitment.access import application_list_for_user
from talentloop.recruitment.selectors import application_progress, resume_person_ids

PAGE_SIZE = 25


def _staff_required(request: HttpRequest) -> None:
    if not actor_get(request.user).is_staff_member:
        raise NotFound(_("Page not found."))


def _page(request: HttpRequest, items: Any) -> Any:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    _staff_required(request)
    candidates = candidate_list(user=request.user)
    context = {
        "section": "dashboard",
        "candidate_total": candidates.count(),
        "candidate_active": candidates.filter(status=Candidate.Status.ACTIVE).count(),
        "recent_candidates": candidates[:5],
        "employee_total": employee_list(user=request.user).count(),
    }
    return render(request, "console/dashboard.html", context)


@login_required
def candidate_list_view(request: HttpRequest) -> HttpResponse:
    _staff_required(request)
    query = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    # Résumé text is searched too (recruitment owns it; simple case-insensitive containment, decision 0029).
    matching = resume_person_ids(query=query) if query else None
    page = _page(request, candidate_list(user=request.user, query=query, status=status, matching_person_ids=matching))
    context = {
        "section": "candidates",
        "page": page,
        "query": query,
        "status": status,
        "statuses": Candidate.Status.choices,
        "can_create": candidate_can_change(request.user),
    }
    if not request.htmx:  # type: ignore[attr-defined]
        context.update(duplicate_summary(request.user))
    template = "console/_candidate_rows.html" if request.htmx else "console/candidate_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
def candidate_detail(request: HttpRequest, candidate_id: int) -> HttpResponse:
    _staff_required(request)
    candidate = candidate_get_for_user(request.user, candidate_id, request=request)
    return render(
        request,
        "console/candidate_detail.html",
        {
            "section": "candidates",
            "candidate": candidate,
            "can_change": candidate_can_change(request.user),
            "growth_paths": growth_paths_for_candidate(candidate_id=candidate.pk),
            **candidate_resume_context(request.user, person_id=candidate.person_id),
        },
    )


@login_required
def candidate_growth_path(request: HttpRequest, candidate_id: int, invitation_id: int) -> HttpResponse:
    """A candidate's growth path and progress, read-only for staff who may see the candidate."""
    _staff_required(request)
    candidate = candidate_get_for_user(request.user, candidate_id, request=request)
    invitation = growth_invitation_get_for_user(request.user, invitation_id, intent="view")
    if invitation.candidate_id != candidate.pk:
        raise NotFound(_("Interview not found."))
    session = getattr(invitation, "session", None)
    context = {
        "section": "candidates",
        "candidate": candidate,
        "invitation": invitation,
        "can_change": False,
        **growth_path_overview(session=session),
    }
    return render(request, "console/candidate_growth_path.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def candidate_create_view(request: HttpRequest) -> HttpResponse:
    _staff_required(request)
    if not candidate_can_change(request.user):
        raise PermissionDenied(_("Only HR can add candidates."))
    form = CandidateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        company = company_get_default()
        if company is None:
            raise NotFound(_("No company is set up yet."))
        try:
            candidate = candidate_create(actor=request.user, company=company, request=request, **form.cleaned_data)
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("Candidate %(name)s added.") % {"name": candidate.person.full_name})
            return redirect("console:candidate_detail", candidate_id=candidate.pk)
    return render(request, "console/candidate_form.html", {"section": "candidates", "form": form, "creating": True})


@login_required
@require_http_methods(["GET", "POST"])
def candidate_edit(request: HttpRequest, candidate_id: int) -> HttpResponse:
    _staff_required(request)
    candidate = candidate_get_for_user(request.user, candidate_id, intent="change", request=request)
    initial = {
        "full_name": candidate.person.full_name,
        "email": candidate.person.email,
        "mobile": candidate.person.mobile,
        "applied_position": candidate.applied_position,
        "source": candidate.source,
        "notes": candidate.notes,
        "status": candidate.status,
    }
    form = CandidateEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            candidate_update(actor=request.user, candidate=candidate, data=form.cleaned_data, request=request)
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("console:candidate_detail", candidate_id=candidate.pk)
    return render(
        request,
        "console/candidate_form.html",
        {"section": "candidates", "form": form, "candidate": candidate, "creating": False},
    )


@login_required
def employee_list_view(request: HttpRequest) -> HttpResponse:
    actor = actor_get(request.user)
    if not (actor.is_hr or actor.has(Role.HIRING_MANAGER)):
        raise NotFound(_("Page not found."))
    query = request.GET.get("q", "").strip()
    page = _page(request, employee_list(user=request.user, query=query))
    template = "console/_employee_rows.html" if request.htmx else "console/employee_list.html"  # type: ignore[attr-defined]
    return render(request, template, {"section": "employees", "page": page, "query": query})


@login_required
def employee_detail(request: HttpRequest, employee_id: int) -> HttpResponse:
    _staff_required(request)
    employee = employee_get_for_user(request.user, employee_id, request=request)
    return render(request, "console/employee_detail.html", {"section": "employees", "employee": employee})


@login_required
def employee_record(request: HttpRequest, employee_id: int) -> HttpResponse:
    """The employee record exactly as the employee reads it in the portal, with their internal applications."""
    _staff_required(request)
    employee = employee_get_for_user(request.user, employee_id, request=request)
    applications = application_list_for_user(request.user).filter(person_id=employee.person_id).order_by("-created_at")
    context = {
        "section": "employees",
        "record": employee_record_get(employee=employee),
        "applications": [application_progress(application=a) for a in applications],
    }
    return render(request, "console/employee_record.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation(request: HttpRequest) -> HttpResponse:
    _staff_required(request)
    organisation_check_manage(request.user)
    company = company_get_default()
    if company is None:
        raise NotFound(_("No company is set up yet."))
    department_form = DepartmentForm(request.POST if request.POST.get("form") == "department" else None)
    position_form = PositionForm(request.POST if request.POST.get("form") == "position" else None)
    if request.method == "POST":
        if department_form.is_bound and department_form.is_valid():
            try:
                department = department_create(company=company, **department_form.cleaned_data)
            except ApplicationError as error:
                form_add_application_error(department_form, error)
            else:
                messages.success(request, _("Department %(name)s added.") % {"name": department.name})
                return redirect("console:organisation")
        elif position_form.is_bound and position_form.is_valid():
            try:
                position = position_create(**position_form.cleaned_data)
            except ApplicationError as error:
                form_add_application_error(position_form, error)
            else:
                messages.success(request, _("Position %(title)s added.") % {"title": position.title})
                return redirect("console:organisation")
    context = {
        "section": "organisation",
        "company": company,
        "departments": department_tree(company=company),
        "positions": position_list(),
        "department_form": department_form,
        "position_form": position_form,
    }
    return render(request, "console/organisation.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def role_list(request: HttpRequest) -> HttpResponse:
    _staff_required(request)
    role_grants_check_manage(request.user)
    form = RoleGrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = User.objects.filter(username=form.cleaned_data["username"]).first()
        if user is None:
            form.add_error("username", _("No user with this username."))
        else:
            try:
                role_grant_create(
                    actor=request.user,
                    user=user,
                    role=Role(form.cleaned_data["role"]),
                    department=form.cleaned_data["department"],
                    request=request,
                )
            except ApplicationError as error:
                form_add_application_error(form, error)
            else:
                messages.success(request, _("Role granted."))
                return redirect("console:role_list")
    return render(request, "console/role_list.html", {"section": "roles", "grants": role_grant_list(), "form": form})


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    audit_log_check_access(request.user)
    form = AuditFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = {
            "query": form.cleaned_data["q"],
            "action": form.cleaned_data["action"],
            "since": form.cleaned_data["since"],
            "until": form.cleaned_data["until"],
        }
    page = _page(request, audit_event_list(**filters).select_related(None))
    template = "console/_audit_rows.html" if request.htmx else "console/audit_log.html"  # type: ignore[attr-defined]
    return render(request, template, {"section": "audit", "page": page, "form": form})
