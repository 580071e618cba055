"""The candidate's interview in the browser, reached through the personal link (no account needed).

Every page works with plain forms; ``static/talentloop/interview.js`` adds timers, autosave, voice recording and
focus events on top, through the interview API. Views parse, resolve the link, call one service and redirect.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from talentloop.assessments.services.scores import interview_submit_and_score
from talentloop.core.exceptions import ApplicationError, Gone
from talentloop.interviews.access import invitation_get_by_token, session_get_by_token
from talentloop.interviews.models import InterviewSession
from talentloop.interviews.selectors import session_answers
from talentloop.interviews.services import sessions as session_services
from talentloop.interviews.services.sessions import CONSENT_VERSION
from talentloop.notifications.events import report_available_notify_after_scoring
from talentloop.recruitment.services import application_ai_result_after_scoring
from talentloop.speech.registry import speech_engine_available


def _int(value: Any, default: int = -1) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@never_cache
def landing(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_get_by_token(token)
    try:
        # Pages redirect to themselves with ?continue=1 after an action; only a real reopening is "resumed".
        session = session_services.session_open(invitation=invitation, resumed=request.GET.get("continue") != "1")
    except Gone as error:
        return render(request, "portal/interview/unavailable.html", {"message": error.message}, status=410)
    context: dict[str, Any] = {"token": token, "session": session, "invitation": invitation}
    if session.status == InterviewSession.Status.SUBMITTED:
        context["answers"] = session_answers(session=session)
        return render(request, "portal/interview/submitted.html", context)
    if session.status == InterviewSession.Status.CONSENTING:
        context["consent_version"] = CONSENT_VERSION
        context["voice_possible"] = invitation.template.allow_voice and speech_engine_available()
        context["retention_days"] = settings.INTERVIEW_RETENTION_DAYS
        return render(request, "portal/interview/consent.html", context)
    state = session_services.session_state(session=session)
    context.update(
        {
            "state": state,
            "answer": state.answer,
            "max_upload_mb": settings.INTERVIEW_MAX_UPLOAD_MB,
            "is_last": state.answer is not None and state.answer.order >= session.question_count,
        }
    )
    return render(request, "portal/interview/question.html", context)


@require_POST
def consent(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_get_by_token(token)
    session = session_services.session_open(invitation=invitation, resumed=False)
    try:
        session_services.session_consent(
            session=session,
            consent=request.POST.get("consent") == "yes",
            voice_consent=request.POST.get("voice_consent") == "yes",
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    return _continue(token)


def _continue(token: str) -> HttpResponse:
    return redirect(reverse("interview:landing", kwargs={"token": token}) + "?continue=1")


def _action(request: HttpRequest, token: str, call: Callable[[InterviewSession, int], Any]) -> HttpResponse:
    session = session_get_by_token(token)
    try:
        call(session, _int(request.POST.get("order")))
    except ApplicationError as error:
        messages.error(request, error.message)
    return _continue(token)


@require_POST
def start(request: HttpRequest, token: str) -> HttpResponse:
    return _action(request, token, lambda s, order: session_services.answer_start(session=s, order=order))


@require_POST
def answer(request: HttpRequest, token: str) -> HttpResponse:
    return _action(
        request,
        token,
        lambda s, order: session_services.answer_submit_text(
            session=s,
            order=order,
            text=request.POST.get("text", ""),
            revision=_int(request.POST.get("revision"), 0),
        ),
    )


@require_POST
def retry(request: HttpRequest, token: str) -> HttpResponse:
    return _action(request, token, lambda s, order: session_services.answer_retry(session=s, order=order))


@require_POST
def skip(request: HttpRequest, token: str) -> HttpResponse:
    return _action(request, token, lambda s, order: session_services.answer_skip(session=s, order=order))


@require_POST
def next_question(request: HttpRequest, token: str) -> HttpResponse:
    return _action(request, token, lambda s, order: session_services.session_next(session=s, order=order))


@require_POST
def submit(request: HttpRequest, token: str) -> HttpResponse:
    session = session_get_by_token(token)
    if session.status == InterviewSession.Status.SUBMITTED:
        messages.info(request, _("This interview was already submitted."))
        return _continue(token)
    try:
        interview_submit_and_score(session=session)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        report_available_notify_after_scoring(session_id=session.pk)
        application_ai_result_after_scoring(session_id=session.pk)
    return _continue(token)
