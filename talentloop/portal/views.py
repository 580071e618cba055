"""The self-service portal for employees and candidates, and the front door that sends people where they work."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from talentloop.accounts.models import User
from talentloop.accounts.services import user_set_preferred_language
from talentloop.core.exceptions import ApplicationError, NotFound
from talentloop.feedback.access import report_downloads_for_candidate
from talentloop.feedback.growth_selectors import growth_paths_for_candidate
from talentloop.feedback.review_selectors import interview_outcomes_get
from talentloop.interviews.selectors import candidate_interviews
from talentloop.org.access import actor_get
from talentloop.org.models import Role
from talentloop.org.selectors import own_records_get


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    actor = actor_get(request.user)
    if actor.is_staff_member:
        return redirect("console:dashboard")
    if actor.has(Role.EMPLOYEE, Role.CANDIDATE):
        return redirect("portal:profile")
    return render(request, "portal/no_role.html", {"title": _("Welcome")})


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    actor = actor_get(request.user)
    if actor.person_id is None:
        raise NotFound(_("There is no person record linked to your account."))
    candidate, employee = own_records_get(user=request.user, request=request)
    interviews = candidate_interviews(candidate_id=candidate.pk) if candidate else []
    sessions = [s for s in (getattr(invitation, "session", None) for invitation, _status, _link in interviews) if s]
    return render(
        request,
        "portal/profile.html",
        {
            "section": "portal",
            "candidate": candidate,
            "employee": employee,
            "interviews": interviews,
            "outcomes": interview_outcomes_get(sessions=sessions),
            # The interviews whose report the person may download now, so the PDF link never leads to a 404.
            "downloadable_sessions": {access.session.pk for access in report_downloads_for_candidate(request.user)}
            if sessions
            else set(),
            # Development: every interview the person took (external or internal) leads to its growth path.
            "growth_paths": growth_paths_for_candidate(candidate_id=candidate.pk) if candidate and employee else [],
            "languages": settings.LANGUAGES,
        },
    )


@login_required
@require_POST
def language_update(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    try:
        user_set_preferred_language(user=request.user, language=request.POST.get("language", ""))
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("portal:profile")
    response = redirect("portal:profile")
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        request.user.preferred_language,
        samesite="Lax",
        secure=not settings.DEBUG,
    )
    messages.success(request, _("Language preference saved."))
    return response
