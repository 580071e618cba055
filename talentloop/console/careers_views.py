"""HR's side of the careers site: downloading a résumé (access-checked, audited) and reviewing possible duplicate
people (an applicant whose email matched one person and mobile another). Decision 0029."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from talentloop.core.exceptions import ApplicationError
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.org.access import actor_get
from talentloop.recruitment.access import duplicates_check_view, resume_get_for_user, resume_list_for_user
from talentloop.recruitment.careers_services import possible_duplicate_dismiss
from talentloop.recruitment.models import PossibleDuplicate
from talentloop.recruitment.selectors import possible_duplicate_list, possible_duplicate_list_for_person


def candidate_resume_context(user: Any, *, person_id: int) -> dict[str, Any]:
    """What the candidate page shows of the careers site: the résumés the user may open, and (for HR) open
    possible-duplicate flags naming this person."""
    resumes = list(resume_list_for_user(user).filter(person_id=person_id).order_by("-created_at", "-pk"))
    duplicates = list(possible_duplicate_list_for_person(person_id=person_id)) if actor_get(user).is_hr else []
    return {"resumes": resumes, "possible_duplicates": duplicates}


def duplicate_summary(user: Any) -> dict[str, Any]:
    if not actor_get(user).is_hr:
        return {"can_review_duplicates": False}
    return {"can_review_duplicates": True, "duplicate_count": possible_duplicate_list().count()}


@login_required
def resume_download(request: HttpRequest, resume_id: int) -> HttpResponseBase:
    resume = resume_get_for_user(request.user, resume_id)
    audit_record(actor=request.user, action=AuditEvent.Action.VIEW, target=resume, request=request)
    response = FileResponse(
        resume.file.open("rb"), as_attachment=True, filename=resume.original_name, content_type=resume.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def duplicate_list(request: HttpRequest) -> HttpResponse:
    duplicates_check_view(request.user)
    context = {"section": "candidates", "duplicates": possible_duplicate_list()}
    return render(request, "console/candidates/duplicates.html", context)


@login_required
@require_POST
def duplicate_dismiss(request: HttpRequest, duplicate_id: int) -> HttpResponse:
    duplicates_check_view(request.user)
    duplicate = get_object_or_404(PossibleDuplicate, pk=duplicate_id)
    try:
        possible_duplicate_dismiss(actor=request.user, duplicate=duplicate, request=request)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Marked as two different people."))
    return redirect("console:candidate_duplicates")
