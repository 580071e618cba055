"""HR's score pages: picking interviews to re-score, confirming, and following a re-score batch."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from talentloop.assessments.access import rescore_batch_get_for_user, scores_check_hr
from talentloop.assessments.selectors import rescore_batch_list, rescore_preview, rescore_session_list
from talentloop.assessments.services.rescoring import rescore_batch_create
from talentloop.console.forms import form_add_application_error
from talentloop.console.score_forms import RescoreSelectionForm
from talentloop.core.exceptions import ApplicationError
from talentloop.interviews.access import session_list_for_user


@login_required
@require_http_methods(["GET", "POST"])
def rescore_view(request: HttpRequest) -> HttpResponse:
    """GET: pick interviews and see what a re-score would change; POST: confirm, which creates a batch."""
    scores_check_hr(request.user)
    form = RescoreSelectionForm(request.POST if request.method == "POST" else (request.GET or None))
    if request.method == "POST" and form.is_valid():
        try:
            batch = rescore_batch_create(actor=request.user, selection=form.selection(), request=request)
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(
                request, _("Re-scoring %(count)s interviews. Old scores stay as they were.") % {"count": batch.total}
            )
            return redirect("console:score_rescore_batch", batch_id=batch.pk)
    context: dict[str, object] = {"section": "interviews", "form": form, "batches": rescore_batch_list()}
    if form.is_bound and form.is_valid():
        selection = form.selection()
        listed = rescore_session_list(user=request.user, selection=form.selection(ticked=False))
        chosen = rescore_session_list(user=request.user, selection=selection)
        context.update(
            {
                "selection": selection,
                "listed": listed,
                "ticked": set(selection.session_ids),
                "preview": rescore_preview(sessions=chosen) if not selection.is_empty else None,
            }
        )
    return render(request, "console/scores/rescore.html", context)


@login_required
def rescore_batch_view(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = rescore_batch_get_for_user(request.user, batch_id)
    sessions = {session.pk: session for session in session_list_for_user(request.user).filter(pk__in=batch.session_ids)}
    rows = [
        {"session_id": session_id, "session": sessions.get(session_id), "result": batch.results.get(str(session_id))}
        for session_id in batch.session_ids
    ]
    context = {"section": "interviews", "batch": batch, "rows": rows}
    return render(request, "console/scores/rescore_batch.html", context)
