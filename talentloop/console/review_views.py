"""HR's "Review requests": the task list (open, overdue, done) and one request with the interview's answers,
evidence and AI scores, where HR writes the explanation or records the human decision."""

from __future__ import annotations

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

from talentloop.console.forms import form_add_application_error
from talentloop.console.interview_views import session_scores_context
from talentloop.core.exceptions import ApplicationError
from talentloop.feedback.models import REVIEW_TEXT_MAX_LENGTH, ReviewRequest
from talentloop.feedback.review_access import review_request_get_for_user, review_requests_check_manage
from talentloop.feedback.review_selectors import (
    ReviewFilter,
    interview_outcome_get,
    review_request_list,
    review_requests_for_session,
)
from talentloop.feedback.services.reviews import review_request_resolve
from talentloop.interviews.selectors import session_answers
from talentloop.notifications.events import review_request_answered_notify

FILTERS = [
    (ReviewFilter.OPEN, gettext_lazy("Open")),
    (ReviewFilter.OVERDUE, gettext_lazy("Overdue")),
    (ReviewFilter.DONE, gettext_lazy("Done")),
]


class ReviewResolveForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Human decision"),
        choices=[("", "—"), *ReviewRequest.Decision.choices],
        required=False,
    )
    response = forms.CharField(
        label=gettext_lazy("Explanation or reason"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=REVIEW_TEXT_MAX_LENGTH,
        required=False,  # the service says what is missing, in the same words as the API
    )


@login_required
def review_request_list_view(request: HttpRequest) -> HttpResponse:
    review_requests_check_manage(request.user)
    status = request.GET.get("status", ReviewFilter.OPEN)
    if status not in ReviewFilter.__members__.values():
        status = ReviewFilter.OPEN
    now = timezone.now()
    context: dict[str, Any] = {
        "section": "reviews",
        "filters": FILTERS,
        "status": status,
        "rows": review_request_list(status=status, now=now)[:200],
        "now": now,
    }
    return render(request, "console/reviews/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def review_request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    review_request = review_request_get_for_user(request.user, request_id, request=request)
    form = ReviewResolveForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                resolved = review_request_resolve(
                    actor=request.user,
                    review_request=review_request,
                    response=form.cleaned_data["response"],
                    decision=form.cleaned_data["decision"],
                    request=request,
                )
                review_request_answered_notify(review_request=resolved)
            except ApplicationError as error:
                form_add_application_error(form, error)
            else:
                messages.success(request, _("Answer recorded; the candidate is notified."))
                return redirect("console:review_request", request_id=review_request.pk)
        status = 400
    session = review_request.session
    context = {
        "section": "reviews",
        "review_request": review_request,
        "form": form,
        "session": session,
        "answers": session_answers(session=session),
        **session_scores_context(request, session),
        "outcome": interview_outcome_get(session=session),
        "history": review_requests_for_session(session=session),
        "now": timezone.now(),
    }
    return render(request, "console/reviews/detail.html", context, status=status)
