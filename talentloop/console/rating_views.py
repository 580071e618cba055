"""Console pages for human ratings: the rating form of one answer on one dimension, and the agreement page."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from talentloop.assessments.rating_access import agreement_check_view, answer_get_for_rating
from talentloop.assessments.rating_selectors import agreement_tables_get, rating_cell_get
from talentloop.assessments.services.ratings import rating_record
from talentloop.competencies.models import Dimension
from talentloop.console.forms import form_add_application_error
from talentloop.console.rating_forms import RatingForm
from talentloop.core.exceptions import ApplicationError, NotFound
from talentloop.interviews.access import interview_setup_check_view


@login_required
@require_http_methods(["GET", "POST"])
def rating_edit(request: HttpRequest, answer_id: int, dimension_id: int) -> HttpResponse:
    """Rate one answer on one dimension. HTMX swaps the cell in place; without JavaScript the form posts here and,
    once saved, returns to the session page (a refused form is shown again on its own page, with the error)."""
    interview_setup_check_view(request.user)
    answer = answer_get_for_rating(request.user, answer_id)
    dimension = Dimension.objects.filter(pk=dimension_id).first()
    cell = rating_cell_get(answer=answer, dimension=dimension, user=request.user) if dimension is not None else None
    if dimension is None or cell is None:
        raise NotFound(_("Nothing to rate: this answer was not scored on that dimension."))
    form: RatingForm | None = RatingForm(request.POST or None, anchors=cell.anchor_by_level, auto_id=f"{cell.key}-%s")
    status = 200
    if request.method == "POST":
        assert form is not None
        if form.is_valid():
            try:
                rating_record(
                    rater=request.user,
                    answer=answer,
                    dimension=dimension,
                    level=form.cleaned_data["level"],
                    note=form.cleaned_data["note"],
                    request=request,
                )
            except ApplicationError as error:
                form_add_application_error(form, error)
            else:
                if not request.htmx:  # type: ignore[attr-defined]
                    anchor = f"#rating-{answer.pk}-{dimension.pk}"
                    return redirect(reverse("console:interview_session", args=[answer.session_id]) + anchor)
                cell = rating_cell_get(answer=answer, dimension=dimension, user=request.user)
                form = None  # the cell builds a fresh form from the saved rating
        # HTMX swaps only 2xx responses, so a refused form comes back as 200 to the script and 400 to a browser.
        status = 200 if request.htmx or form is None else 400  # type: ignore[attr-defined]
    template = "console/ratings/_rating_cell.html" if request.htmx else "console/ratings/rating_page.html"  # type: ignore[attr-defined]
    context = {"section": "interviews", "cell": cell, "form": form, "saved": form is None}
    return render(request, template, context, status=status)


@login_required
def agreement_view(request: HttpRequest) -> HttpResponse:
    agreement_check_view(request.user)
    return render(
        request,
        "console/ratings/agreement.html",
        {
            "section": "agreement",
            "tables": agreement_tables_get(),
            "minimum_ratings": settings.TALENTLOOP_CALIBRATION_MIN_RATINGS,
        },
    )
