"""The candidate's report in the portal, on the page and as a PDF."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from talentloop.core.exceptions import NotFound
from talentloop.feedback.access import report_get_for_user
from talentloop.feedback.pdf import report_pdf_render
from talentloop.feedback.review_selectors import interview_outcome_get
from talentloop.feedback.selectors import CANDIDATE, report_view_get
from talentloop.feedback.services.reports import report_download_record
from talentloop.portal.growth_views import reapply_context


@login_required
def report_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    access = report_get_for_user(request.user, session_id, audience=CANDIDATE, request=request)
    view = None
    if access.report is not None and access.released:
        view = report_view_get(report=access.report, audience=CANDIDATE, policy=access.policy)
    context = {
        "section": "portal",
        "session": access.session,
        "report": access.report,
        "view": view,
        # Next to a released report: the outcome as it stands (a human decision replaces the AI result).
        "outcome": interview_outcome_get(session=access.session) if view is not None else None,
    }
    # The "Re-apply" panel only next to a released report: before that it would tell the outcome early.
    context.update(reapply_context(access.session if view is not None else None))
    return render(request, "portal/report.html", context)


@login_required
def report_pdf(request: HttpRequest, session_id: int) -> HttpResponse:
    access = report_get_for_user(request.user, session_id, audience=CANDIDATE, request=request)
    if access.report is None or not access.released:
        raise NotFound(_("Your report is not available yet."))
    view = report_view_get(report=access.report, audience=CANDIDATE, policy=access.policy)
    pdf = report_pdf_render(context={"view": view})
    report_download_record(report=access.report, actor=request.user, audience=CANDIDATE, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"talentloop-report-{access.session.pk}-v{access.report.version}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
