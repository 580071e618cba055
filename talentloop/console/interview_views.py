"""HR's interview pages: templates, invitations, the live view of sessions in progress, session details."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from talentloop.assessments.models import SessionScore
from talentloop.assessments.selectors import score_version_answers, session_score_list
from talentloop.console.forms import form_add_application_error
from talentloop.console.interview_forms import ExtendForm, InvitationForm, TemplateGenerateForm, TemplateSettingsForm
from talentloop.core.exceptions import ApplicationError, NotFound
from talentloop.feedback.review_selectors import interview_outcome_get
from talentloop.interviews.access import (
    interview_setup_check_manage,
    interview_setup_check_view,
    invitation_get_for_user,
    recording_get_for_user,
    session_get_for_user,
    template_get,
)
from talentloop.interviews.models import InterviewSession
from talentloop.interviews.selectors import (
    invitation_list,
    session_answers,
    session_events,
    session_live_list,
    template_items,
    template_list,
)
from talentloop.interviews.services.invitations import (
    invitation_create,
    invitation_extend,
    invitation_link,
    invitation_revoke,
    invitation_send,
    invitation_status,
)
from talentloop.interviews.services.templates import TemplateItemInput, template_generate, template_update
from talentloop.org.access import actor_get, candidate_list_for_user
from talentloop.org.selectors import company_get_default
from talentloop.questionbank.selectors import question_list


def _int(value: Any, default: int = -1) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@login_required
@require_http_methods(["GET", "POST"])
def template_list_view(request: HttpRequest) -> HttpResponse:
    interview_setup_check_view(request.user)
    can_manage = actor_get(request.user).is_hr
    form = TemplateGenerateForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST":
        interview_setup_check_manage(request.user)
        if form.is_valid():
            try:
                template = template_generate(actor=request.user, **form.cleaned_data)
            except ApplicationError as error:
                form_add_application_error(form, error)
            else:
                messages.success(request, _("Template generated. Review the questions and timers."))
                return redirect("console:interview_template", template_id=template.pk)
    context = {"section": "interviews", "templates": template_list(), "form": form, "can_manage": can_manage}
    return render(request, "console/interviews/template_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def template_detail(request: HttpRequest, template_id: int) -> HttpResponse:
    interview_setup_check_view(request.user)
    template = template_get(template_id)
    form = TemplateSettingsForm(
        request.POST or None,
        initial={
            "name": template.name,
            "allow_text": template.allow_text,
            "allow_voice": template.allow_voice,
            "is_active": template.is_active,
        },
    )
    if request.method == "POST":
        interview_setup_check_manage(request.user)
        items = _items_from_post(request)
        if form.is_valid():
            try:
                template_update(actor=request.user, template=template, items=items, **form.cleaned_data)
            except ApplicationError as error:
                form_add_application_error(form, error)
                for name, problems in error.fields.items():
                    if name.startswith("items"):
                        # ``items.<n>`` names the n-th question row of the editor; plain ``items`` the whole list.
                        _items, _dot, number = name.partition(".")
                        text = " ".join(problems)
                        if number:
                            text = _("Question %(number)s: %(problems)s") % {"number": number, "problems": text}
                        messages.error(request, text)
            else:
                messages.success(request, _("Template saved."))
                return redirect("console:interview_template", template_id=template.pk)
    chosen = {item.question_id for item in template.items.all()}
    context = {
        "section": "interviews",
        "template": template,
        "items": template_items(template=template),
        "form": form,
        "available": [q for q in question_list(active_only=True) if q.pk not in chosen],
        "can_manage": actor_get(request.user).is_hr,
    }
    return render(request, "console/interviews/template_detail.html", context)


def _items_from_post(request: HttpRequest) -> list[TemplateItemInput]:
    """Rows of the template editor: question, new position, timers; unticked 'keep' rows are dropped."""
    rows = []
    for question_id in request.POST.getlist("question"):
        prefix = f"q{question_id}_"
        if request.POST.get(prefix + "keep") != "on":
            continue
        rows.append(
            (
                _int(request.POST.get(prefix + "order"), 999),
                TemplateItemInput(
                    question_id=_int(question_id),
                    preparation_seconds=_int(request.POST.get(prefix + "preparation")),
                    max_answer_seconds=_int(request.POST.get(prefix + "answer")),
                    allowed_retries=_int(request.POST.get(prefix + "retries")),
                ),
            )
        )
    added = _int(request.POST.get("add_question"), 0)
    if added > 0:
        rows.append((1000, TemplateItemInput(added, 30, 180, 1)))
    return [item for _order, item in sorted(rows, key=lambda row: row[0])]


@login_required
@require_http_methods(["GET", "POST"])
def invitation_list_view(request: HttpRequest) -> HttpResponse:
    interview_setup_check_view(request.user)
    can_manage = actor_get(request.user).is_hr
    form = InvitationForm(request.POST or None, candidates=candidate_list_for_user(request.user))
    if request.method == "POST":
        interview_setup_check_manage(request.user)
        company = company_get_default()
        if company is None:
            raise NotFound(_("No company is set up yet."))
        if form.is_valid():
            try:
                invitation = invitation_create(actor=request.user, company=company, **form.cleaned_data)
            except ApplicationError as error:
                form_add_application_error(form, error)
            else:
                messages.success(
                    request,
                    _("Invitation created for %(name)s.") % {"name": invitation.candidate.person.full_name},
                )
                return redirect("console:interview_invitations")
    query = request.GET.get("q", "").strip()
    invitations = [
        (invitation, invitation_status(invitation))
        for invitation in invitation_list(user=request.user, query=query)[:200]
    ]
    context = {
        "section": "interviews",
        "invitations": invitations,
        "form": form,
        "can_manage": can_manage,
        "query": query,
        "extend_form": ExtendForm(),
    }
    return render(request, "console/interviews/invitation_list.html", context)


@login_required
def invitation_detail(request: HttpRequest, invitation_id: int) -> HttpResponse:
    interview_setup_check_view(request.user)
    invitation = invitation_get_for_user(request.user, invitation_id)
    context = {
        "section": "interviews",
        "invitation": invitation,
        "status": invitation_status(invitation),
        "link": invitation_link(invitation) if actor_get(request.user).is_hr else "",
        "session": getattr(invitation, "session", None),
        "extend_form": ExtendForm(),
    }
    return render(request, "console/interviews/invitation_detail.html", context)


@login_required
@require_POST
def invitation_action(request: HttpRequest, invitation_id: int, action: str) -> HttpResponse:
    interview_setup_check_manage(request.user)
    invitation = invitation_get_for_user(request.user, invitation_id, intent="change")
    try:
        if action == "resend":
            invitation_send(actor=request.user, invitation=invitation)
            messages.success(request, _("The link was sent again."))
        elif action == "extend":
            form = ExtendForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Extend by 1 to 365 days."))
            else:
                invitation_extend(actor=request.user, invitation=invitation, days=form.cleaned_data["days"])
                expires = date_format(timezone.localtime(invitation.expires_at), "Y-m-d H:i")
                messages.success(request, _("The link now works until %(date)s.") % {"date": expires})
        elif action == "revoke":
            invitation_revoke(actor=request.user, invitation=invitation)
            messages.success(request, _("The link no longer works."))
        else:
            raise NotFound(_("Page not found."))
    except ApplicationError as error:
        if isinstance(error, NotFound):
            raise
        messages.error(request, error.message)
    return redirect("console:interview_invitation", invitation_id=invitation.pk)


@login_required
def live_view(request: HttpRequest) -> HttpResponse:
    """Sessions in progress; the table refreshes itself every few seconds (HTMX polling)."""
    interview_setup_check_view(request.user)
    now = timezone.now()
    rows = []
    for session in session_live_list(user=request.user)[:100]:
        current = next((a for a in session.answers.all() if a.order == session.current_order), None)
        rows.append(
            {
                "session": session,
                "current": current,
                "elapsed_seconds": int((now - session.started_at).total_seconds()) if session.started_at else None,
                "idle_seconds": int((now - session.last_activity_at).total_seconds())
                if session.last_activity_at
                else None,
            }
        )
    template = "console/interviews/_live_rows.html" if request.htmx else "console/interviews/live.html"  # type: ignore[attr-defined]
    return render(request, template, {"section": "interviews", "rows": rows, "now": now})


@login_required
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    interview_setup_check_view(request.user)
    session = session_get_for_user(request.user, session_id)
    return render(request, "console/interviews/session_detail.html", session_detail_context(request, session))


def session_detail_context(
    request: HttpRequest, session: InterviewSession, *, with_discussion: bool = True
) -> dict[str, Any]:
    """Everything the session page shows; the discussion views reuse it to show a refused comment on the page."""
    from talentloop.console.discussion_views import discussion_context
    from talentloop.console.share_views import share_panel_context

    context = {
        "section": "interviews",
        "session": session,
        "answers": session_answers(session=session),
        "events": session_events(session=session),
        "outcome": interview_outcome_get(session=session),
        **session_scores_context(request, session),
    }
    if with_discussion:
        context.update(discussion_context(request, session))
    context.update(share_panel_context(request, session))
    return context


def session_scores_context(request: HttpRequest, session: InterviewSession) -> dict[str, Any]:
    """What ``console/interviews/_scores.html`` shows: the score versions side by side and the evidence of the one
    chosen by ``?version=N`` (the current one by default). The session page and the review request page share it."""
    versions = list(session_score_list(session=session))
    chosen = _chosen_version(versions, request.GET.get("version"))
    return {
        "session_score": versions[0] if versions else None,
        "score_versions": versions,
        "score_dimensions": _dimension_rows(versions),
        "chosen_score": chosen,
        "answer_evidence": score_version_answers(session=session, score=chosen) if versions else [],
        "can_rescore": actor_get(request.user).is_hr,
    }


def _chosen_version(versions: list[SessionScore], requested: str | None) -> SessionScore | None:
    """The score version whose evidence the page shows: ``?version=N``, else the current one."""
    if requested is None or requested == "":
        return versions[0] if versions else None
    for version in versions:
        if str(version.version) == requested:
            return version
    raise NotFound(_("This interview has no score version %(version)s.") % {"version": requested})


def _dimension_rows(versions: list[SessionScore]) -> list[dict[str, Any]]:
    """One row per dimension any version scored, with each version's score side by side (current first)."""
    names: dict[str, str] = {}
    for version in versions:
        for code, dimension in version.dimensions.items():
            names.setdefault(code, str(dimension.get("name", code)))
    return [
        {
            "code": code,
            "name": names[code],
            "scores": [version.dimensions.get(code, {}).get("score") for version in versions],
        }
        for code in sorted(names)
    ]


@login_required
def recording_download(request: HttpRequest, recording_id: int) -> FileResponse:
    interview_setup_check_view(request.user)
    recording = recording_get_for_user(request.user, recording_id, request=request)
    return FileResponse(recording.file.open("rb"), content_type=recording.content_type)
