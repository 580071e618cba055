"""Sharing an interview result with a hiring manager, and HR's tasks.

- On HR's session page, "Share with hiring manager": choose the manager, pick 2–3 answer snippets (the best
  evidence quotes are ticked), add a note, preview the card, share.
- ``/console/shares/<id>/``: the card as sent and the answers; the manager answers it here with one click (advance,
  reject, a supplementary interview on ticked dimensions) or comments — everything the WeCom card does.
- ``/console/tasks/``: HR's tasks by status with counts; a task's page schedules the supplementary interview.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from talentloop.collaboration.access import (
    discussion_session_get_for_user,
    hr_task_get_for_user,
    hr_tasks_check_view,
    result_share_get_for_user,
)
from talentloop.collaboration.models import HrTask, ManagerResponse, ResultShare
from talentloop.collaboration.selectors import (
    hr_task_counts,
    hr_task_list,
    result_share_list,
    share_response_list,
    share_snippet_suggestions,
)
from talentloop.collaboration.sharing import (
    MAX_SNIPPETS,
    NOTE_MAX_LENGTH,
    hiring_managers,
    hr_task_cancel,
    hr_task_complete,
    hr_task_schedule,
    manager_respond,
    result_card_build,
    result_share_create,
    share_comment_create,
    share_snippets_clean,
    share_supplementary_choices,
)
from talentloop.console.forms import form_add_application_error
from talentloop.core.exceptions import ApplicationError, PermissionDenied
from talentloop.interviews.models import InterviewSession
from talentloop.org.access import actor_get


def _snippet_value(item: dict[str, Any]) -> str:
    return f"{item['answer']}|{item['snippet']}"


class ShareForm(forms.Form):
    manager = forms.ModelChoiceField(label=gettext_lazy("Hiring manager"), queryset=hiring_managers())
    snippets = forms.MultipleChoiceField(
        label=gettext_lazy("Answer snippets (2–3)"), widget=forms.CheckboxSelectMultiple, required=False
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=NOTE_MAX_LENGTH,
        required=False,
    )

    def __init__(self, *args: Any, suggestions: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = hiring_managers()  # type: ignore[attr-defined]
        self.fields["snippets"].choices = [  # type: ignore[attr-defined]
            (_snippet_value(item), f"Q{item['order']} · {item['snippet']}") for item in suggestions
        ]

    def snippet_list(self) -> list[dict[str, Any]]:
        chosen = []
        for value in self.cleaned_data["snippets"]:
            answer, _sep, snippet = value.partition("|")
            chosen.append({"answer": answer, "snippet": snippet})
        return chosen


def _default_snippets(suggestions: list[dict[str, Any]]) -> list[str]:
    chosen: list[str] = []
    answers: set[int] = set()
    for item in suggestions:
        if item["answer"] not in answers and len(chosen) < MAX_SNIPPETS:
            chosen.append(_snippet_value(item))
            answers.add(item["answer"])
    return chosen


def share_panel_context(request: HttpRequest, session: InterviewSession) -> dict[str, Any]:
    """What ``console/shares/_share_panel.html`` shows on HR's session page (nothing for anyone else)."""
    if not actor_get(request.user).is_hr:
        return {}
    suggestions = share_snippet_suggestions(session=session)
    form = ShareForm(suggestions=suggestions, initial={"snippets": _default_snippets(suggestions)})
    shares = list(ResultShare.objects.filter(session=session).select_related("manager").order_by("-created_at", "-pk"))
    return {"share_panel": {"form": form, "shares": shares, "has_snippets": bool(suggestions)}}


@login_required
@require_POST
def result_share_create_view(request: HttpRequest, session_id: int) -> HttpResponse:
    """Preview (``preview`` in the form) or share the card."""
    session = discussion_session_get_for_user(request.user, session_id)
    if not actor_get(request.user).is_hr:
        raise PermissionDenied(_("Only HR can share interview results."))
    suggestions = share_snippet_suggestions(session=session)
    form = ShareForm(request.POST, suggestions=suggestions)
    preview: dict[str, Any] | None = None
    if form.is_valid():
        manager = form.cleaned_data["manager"]
        snippets = form.snippet_list()
        try:
            if "preview" in request.POST:
                with translation.override(manager.preferred_language or None):
                    preview = result_card_build(
                        session=session,
                        snippets=share_snippets_clean(session, snippets),
                        note=form.cleaned_data["note"],
                    )
            else:
                share = result_share_create(
                    actor=request.user,
                    session=session,
                    manager=manager,
                    snippets=snippets,
                    note=form.cleaned_data["note"],
                    request=request,
                )
        except ApplicationError as error:
            if error.status not in (400, 409):
                raise
            form_add_application_error(form, error)
        else:
            if preview is None:
                messages.success(request, _("The result was shared with %(name)s.") % {"name": str(manager)})
                return redirect("console:result_share", share_id=share.pk)
    context = {"section": "interviews", "session": session, "form": form, "preview": preview}
    return render(request, "console/shares/share_form.html", context, status=200 if form.is_valid() else 400)


class RespondForm(forms.Form):
    decision = forms.ChoiceField(choices=ManagerResponse.Decision.choices)
    dimensions = forms.MultipleChoiceField(
        label=gettext_lazy("Focus of the supplementary interview"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment (optional)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, share: ResultShare, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dimensions"].choices = share_supplementary_choices(share)  # type: ignore[attr-defined]


class ShareCommentForm(forms.Form):
    body = forms.CharField(label=gettext_lazy("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


def _share_page(
    request: HttpRequest,
    share: ResultShare,
    *,
    respond_form: RespondForm | None = None,
    comment_form: ShareCommentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    responses = list(share_response_list(share=share))
    answered = any(response.responder_id == request.user.pk for response in responses)
    context = {
        "section": "interviews",
        "share": share,
        "card": share.card,
        "responses": responses,
        "tasks": list(share.tasks.select_related("invitation").order_by("pk")),
        "can_respond": share.manager_id == request.user.pk and not answered,
        "respond_form": respond_form or RespondForm(share=share),
        "comment_form": comment_form or ShareCommentForm(),
    }
    return render(request, "console/shares/detail.html", context, status=status)


@login_required
def result_share_detail(request: HttpRequest, share_id: int) -> HttpResponse:
    share = result_share_get_for_user(request.user, share_id)
    return _share_page(request, share)


@login_required
def result_share_list_view(request: HttpRequest) -> HttpResponse:
    if not actor_get(request.user).is_staff_member:
        hr_tasks_check_view(request.user)  # 404
    shares = list(result_share_list(user=request.user)[:200])
    return render(request, "console/shares/list.html", {"section": "interviews", "shares": shares})


@login_required
@require_POST
def result_share_respond_view(request: HttpRequest, share_id: int) -> HttpResponse:
    share = result_share_get_for_user(request.user, share_id)
    form = RespondForm(request.POST, share=share)
    if form.is_valid():
        try:
            response = manager_respond(
                user=request.user,
                share=share,
                decision=form.cleaned_data["decision"],
                dimensions=form.cleaned_data["dimensions"],
                comment=form.cleaned_data["comment"],
                request=request,
            )
        except ApplicationError as error:
            if error.status == 403:
                raise
            form_add_application_error(form, error)
        else:
            messages.success(
                request, _("Your answer was recorded: %(decision)s.") % {"decision": response.get_decision_display()}
            )
            return redirect("console:result_share", share_id=share.pk)
    return _share_page(request, share, respond_form=form, status=400)


@login_required
@require_POST
def result_share_comment_view(request: HttpRequest, share_id: int) -> HttpResponse:
    share = result_share_get_for_user(request.user, share_id)
    form = ShareCommentForm(request.POST)
    if form.is_valid():
        try:
            share_comment_create(user=request.user, share=share, body=form.cleaned_data["body"], request=request)
        except ApplicationError as error:
            if error.status != 400:
                raise
            form_add_application_error(form, error)
        else:
            messages.success(request, _("Your comment was added to the interview's discussion."))
            return redirect("console:result_share", share_id=share.pk)
    return _share_page(request, share, comment_form=form, status=400)


TASK_FILTERS = [
    (HrTask.Status.OPEN, gettext_lazy("Open")),
    (HrTask.Status.SCHEDULED, gettext_lazy("Scheduled")),
    (HrTask.Status.DONE, gettext_lazy("Done")),
    (HrTask.Status.CANCELLED, gettext_lazy("Cancelled")),
]


@login_required
def hr_task_list_view(request: HttpRequest) -> HttpResponse:
    hr_tasks_check_view(request.user)
    status = request.GET.get("status", HrTask.Status.OPEN)
    if status not in HrTask.Status.values:
        status = HrTask.Status.OPEN
    counts = hr_task_counts()
    context = {
        "section": "tasks",
        "status": status,
        "filters": [(value, label, counts[value]) for value, label in TASK_FILTERS],
        "tasks": list(hr_task_list(status=status)[:200]),
    }
    return render(request, "console/shares/task_list.html", context)


class ScheduleForm(forms.Form):
    valid_days = forms.IntegerField(label=gettext_lazy("Link valid for (days)"), min_value=1, max_value=365, initial=7)


@login_required
@require_http_methods(["GET", "POST"])
def hr_task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    """A task, and for an open one the form that schedules its supplementary interview."""
    task = hr_task_get_for_user(request.user, task_id)
    form = ScheduleForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if "cancel" in request.POST or "done" in request.POST:
            action, done_message = (
                (hr_task_cancel, _("The task was cancelled."))
                if "cancel" in request.POST
                else (hr_task_complete, _("The task was marked done."))
            )
            try:
                action(actor=request.user, task=task, request=request)
            except ApplicationError as error:
                form_add_application_error(form, error)
                status = error.status
            else:
                messages.success(request, done_message)
                return redirect("console:hr_task", task_id=task.pk)
        elif form.is_valid():
            try:
                task = hr_task_schedule(
                    actor=request.user, task=task, valid_days=form.cleaned_data["valid_days"], request=request
                )
            except ApplicationError as error:
                form_add_application_error(form, error)
                status = error.status
            else:
                messages.success(request, _("The supplementary interview was scheduled and the candidate invited."))
                return redirect("console:hr_task", task_id=task.pk)
        else:
            status = 400
    names = {entry["code"]: entry["name"] for entry in (task.share.card if task.share else {}).get("dimensions", [])}
    items = list(task.invitation.template.items.select_related("question").order_by("order")) if task.invitation else []
    context = {
        "section": "tasks",
        "task": task,
        "focus": [names.get(code, code) for code in task.focus_dimensions],
        "form": form,
        "items": items,
    }
    return render(request, "console/shares/task_detail.html", context, status=status)
