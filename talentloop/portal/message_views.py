"""The candidate's messages with HR (``portal:messages``): their one thread, the form to write, HR's replies and the
read receipts. The report page links here with ``?session=<id>`` ("Ask HR about this report"), which prefills the
message and ties it to that interview."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from talentloop.collaboration.message_access import message_person_get_for_candidate, message_thread_for_candidate
from talentloop.collaboration.message_selectors import thread_message_list
from talentloop.collaboration.messages import MESSAGE_MAX_LENGTH, message_send, thread_mark_read
from talentloop.collaboration.models import Message
from talentloop.console.forms import form_add_application_error
from talentloop.core.exceptions import ApplicationError
from talentloop.interviews.models import InterviewSession


class MessageForm(forms.Form):
    # Empty and too long are refused by the service, so the page and the API say the same.
    body = forms.CharField(
        label=gettext_lazy("Your message"),
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MESSAGE_MAX_LENGTH}),
        required=False,
    )
    session = forms.CharField(widget=forms.HiddenInput, required=False)


def _asked_session(person_id: int, session_id: str) -> InterviewSession | None:
    """The candidate's own interview named in the link, for the prefilled text; anything else is ignored."""
    if not session_id.isdigit():
        return None
    return (
        InterviewSession.objects.select_related("invitation__template__job_profile__position")
        .filter(pk=int(session_id), invitation__candidate__person_id=person_id)
        .first()
    )


@login_required
@require_http_methods(["GET", "POST"])
def message_thread(request: HttpRequest) -> HttpResponse:
    person = message_person_get_for_candidate(request.user)
    status = 200
    if request.method == "POST":
        form = MessageForm(request.POST)
        if form.is_valid():
            try:
                message_send(
                    author=request.user,
                    person=person,
                    side=Message.Side.CANDIDATE,
                    body=form.cleaned_data["body"],
                    session_id=form.cleaned_data["session"] or None,
                )
            except ApplicationError as error:
                form_add_application_error(form, error)
            else:
                messages.success(request, _("Your message was sent to HR."))
                return redirect("portal:messages")
        status = 400
    else:
        asked = _asked_session(person.pk, request.GET.get("session", ""))
        initial = {}
        if asked is not None:
            initial = {
                "session": str(asked.pk),
                "body": _("About my report on the %(position)s interview: ")
                % {"position": asked.invitation.template.job_profile.position.title},
            }
        form = MessageForm(initial=initial)
    thread = message_thread_for_candidate(person)
    if thread is not None and request.method == "GET":
        thread_mark_read(thread=thread, reader_side=Message.Side.CANDIDATE)
    context = {
        "section": "portal_messages",
        "thread": thread,
        "thread_messages": list(thread_message_list(thread=thread)) if thread is not None else [],
        "viewer_side": Message.Side.CANDIDATE,
        "form": form,
        "max_length": MESSAGE_MAX_LENGTH,
    }
    return render(request, "portal/messages.html", context, status=status)
