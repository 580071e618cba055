"""The discussion panel on the interview session page: post, reply, edit, delete, resolve, reopen, and the
@mention suggestions. HTMX swaps the panel in place; without JavaScript every form posts and returns to the page
(a refused comment is shown again on the page, with the error)."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from talentloop.assessments.selectors import session_score_get
from talentloop.collaboration.access import comment_get_for_user, discussion_session_get_for_user
from talentloop.collaboration.colleagues import colleague_search
from talentloop.collaboration.models import Comment
from talentloop.collaboration.selectors import discussion_counts, thread_list
from talentloop.collaboration.services import (
    comment_create,
    comment_delete,
    comment_update,
    thread_reopen,
    thread_resolve,
)
from talentloop.console.discussion_forms import CommentEditForm, CommentForm
from talentloop.console.forms import form_add_application_error
from talentloop.core.exceptions import ApplicationError
from talentloop.interviews.models import InterviewSession
from talentloop.org.access import actor_get

_TRAILING_MENTION = re.compile(r"(?:^|\s)@([^\s@]*)$")


def _initial_from_query(request: HttpRequest) -> dict[str, Any]:
    """``?comment_on=answer:12`` or ``?comment_on=dimension:communication`` and ``?quote=12`` (the buttons on the
    answer and dimension rows) preset the form."""
    initial: dict[str, Any] = {}
    kind, _sep, value = request.GET.get("comment_on", "").partition(":")
    if kind == Comment.Target.ANSWER and value.isdigit():
        initial.update(target=Comment.Target.ANSWER, answer=int(value))
    elif kind == Comment.Target.DIMENSION and value:
        initial.update(target=Comment.Target.DIMENSION, dimension=value)
    quote = request.GET.get("quote", "")
    if quote.isdigit():
        initial["quote_answer"] = int(quote)
    return initial


def discussion_context(
    request: HttpRequest,
    session: InterviewSession,
    *,
    form: CommentForm | None = None,
    reply_forms: dict[int, CommentForm] | None = None,
    edit_forms: dict[int, CommentEditForm] | None = None,
    grant_names: str = "",
) -> dict[str, Any]:
    """What ``console/interviews/_discussion.html`` shows."""
    threads = list(thread_list(session=session))
    initial = _initial_from_query(request)
    edit_id = request.GET.get("edit", "")
    edit_forms = dict(edit_forms or {})
    if edit_id.isdigit():
        for comment in _all_comments(threads):
            if comment.pk == int(edit_id) and comment.author_id == request.user.pk and not comment.is_deleted:
                edit_forms.setdefault(comment.pk, CommentEditForm(initial={"body": comment.body}))
    answers = {answer.pk: answer for answer in session.answers.all()} if initial else {}
    quote_answer = answers.get(initial.get("quote_answer", -1))
    score = session_score_get(session=session)
    return {
        "discussion": {
            "threads": threads,
            "dimension_names": {code: str(entry.get("name", code)) for code, entry in score.dimensions.items()}
            if score is not None
            else {},
            "counts": discussion_counts(threads=threads),
            "form": form or CommentForm(initial=initial),
            "target_answer": answers.get(initial.get("answer", -1)),
            "target_dimension": initial.get("dimension", ""),
            "quote_answer": quote_answer,
            "reply_forms": reply_forms or {},
            "edit_forms": edit_forms,
            "can_grant": actor_get(request.user).is_hr,
            "grant_names": grant_names,
        }
    }


def _all_comments(threads: list[Comment]) -> list[Comment]:
    comments = []
    for thread in threads:
        comments.append(thread)
        comments.extend(thread.replies.all())
    return comments


def _page_url(session_id: int, comment_id: int | None = None) -> str:
    url = reverse("console:interview_session", args=[session_id])
    return url + (f"#comment-{comment_id}" if comment_id else "#discussion")


def _respond(request: HttpRequest, session: InterviewSession, *, refused: bool, **context: Any) -> HttpResponse:
    """HTMX gets the panel (200, so it swaps a refused form in too); a browser without JavaScript gets the whole
    session page, 400 when the comment was refused."""
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "console/interviews/_discussion.html", {"session": session, **context})
    from talentloop.console.interview_views import session_detail_context

    page = session_detail_context(request, session, with_discussion=False)
    page.update(context)
    return render(request, "console/interviews/session_detail.html", page, status=400 if refused else 200)


def _grant_names(error: ApplicationError) -> str:
    if not error.extra.get("can_grant"):
        return ""
    return "、".join(entry["name"] for entry in error.extra.get("cannot_see", []))


@login_required
@require_POST
def comment_create_view(request: HttpRequest, session_id: int) -> HttpResponse:
    session = discussion_session_get_for_user(request.user, session_id)
    form = CommentForm(request.POST)
    parent_id = request.POST.get("parent", "")
    grant_names = ""
    if form.is_valid():
        data = form.cleaned_data
        try:
            parent = comment_get_for_user(request.user, data["parent"]) if data["parent"] else None
            comment = comment_create(
                author=request.user,
                session=session,
                body=data["body"],
                target=data["target"],
                answer_id=data["answer"],
                dimension_code=data["dimension"],
                parent=parent,
                quote_answer_id=data["quote_answer"],
                quote_snippet=data["quote_snippet"],
                grant_access=data["grant_access"],
                request=request,
            )
        except ApplicationError as error:
            form_add_application_error(form, error)
            grant_names = _grant_names(error)
        else:
            if not request.htmx:  # type: ignore[attr-defined]
                return redirect(_page_url(session.pk, comment.pk))
            return _respond(request, session, refused=False, **discussion_context(request, session))
    if parent_id.isdigit():
        context = discussion_context(request, session, reply_forms={int(parent_id): form}, grant_names=grant_names)
    else:
        context = discussion_context(request, session, form=form, grant_names=grant_names)
    return _respond(request, session, refused=True, **context)


@login_required
@require_POST
def comment_edit_view(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = comment_get_for_user(request.user, comment_id)
    session = discussion_session_get_for_user(request.user, comment.session_id)
    form = CommentEditForm(request.POST)
    grant_names = ""
    if form.is_valid():
        try:
            comment_update(
                user=request.user,
                comment=comment,
                body=form.cleaned_data["body"],
                grant_access=form.cleaned_data["grant_access"],
                request=request,
            )
        except ApplicationError as error:
            if error.status != 400:
                raise
            form_add_application_error(form, error)
            grant_names = _grant_names(error)
        else:
            if not request.htmx:  # type: ignore[attr-defined]
                return redirect(_page_url(session.pk, comment.pk))
            return _respond(request, session, refused=False, **discussion_context(request, session))
    context = discussion_context(request, session, edit_forms={comment.pk: form}, grant_names=grant_names)
    return _respond(request, session, refused=True, **context)


def _comment_action(request: HttpRequest, comment_id: int, action: Any) -> HttpResponse:
    comment = comment_get_for_user(request.user, comment_id)
    session = discussion_session_get_for_user(request.user, comment.session_id)
    action(user=request.user, comment=comment)
    if not request.htmx:  # type: ignore[attr-defined]
        return redirect(_page_url(session.pk, comment.pk))
    return _respond(request, session, refused=False, **discussion_context(request, session))


@login_required
@require_POST
def comment_delete_view(request: HttpRequest, comment_id: int) -> HttpResponse:
    return _comment_action(request, comment_id, comment_delete)


@login_required
@require_POST
def thread_resolve_view(request: HttpRequest, comment_id: int) -> HttpResponse:
    return _comment_action(request, comment_id, thread_resolve)


@login_required
@require_POST
def thread_reopen_view(request: HttpRequest, comment_id: int) -> HttpResponse:
    return _comment_action(request, comment_id, thread_reopen)


def mention_query(request: HttpRequest) -> str:
    """What to look up: ``?q=`` as typed, or the ``@word`` at the end of the comment being written."""
    if "q" in request.GET:
        return request.GET["q"]
    match = _TRAILING_MENTION.search(request.GET.get("body", ""))
    return match.group(1) if match else ""


@login_required
@require_GET
def mention_suggest_view(request: HttpRequest, session_id: int) -> HttpResponse:
    """The @mention dropdown: colleagues matching the word after the last "@" by name, pinyin or department."""
    discussion_session_get_for_user(request.user, session_id)
    query = mention_query(request)
    colleagues = colleague_search(user=request.user, query=query) if query else []
    return render(request, "console/interviews/_mention_suggestions.html", {"colleagues": colleagues, "query": query})
