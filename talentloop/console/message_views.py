"""HR's candidate messages: the inbox (threads waiting for an answer first, with how long they wait), one thread with
the reply form and the "Suggest a reply" draft, and the response-time statistics."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from talentloop.collaboration.message_access import message_thread_get_for_user, messages_check_manage
from talentloop.collaboration.message_selectors import (
    response_time_statistics,
    thread_inbox_list,
    thread_message_list,
)
from talentloop.collaboration.messages import MESSAGE_MAX_LENGTH, message_send, reply_suggest, thread_mark_read
from talentloop.collaboration.models import Message
from talentloop.console.forms import form_add_application_error
from talentloop.core.exceptions import ApplicationError

INBOX_LIMIT = 200


class ReplyForm(forms.Form):
    # Empty and too long are refused by the service, in the same words as the API.
    body = forms.CharField(
        label=gettext_lazy("Your reply"),
        widget=forms.Textarea(attrs={"rows": 10, "maxlength": MESSAGE_MAX_LENGTH}),
        required=False,
    )


class StatisticsForm(forms.Form):
    date_from = forms.DateField(label=gettext_lazy("Asked from"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=gettext_lazy("Asked until"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_from"] > cleaned["date_to"]:
            raise forms.ValidationError(_("The start of the period must not be after its end."))
        return cleaned


@login_required
def message_inbox(request: HttpRequest) -> HttpResponse:
    messages_check_manage(request.user)
    context = {"section": "messages", "threads": thread_inbox_list()[:INBOX_LIMIT], "now": timezone.now()}
    return render(request, "console/messages/inbox.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def message_thread(request: HttpRequest, thread_id: int) -> HttpResponse:
    thread = message_thread_get_for_user(request.user, thread_id, request=request)
    status = 200
    suggestion_error = ""
    if request.method == "POST":
        form = ReplyForm(request.POST)
        if form.is_valid():
            try:
                message_send(
                    author=request.user, person=thread.person, side=Message.Side.HR, body=form.cleaned_data["body"]
                )
            except ApplicationError as error:
                form_add_application_error(form, error)
            else:
                messages.success(request, _("Your reply was sent; the candidate is notified."))
                return redirect("console:message_thread", thread_id=thread.pk)
        status = 400
    else:
        initial = {}
        if request.GET.get("suggest"):
            # A draft only: it fills the box, HR edits it and decides to send.
            try:
                initial["body"] = reply_suggest(thread=thread)
            except ApplicationError as error:
                suggestion_error = error.message
        form = ReplyForm(initial=initial)
        thread_mark_read(thread=thread, reader_side=Message.Side.HR)
        thread.refresh_from_db(fields=["waiting_since", "last_message_at"])
    context = {
        "section": "messages",
        "thread": thread,
        "candidate": thread.person,
        "candidate_name": thread.person.full_name,
        "thread_messages": list(thread_message_list(thread=thread)),
        "viewer_side": Message.Side.HR,
        "form": form,
        "suggested": bool(request.GET.get("suggest")) and not suggestion_error,
        "suggestion_error": suggestion_error,
        "now": timezone.now(),
        "max_length": MESSAGE_MAX_LENGTH,
    }
    return render(request, "console/messages/thread.html", context, status=status)


@login_required
def message_statistics(request: HttpRequest) -> HttpResponse:
    messages_check_manage(request.user)
    today = timezone.localdate()
    default_from: date = today - timedelta(days=89)
    form = StatisticsForm(request.GET or {"date_from": default_from, "date_to": today})
    status = 200
    statistics = None
    if form.is_valid():
        statistics = response_time_statistics(
            date_from=form.cleaned_data["date_from"], date_to=form.cleaned_data["date_to"]
        )
    else:
        status = 400
    context = {"section": "messages", "form": form, "statistics": statistics}
    return render(request, "console/messages/statistics.html", context, status=status)
