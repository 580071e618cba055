"""Console pages of the recruitment pipeline: an opening's board (kanban), its stage settings, one application
with its history and scorecards, and the scorecard form.

HR moves, rejects (one or in bulk) and edits stages; hiring managers read the boards of the openings they see and
submit scorecards (``talentloop.recruitment.access``). Every page works without JavaScript: the board's
drag-and-drop (static/talentloop/pipeline_board.js) posts the same form as each card's "Move to" select.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from talentloop.core.exceptions import ApplicationError, NotFound, ValidationFailed
from talentloop.org.access import candidate_list_for_user
from talentloop.recruitment.access import (
    opening_get_for_user,
    openings_check_view,
    pipeline_application_get_for_user,
    pipeline_can_move,
    pipeline_can_score,
    pipeline_check_move,
)
from talentloop.recruitment.models import Application, Opening, PipelineStage, Scorecard
from talentloop.recruitment.selectors import opening_board_get, scorecard_list, stage_list, stage_move_list
from talentloop.recruitment.services import (
    StageInput,
    application_move,
    application_reject,
    applications_bulk_move,
    applications_bulk_reject,
    opening_stages_update,
    scorecard_dimensions,
    scorecard_submit,
)


def _stage_of(opening: Opening, value: Any) -> PipelineStage:
    try:
        return PipelineStage.objects.get(opening=opening, pk=int(value))
    except (PipelineStage.DoesNotExist, TypeError, ValueError):
        raise ValidationFailed(
            _("Choose one of this opening's stages."), fields={"to_stage": [_("Required.")]}
        ) from None


def _board_context(request: HttpRequest, opening: Opening) -> dict[str, Any]:
    return {
        "section": "openings",
        "opening": opening,
        "board": opening_board_get(opening=opening),
        "can_move": pipeline_can_move(request.user),
        "reasons": Application.RejectionReason.choices,
    }


def _board_response(request: HttpRequest, opening: Opening) -> HttpResponse:
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "console/pipeline/_board.html", _board_context(request, opening))
    return redirect("console:opening_board", opening.pk)


@login_required
def board_view(request: HttpRequest, opening_id: int) -> HttpResponse:
    openings_check_view(request.user)
    opening = opening_get_for_user(request.user, opening_id)
    return render(request, "console/pipeline/board.html", _board_context(request, opening))


@login_required
@require_POST
def board_move_view(request: HttpRequest, opening_id: int) -> HttpResponse:
    """Move one card (the card's select, or a drop on a column)."""
    openings_check_view(request.user)
    pipeline_check_move(request.user)
    opening = opening_get_for_user(request.user, opening_id, intent="change")
    try:
        application = pipeline_application_get_for_user(
            request.user, request.POST.get("application", ""), intent="move"
        )
        if application.opening_id != opening.pk:
            raise NotFound(_("Application not found."))
        stage = _stage_of(opening, request.POST.get("to_stage"))
        application_move(
            actor=request.user,
            application=application,
            to_stage=stage,
            note=request.POST.get("note", ""),
            request=request,
        )
        messages.success(
            request,
            _("%(person)s moved to %(stage)s.") % {"person": application.person.full_name, "stage": stage.label},
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        if request.htmx:  # type: ignore[attr-defined]
            response = _board_response(request, opening)
            response.status_code = error.status
            return response
    return _board_response(request, opening)


@login_required
@require_POST
def board_bulk_view(request: HttpRequest, opening_id: int) -> HttpResponse:
    """Move or reject the selected cards: all of them or none."""
    openings_check_view(request.user)
    pipeline_check_move(request.user)
    opening = opening_get_for_user(request.user, opening_id, intent="change")
    action = request.POST.get("action", "")
    ids: list[int] = []
    try:
        try:
            ids = [int(value) for value in request.POST.getlist("applications")]
        except ValueError:
            raise ValidationFailed(_("Select at least one application.")) from None
        if action == "move":
            stage = _stage_of(opening, request.POST.get("to_stage"))
            moves = applications_bulk_move(
                actor=request.user, opening=opening, application_ids=ids, to_stage=stage, request=request
            )
            messages.success(
                request, _("%(count)d applications moved to %(stage)s.") % {"count": len(moves), "stage": stage.label}
            )
        elif action == "reject":
            moves = applications_bulk_reject(
                actor=request.user,
                opening=opening,
                application_ids=ids,
                reason=request.POST.get("reason", ""),
                note=request.POST.get("note", ""),
                request=request,
            )
            messages.success(request, _("%(count)d applications rejected.") % {"count": len(moves)})
        else:
            raise ValidationFailed(_("Choose what to do with the selected applications."))
    except ApplicationError as error:
        messages.error(request, error.message)
    return _board_response(request, opening)


@login_required
@require_http_methods(["GET", "POST"])
def stages_view(request: HttpRequest, opening_id: int) -> HttpResponse:
    """Rename, reorder (by the position numbers), add and remove an opening's stages."""
    openings_check_view(request.user)
    pipeline_check_move(request.user)
    opening = opening_get_for_user(request.user, opening_id, intent="change")
    stages = stage_list(opening=opening)
    rows: list[dict[str, Any]] = [
        {"id": s.pk, "name": s.name, "name_en": s.name_en, "kind": s.kind, "order": s.position, "remove": False}
        for s in stages
    ]
    error = ""
    if request.method == "POST":
        rows = []
        for index in range(int(request.POST.get("rows", "0") or 0)):
            prefix = f"stage-{index}-"
            raw_id = request.POST.get(prefix + "id", "")
            name = request.POST.get(prefix + "name", "")
            if not raw_id and not name.strip():
                continue  # an unused blank row
            try:
                order = float(request.POST.get(prefix + "order", "") or 999)
            except ValueError:
                order = 999.0
            rows.append(
                {
                    "id": int(raw_id) if raw_id.isdigit() else None,
                    "name": name,
                    "name_en": request.POST.get(prefix + "name_en", ""),
                    "kind": request.POST.get(prefix + "kind", ""),
                    "order": order,
                    "remove": bool(request.POST.get(prefix + "remove")),
                }
            )
        kept = sorted((row for row in rows if not row["remove"]), key=lambda row: (row["order"], rows.index(row)))
        try:
            opening_stages_update(
                actor=request.user,
                opening=opening,
                stages=[StageInput(name=r["name"], name_en=r["name_en"], kind=r["kind"], id=r["id"]) for r in kept],
                request=request,
            )
        except ApplicationError as problem:
            error = problem.message
        else:
            messages.success(request, _("Stages saved."))
            return redirect("console:opening_board", opening.pk)
    blank = {
        "id": None,
        "name": "",
        "name_en": "",
        "kind": PipelineStage.Kind.HUMAN_INTERVIEW,
        "order": "",
        "remove": False,
    }
    rows = [*rows, dict(blank), dict(blank)]
    context = {
        "section": "openings",
        "opening": opening,
        "rows": rows,
        "kinds": PipelineStage.Kind.choices,
        "error": error,
    }
    return render(request, "console/pipeline/stages.html", context)


@login_required
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    application = pipeline_application_get_for_user(request.user, application_id)
    session = getattr(application.invitation, "session", None) if application.invitation else None
    can_open_interview = (
        session is not None and candidate_list_for_user(request.user).filter(pk=application.candidate_id).exists()
    )
    scorecards = list(scorecard_list(application=application))
    stage = application.stage
    can_score = (
        pipeline_can_score(request.user)
        and application.status == Application.Status.ACTIVE
        and stage is not None
        and stage.kind == PipelineStage.Kind.HUMAN_INTERVIEW
        and not any(card.stage_id == stage.pk and card.interviewer_id == request.user.pk for card in scorecards)
    )
    reasons = dict(Application.RejectionReason.choices)
    moves = list(stage_move_list(application_ids=[application.pk]))
    for move in moves:
        move.reason_label = reasons.get(move.reason, "")  # type: ignore[attr-defined]
    context = {
        "section": "openings",
        "application": application,
        "opening": application.opening,
        "moves": moves,
        "scorecards": scorecards,
        "session": session,
        "can_open_interview": can_open_interview,
        "can_move": pipeline_can_move(request.user),
        "can_score": can_score,
        "stages": stage_list(opening=application.opening),
        "reasons": Application.RejectionReason.choices,
    }
    return render(request, "console/pipeline/application.html", context)


@login_required
@require_POST
def application_action_view(request: HttpRequest, application_id: int, action: str) -> HttpResponse:
    """Move or reject one application from its page."""
    application = pipeline_application_get_for_user(request.user, application_id, intent="move")
    try:
        if action == "move":
            stage = _stage_of(application.opening, request.POST.get("to_stage"))
            application_move(
                actor=request.user,
                application=application,
                to_stage=stage,
                note=request.POST.get("note", ""),
                request=request,
            )
            messages.success(request, _("Moved to %(stage)s.") % {"stage": stage.label})
        elif action == "reject":
            application_reject(
                actor=request.user,
                application=application,
                reason=request.POST.get("reason", ""),
                note=request.POST.get("note", ""),
                request=request,
            )
            messages.success(request, _("The application was rejected."))
        else:
            raise NotFound(_("Page not found."))
    except ValidationFailed as error:
        details = " ".join(message for messages_ in error.fields.values() for message in messages_)
        messages.error(request, f"{error.message} {details}".strip())
    except ApplicationError as error:
        if isinstance(error, NotFound):
            raise
        messages.error(request, error.message)
    return redirect("console:application_detail", application.pk)


@login_required
@require_http_methods(["GET", "POST"])
def scorecard_view(request: HttpRequest, application_id: int) -> HttpResponse:
    application = pipeline_application_get_for_user(request.user, application_id, intent="score")
    dimensions = scorecard_dimensions(application)
    errors: dict[str, list[str]] = {}
    error = ""
    values: dict[str, str] = {}
    if request.method == "POST":
        values = {key: str(request.POST.get(key, "")) for key in request.POST if key != "csrfmiddlewaretoken"}
        try:
            scorecard_submit(
                actor=request.user,
                application=application,
                recommendation=request.POST.get("recommendation", ""),
                ratings={d.pk: request.POST.get(f"rating_{d.pk}", "") for d in dimensions},
                rating_notes={d.pk: request.POST.get(f"note_{d.pk}", "") for d in dimensions},
                notes=request.POST.get("notes", ""),
                request=request,
            )
        except ApplicationError as problem:
            error, errors = problem.message, problem.fields
        else:
            messages.success(request, _("Scorecard submitted."))
            return redirect("console:application_detail", application.pk)
    rows = [
        {
            "dimension": dimension,
            "anchors": sorted(dimension.anchors.all(), key=lambda anchor: anchor.level),
            "value": values.get(f"rating_{dimension.pk}", ""),
            "note": values.get(f"note_{dimension.pk}", ""),
            "errors": errors.get(f"rating_{dimension.pk}", []),
        }
        for dimension in dimensions
    ]
    context = {
        "section": "openings",
        "application": application,
        "rows": rows,
        "levels": [1, 2, 3, 4, 5],
        "recommendations": Scorecard.Recommendation.choices,
        "values": values,
        "errors": errors,
        "error": error,
    }
    return render(request, "console/pipeline/scorecard.html", context)
