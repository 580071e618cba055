"""HR's pages for the learning library (培训资源库): list with filters, create, edit, deactivate, import, export.

Staff may read; only HR may change anything (``talentloop.learning.access``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from talentloop.competencies.selectors import dimension_list
from talentloop.console.forms import form_add_application_error
from talentloop.console.learning_forms import CourseForm, LibraryImportForm, MentorForm, ProjectForm
from talentloop.core.exceptions import ApplicationError, NotFound, ValidationFailed
from talentloop.learning.access import library_can_manage, library_check_manage, library_check_view
from talentloop.learning.io import (
    EXPORT_CONTENT_TYPES,
    ImportFileError,
    learning_library_export_file,
    learning_library_rows_from_upload,
)
from talentloop.learning.models import Course, Mentor, PracticeProject
from talentloop.learning.selectors import (
    course_get_by_code,
    course_list,
    mentor_get,
    mentor_list,
    project_get_by_code,
    project_list,
)
from talentloop.learning.services import (
    course_save,
    learning_library_import,
    library_item_set_active,
    mentor_save,
    project_save,
)

KINDS = ("courses", "projects", "mentors")


def _active_filter(value: str) -> bool | None:
    return {"1": True, "0": False}.get(value)


@login_required
def library_list_view(request: HttpRequest) -> HttpResponse:
    library_check_view(request.user)
    kind = request.GET.get("type", "courses")
    if kind not in KINDS:
        kind = "courses"
    dimension_code = request.GET.get("dimension", "")
    course_format = request.GET.get("format", "")
    active = _active_filter(request.GET.get("active", "1"))
    items: Any
    if kind == "courses":
        items = course_list(dimension_code=dimension_code, course_format=course_format, active=active)
    elif kind == "projects":
        items = project_list(dimension_code=dimension_code, active=active)
    else:
        items = mentor_list(dimension_code=dimension_code, active=active)
    context = {
        "section": "learning",
        "kind": kind,
        "items": items,
        "dimensions": dimension_list(),
        "formats": Course.Format.choices,
        "filters": {"dimension": dimension_code, "format": course_format, "active": request.GET.get("active", "1")},
        "can_manage": library_can_manage(request.user),
        "export_formats": list(EXPORT_CONTENT_TYPES),
    }
    template = "console/learning/_rows.html" if request.htmx else "console/learning/library_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def _form_page(request: HttpRequest, form: Any, kind: str, item: Any, save: Any) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            result = save(actor=request.user, data=form.to_input())
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("Saved “%(item)s”.") % {"item": result.item})
            return redirect(f"{_list_url()}?type={kind}")
    return render(
        request, "console/learning/item_form.html", {"section": "learning", "form": form, "kind": kind, "item": item}
    )


def _list_url() -> str:
    return reverse("console:library_list")


@login_required
@require_http_methods(["GET", "POST"])
def course_form_view(request: HttpRequest, code: str | None = None) -> HttpResponse:
    library_check_manage(request.user)
    course = course_get_by_code(code=code) if code else None
    form = CourseForm(request.POST or None, course=course)
    return _form_page(request, form, "courses", course, course_save)


@login_required
@require_http_methods(["GET", "POST"])
def project_form_view(request: HttpRequest, code: str | None = None) -> HttpResponse:
    library_check_manage(request.user)
    project = project_get_by_code(code=code) if code else None
    form = ProjectForm(request.POST or None, project=project)
    return _form_page(request, form, "projects", project, project_save)


@login_required
@require_http_methods(["GET", "POST"])
def mentor_form_view(request: HttpRequest, mentor_id: int | None = None) -> HttpResponse:
    library_check_manage(request.user)
    mentor = mentor_get(mentor_id=mentor_id) if mentor_id else None
    form = MentorForm(request.POST or None, mentor=mentor)
    return _form_page(request, form, "mentors", mentor, mentor_save)


@login_required
@require_POST
def library_item_set_active_view(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    library_check_manage(request.user)
    item: Course | PracticeProject | Mentor
    if kind == "courses":
        item = course_get_by_code(code=key)
    elif kind == "projects":
        item = project_get_by_code(code=key)
    elif kind == "mentors":
        item = mentor_get(mentor_id=key)
    else:
        raise NotFound(_("Page not found."))
    is_active = request.POST.get("active") == "1"
    library_item_set_active(actor=request.user, item=item, is_active=is_active)
    if is_active:
        messages.success(request, _("“%(item)s” is active again.") % {"item": item})
    else:
        messages.success(request, _("“%(item)s” is deactivated: new growth paths will not offer it.") % {"item": item})
    return redirect(f"{_list_url()}?type={kind}")


@login_required
def library_export_view(request: HttpRequest) -> HttpResponse:
    library_check_view(request.user)
    file_format = request.GET.get("format", "json")
    if file_format not in EXPORT_CONTENT_TYPES:
        raise ValidationFailed(_("Unknown export format."), fields={"format": [_("Use json or xlsx.")]})
    exported = learning_library_export_file(
        courses=course_list(), projects=project_list(), mentors=mentor_list(), file_format=file_format,
        on=timezone.localdate(),
    )  # fmt: skip
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def library_import_view(request: HttpRequest) -> HttpResponse:
    library_check_manage(request.user)
    form = LibraryImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = learning_library_rows_from_upload(filename=upload.name, content=upload.read())
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            report = learning_library_import(actor=request.user, rows=rows)
    return render(
        request, "console/learning/library_import.html", {"section": "learning", "form": form, "report": report}
    )
