"""The candidate's page for one interview's explanation and human-review requests (``portal:review_request``).

The report page links here with the session id. The candidate sees the outcome as it stands, their requests with
HR's answers, and can ask for an explanation (their question) or a human review (their reason).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from talentloop.console.forms import form_add_application_error
from talentloop.core.exceptions import ApplicationError
from talentloop.feedback.models import REVIEW_TEXT_MAX_LENGTH, ReviewRequest
from talentloop.feedback.review_access import review_session_get_for_candidate
from talentloop.feedback.review_selectors import interview_outcome_get, review_requests_for_session
from talentloop.feedback.services.reviews import review_due_days, review_request_create
from talentloop.notifications.events import review_request_created_notify


class ReviewRequestForm(forms.Form):
    kind = forms.ChoiceField(choices=ReviewRequest.Kind.choices, widget=forms.HiddenInput)
    # Length is checked by the service, so the page and the API give the same message.
    text = forms.CharField(
        label=gettext_lazy("In your own words"),
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": REVIEW_TEXT_MAX_LENGTH}),
        required=False,
    )


def _form(kind: str, data: Any = None) -> ReviewRequestForm:
    # One form per kind on the page; distinct ids keep the labels pointing at the right box.
    return ReviewRequestForm(data, initial={"kind": kind}, auto_id=f"id_{kind}_%s")


@login_required
@require_http_methods(["GET", "POST"])
def review_request(request: HttpRequest, session_id: int) -> HttpResponse:
    session = review_session_get_for_candidate(request.user, session_id)
    requests = list(review_requests_for_session(session=session))
    open_kinds = {r.kind for r in requests if r.status == ReviewRequest.Status.OPEN}
    forms_by_kind = {kind: _form(kind) for kind in ReviewRequest.Kind.values}
    status = 200
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        form = _form(kind, request.POST)
        if kind in forms_by_kind:
            forms_by_kind[kind] = form
        if form.is_valid():
            try:
                review_request = review_request_create(
                    actor=request.user,
                    session=session,
                    kind=form.cleaned_data["kind"],
                    text=form.cleaned_data["text"],
                    request=request,
                )
                review_request_created_notify(review_request=review_request)
            except ApplicationError as error:
                form_add_application_error(form, error)
            else:
                messages.success(
                    request,
                    _("Your request was sent to HR. They will answer by email within %(days)d days.")
                    % {"days": review_due_days()},
                )
                return redirect("portal:review_request", session_id=session.pk)
        if "kind" in form.errors:
            messages.error(request, _("Your request was not sent: choose an explanation or a human review."))
        else:
            messages.error(request, _("Your request was not sent: please correct the error below."))
        status = 400
    context = {
        "section": "portal",
        "session": session,
        "outcome": interview_outcome_get(session=session),
        "requests": requests,
        "open_kinds": open_kinds,
        "forms": forms_by_kind,
        "due_days": review_due_days(),
        "max_length": REVIEW_TEXT_MAX_LENGTH,
    }
    return render(request, "portal/review_request.html", context, status=status)
