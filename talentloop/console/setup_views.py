"""HR's pages for the interview set-up: the competency library, job profiles and the question bank.

Staff may read every page; only HR may change anything (``talentloop.interviews.access``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from talentloop.competencies.models import LEVELS, Dimension, JobProfile
from talentloop.competencies.selectors import dimension_get, dimension_list, job_profile_list, job_profile_weights
from talentloop.competencies.services import dimension_create, dimension_update, job_profile_save
from talentloop.console.forms import form_add_application_error
from talentloop.console.setup_forms import (
    DimensionForm,
    JobProfileForm,
    QuestionBankImportForm,
    QuestionEditor,
    job_profile_add_application_error,
    requirement_formset,
    requirement_inputs,
)
from talentloop.core.exceptions import ApplicationError, NotFound, PermissionDenied, ValidationFailed
from talentloop.interviews.access import interview_setup_check_manage, interview_setup_check_view
from talentloop.org.models import Position
from talentloop.questionbank.io import (
    EXPORT_CONTENT_TYPES,
    ImportFileError,
    question_bank_export_file,
    question_bank_rows_from_upload,
)
from talentloop.questionbank.models import Question
from talentloop.questionbank.selectors import question_get_by_code, question_list, rubric_history
from talentloop.questionbank.services import SaveResult, question_bank_import, question_save, question_set_active

PAGE_SIZE = 25


def _can_manage(user: Any) -> bool:
    try:
        interview_setup_check_manage(user)
    except PermissionDenied:
        return False
    return True


# --- competency library -----------------------------------------------------------------------------------------


@login_required
def dimension_list_view(request: HttpRequest) -> HttpResponse:
    interview_setup_check_view(request.user)
    context = {
        "section": "questions",
        "dimensions": dimension_list(),
        "levels": LEVELS,
        "can_manage": _can_manage(request.user),
    }
    return render(request, "console/setup/dimension_list.html", context)


def _dimension_form_page(request: HttpRequest, dimension: Dimension | None) -> HttpResponse:
    form = DimensionForm(request.POST or None, dimension=dimension)
    if request.method == "POST" and form.is_valid():
        try:
            if dimension is None:
                saved = dimension_create(**form.service_arguments())
            else:
                saved = dimension_update(dimension=dimension, **form.service_arguments())
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("Dimension %(name)s saved.") % {"name": saved.name})
            return redirect("console:dimension_list")
    return render(
        request, "console/setup/dimension_form.html", {"section": "questions", "form": form, "dimension": dimension}
    )


@login_required
@require_http_methods(["GET", "POST"])
def dimension_create_view(request: HttpRequest) -> HttpResponse:
    interview_setup_check_manage(request.user)
    return _dimension_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def dimension_edit_view(request: HttpRequest, code: str) -> HttpResponse:
    interview_setup_check_manage(request.user)
    return _dimension_form_page(request, dimension_get(code=code))


# --- job profiles -----------------------------------------------------------------------------------------------


def _requirement_rows(profile: JobProfile) -> list[dict[str, Any]]:
    """Each requirement with its weight as a percentage of the profile's total weight."""
    shares = job_profile_weights(profile)
    return [
        {
            "requirement": requirement,
            "percent": (shares.get(requirement.dimension.code, Decimal("0")) * 100).quantize(Decimal("0.1")),
        }
        for requirement in profile.requirements.all()
    ]


@login_required
def job_profile_list_view(request: HttpRequest) -> HttpResponse:
    interview_setup_check_view(request.user)
    profiles = list(job_profile_list())
    covered = {profile.position_id for profile in profiles}
    context = {
        "section": "questions",
        "profiles": [{"profile": profile, "rows": _requirement_rows(profile)} for profile in profiles],
        "positions_without_profile": Position.objects.select_related("department").exclude(pk__in=covered),
        "can_manage": _can_manage(request.user),
    }
    return render(request, "console/setup/job_profile_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def job_profile_edit_view(request: HttpRequest, position_code: str) -> HttpResponse:
    interview_setup_check_manage(request.user)
    position = Position.objects.select_related("department").filter(code=position_code).first()
    if position is None:
        raise NotFound(_("Position not found."))
    profile = job_profile_list().filter(position=position).first()
    data = request.POST if request.method == "POST" else None
    initial = {}
    if profile is not None:
        initial = {
            "pass_threshold": profile.pass_threshold,
            "summary": profile.summary,
            "summary_en": profile.summary_en,
        }
    form = JobProfileForm(data, initial=initial)
    formset = requirement_formset(
        data, dimensions=dimension_list(), requirements=profile.requirements.all() if profile else ()
    )
    if data is not None and form.is_valid() and formset.is_valid():
        try:
            job_profile_save(
                actor=request.user,
                position=position,
                requirements=requirement_inputs(formset),
                pass_threshold=form.cleaned_data["pass_threshold"],
                summary=form.cleaned_data["summary"],
                summary_en=form.cleaned_data["summary_en"],
            )
        except ApplicationError as error:
            job_profile_add_application_error(form, formset, error)
        else:
            messages.success(request, _("Job profile of %(position)s saved.") % {"position": position.title})
            return redirect("console:job_profile_list")
    context = {
        "section": "questions",
        "position": position,
        "profile": profile,
        "form": form,
        "formset": formset,
    }
    return render(request, "console/setup/job_profile_form.html", context)


# --- question bank ----------------------------------------------------------------------------------------------


@login_required
def question_list_view(request: HttpRequest) -> HttpResponse:
    interview_setup_check_view(request.user)
    filters = {
        "query": request.GET.get("q", "").strip(),
        "kind": request.GET.get("kind", ""),
        "dimension_code": request.GET.get("dimension", ""),
        "position_code": request.GET.get("position", ""),
    }
    questions = question_list(
        query=filters["query"],
        kind=filters["kind"],
        dimension_code=filters["dimension_code"],
        position_code=filters["position_code"],
    )
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "section": "questions",
        "page": page,
        "filters": filters,
        "kinds": Question.Kind.choices,
        "dimensions": Dimension.objects.only("code", "name"),
        "positions": Position.objects.only("code", "title"),
        "export_formats": list(EXPORT_CONTENT_TYPES),
        "can_manage": _can_manage(request.user),
    }
    template = "console/setup/_question_rows.html" if request.htmx else "console/setup/question_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
def question_detail_view(request: HttpRequest, code: str) -> HttpResponse:
    interview_setup_check_view(request.user)
    question = question_get_by_code(code=code)
    history: dict[Dimension, list[Any]] = {}
    for rubric in rubric_history(question=question):
        history.setdefault(rubric.dimension, []).append(rubric)
    context = {
        "section": "questions",
        "question": question,
        "rubrics": [rubric for rubric in question.rubrics.all() if rubric.is_current],
        "history": list(history.items()),
        "can_manage": _can_manage(request.user),
    }
    return render(request, "console/setup/question_detail.html", context)


def _save_messages(request: HttpRequest, result: SaveResult) -> None:
    """Tell HR exactly what the save did: which rubrics got a new version, or that nothing changed."""
    if result.created:
        messages.success(request, _("Question %(code)s created.") % {"code": result.question.code})
        return
    if not result.changed:
        messages.info(request, _("Nothing changed; no new rubric version was created."))
        return
    if not result.new_rubric_versions:
        messages.success(request, _("Question saved; its rubrics did not change."))
    for rubric in result.new_rubric_versions:
        messages.success(
            request,
            _("A new rubric version was created: %(dimension)s, version %(version)s.")
            % {"dimension": rubric.dimension.name, "version": rubric.version},
        )


def _question_form_page(request: HttpRequest, question: Question | None) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    editor = QuestionEditor(data, dimensions=dimension_list(), question=question)
    if data is not None and editor.is_valid():
        question_input = editor.to_input()
        if question is None and Question.objects.filter(code=question_input.code).exists():
            # question_save updates a question with the same code; creating must not overwrite one silently.
            editor.form.add_error("code", _("A question with this code already exists."))
        else:
            try:
                result = question_save(actor=request.user, data=question_input)
            except ApplicationError as error:
                editor.add_application_error(error)
            else:
                _save_messages(request, result)
                return redirect("console:question_detail", code=result.question.code)
    context = {"section": "questions", "editor": editor, "question": question}
    return render(request, "console/setup/question_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def question_create_view(request: HttpRequest) -> HttpResponse:
    interview_setup_check_manage(request.user)
    return _question_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit_view(request: HttpRequest, code: str) -> HttpResponse:
    interview_setup_check_manage(request.user)
    return _question_form_page(request, question_get_by_code(code=code))


@login_required
@require_POST
def question_set_active_view(request: HttpRequest, code: str) -> HttpResponse:
    interview_setup_check_manage(request.user)
    question = question_get_by_code(code=code)
    is_active = request.POST.get("active") == "1"
    question_set_active(actor=request.user, question=question, is_active=is_active)
    if is_active:
        messages.success(request, _("Question %(code)s is active again.") % {"code": question.code})
    else:
        messages.success(
            request, _("Question %(code)s is deactivated; new templates will not use it.") % {"code": question.code}
        )
    return redirect("console:question_detail", code=question.code)


# --- import and export ------------------------------------------------------------------------------------------


@login_required
def question_bank_export_view(request: HttpRequest) -> HttpResponse:
    interview_setup_check_view(request.user)
    file_format = request.GET.get("format", "json")
    if file_format not in EXPORT_CONTENT_TYPES:
        raise ValidationFailed(_("Unknown export format."), fields={"format": [_("Use json or xlsx.")]})
    exported = question_bank_export_file(questions=question_list(), file_format=file_format, on=timezone.localdate())
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def question_bank_import_view(request: HttpRequest) -> HttpResponse:
    interview_setup_check_manage(request.user)
    form = QuestionBankImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = question_bank_rows_from_upload(filename=upload.name, content=upload.read())
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            report = question_bank_import(actor=request.user, rows=rows)
    context = {"section": "questions", "form": form, "report": report}
    return render(request, "console/setup/question_bank_import.html", context)
