"""Writes of the discussion on an interview: comment, reply, edit, delete, resolve and reopen a thread.

A mention never reveals the interview to someone who may not see it: every mentioned colleague must pass the
console's access rule for the interview (``access.discussion_can_see``). When one does not, the comment is refused
with their names and nothing is written or sent — unless HR asks to grant them access, which assigns them to the
candidate through ``org.services.candidate_colleague_assign`` (audited), and then mentions them.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from talentloop.accounts.models import User
from talentloop.assessments.selectors import answer_scores_by_answer, session_score_get
from talentloop.collaboration.access import discussion_can_see
from talentloop.collaboration.colleagues import STAFF_ROLES
from talentloop.collaboration.errors import CollaborationErrorCode
from talentloop.collaboration.mentions import mention_handles
from talentloop.collaboration.models import Comment
from talentloop.core.exceptions import PermissionDenied, ValidationFailed
from talentloop.interviews.models import Answer, InterviewSession
from talentloop.notifications.models import Kind
from talentloop.notifications.services import notification_send
from talentloop.org.access import actor_get
from talentloop.org.services import candidate_colleague_assign

BODY_MAX_LENGTH = 5000
SNIPPET_MAX_LENGTH = 300


def _body_clean(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationFailed(
            _("Write a comment first."),
            code=CollaborationErrorCode.EMPTY_COMMENT,
            fields={"body": [_("This field is required.")]},
        )
    if len(body) > BODY_MAX_LENGTH:
        message = _("A comment can be at most %(count)s characters.") % {"count": BODY_MAX_LENGTH}
        raise ValidationFailed(message, code=CollaborationErrorCode.COMMENT_TOO_LONG, fields={"body": [message]})
    return body


def _mentioned_users(*, author: Any, body: str) -> list[Any]:
    """The colleagues ``body`` mentions (the author mentioning themselves is ignored). An unknown handle is
    refused: a mention that silently reaches nobody is worse than an error."""
    handles = [handle for handle in mention_handles(body) if handle != author.get_username()]
    if not handles:
        return []
    users = {
        user.get_username(): user
        for user in User.objects.filter(
            username__in=handles, is_active=True, role_grants__role__in=STAFF_ROLES
        ).distinct()
    }
    unknown = [handle for handle in handles if handle not in users]
    if unknown:
        message = _("No colleague can be mentioned as %(handles)s.") % {
            "handles": ", ".join(f"@{handle}" for handle in unknown)
        }
        raise ValidationFailed(message, code=CollaborationErrorCode.UNKNOWN_MENTION, fields={"body": [message]})
    return [users[handle] for handle in handles]


def _mentions_authorize(
    *, author: Any, session: InterviewSession, users: list[Any], grant_access: bool, request: HttpRequest | None
) -> None:
    """Refuse (writing nothing) when a mentioned colleague may not see the interview, unless HR grants access."""
    blocked = [user for user in users if not discussion_can_see(user, session)]
    if not blocked:
        return
    names = "、".join(str(user) for user in blocked)
    is_hr = actor_get(author).is_hr
    if not (grant_access and is_hr):
        if is_hr:
            message = _(
                "%(names)s cannot see this interview. Remove the mention, or grant them access and mention them."
            ) % {"names": names}
        else:
            message = _(
                "%(names)s cannot see this interview, so they cannot be mentioned. Remove the mention or ask HR to "
                "give them access."
            ) % {"names": names}
        raise ValidationFailed(
            message,
            code=CollaborationErrorCode.MENTION_CANNOT_SEE,
            fields={"body": [message]},
            extra={"cannot_see": [{"id": user.pk, "name": str(user)} for user in blocked], "can_grant": is_hr},
        )
    candidate = session.invitation.candidate
    for user in blocked:
        candidate_colleague_assign(actor=author, candidate=candidate, user=user, request=request)


def _mentions_notify(*, author: Any, comment: Comment, users: list[Any]) -> None:
    link = reverse("console:interview_session", args=[comment.session_id]) + f"#comment-{comment.pk}"
    for user in users:
        notification_send(
            recipient=user,
            kind=Kind.COMMENT_MENTION,
            params={"author": str(author), "target": comment.target},
            link=link,
            dedupe_key=f"comment_mention:{comment.pk}",
        )


def _quote_build(*, session: InterviewSession, answer: Answer, snippet: str) -> dict[str, Any]:
    """A copy of the quoted words and the answer's current scores, so later re-scores do not change the quote."""
    snippet = (snippet or "").strip()
    if snippet and snippet not in answer.text:
        raise ValidationFailed(
            _("The quoted words are not in the answer."),
            code=CollaborationErrorCode.BAD_TARGET,
            fields={"quote": [_("Quote words from the answer.")]},
        )
    snippet = (snippet or answer.text.strip())[:SNIPPET_MAX_LENGTH]
    score = session_score_get(session=session)
    rows = answer_scores_by_answer(session=session, score=score).get(answer.pk, [])
    seen: set[str] = set()
    scores = []
    for row in rows:
        if row.dimension.code in seen:
            continue
        seen.add(row.dimension.code)
        scores.append({"dimension": row.dimension.code, "name": row.dimension.name, "score": row.score})
    return {
        "answer": answer.pk,
        "order": answer.order,
        "question": answer.question_text,
        "snippet": snippet,
        "score_version": score.version if score is not None else None,
        "scores": scores,
    }


def _answer_of_session(session: InterviewSession, answer_id: int | str | None) -> Answer:
    try:
        return Answer.objects.get(pk=int(answer_id or 0), session=session)
    except (Answer.DoesNotExist, ValueError, TypeError):
        raise ValidationFailed(
            _("That answer is not part of this interview."),
            code=CollaborationErrorCode.BAD_TARGET,
            fields={"answer": [_("Choose an answer of this interview.")]},
        ) from None


def _dimension_codes(session: InterviewSession) -> set[str]:
    score = session_score_get(session=session)
    return set(score.dimensions) if score is not None else set()


def comment_create(
    *,
    author: Any,
    session: InterviewSession,
    body: str,
    target: str = Comment.Target.SESSION,
    answer_id: int | str | None = None,
    dimension_code: str = "",
    parent: Comment | None = None,
    quote_answer_id: int | str | None = None,
    quote_snippet: str = "",
    grant_access: bool = False,
    request: HttpRequest | None = None,
) -> Comment:
    """Comment on the interview, one of its answers or one dimension's score — or reply to a thread (``parent``,
    whose target the reply shares). Mentioned colleagues are notified; see the module docstring for who may be
    mentioned. ``author`` must already be allowed to see ``session`` (the edge fetched it with the access helper).
    """
    body = _body_clean(body)
    answer: Answer | None = None
    if parent is not None:
        if parent.session_id != session.pk or parent.parent_id is not None:
            raise ValidationFailed(_("Reply to a thread of this interview."), code=CollaborationErrorCode.NOT_A_THREAD)
        target, answer_id, dimension_code = parent.target, parent.answer_id, parent.dimension_code
    if target == Comment.Target.ANSWER:
        answer = _answer_of_session(session, answer_id)
        dimension_code = ""
    elif target == Comment.Target.DIMENSION:
        if dimension_code not in _dimension_codes(session):
            raise ValidationFailed(
                _("This interview has no score for that dimension."),
                code=CollaborationErrorCode.BAD_TARGET,
                fields={"dimension": [_("Choose a scored dimension.")]},
            )
    elif target == Comment.Target.SESSION:
        dimension_code = ""
    else:
        raise ValidationFailed(
            _("Unknown comment target."), code=CollaborationErrorCode.BAD_TARGET, fields={"target": [""]}
        )
    quote: dict[str, Any] = {}
    if quote_answer_id not in (None, ""):
        quote = _quote_build(
            session=session, answer=_answer_of_session(session, quote_answer_id), snippet=quote_snippet
        )
    mentioned = _mentioned_users(author=author, body=body)
    with transaction.atomic():
        _mentions_authorize(author=author, session=session, users=mentioned, grant_access=grant_access, request=request)
        comment = Comment.objects.create(
            session=session,
            target=target,
            answer=answer,
            dimension_code=dimension_code,
            parent=parent,
            author=author,
            body=body,
            quote=quote,
        )
        if mentioned:
            comment.mentioned.set(mentioned)
            _mentions_notify(author=author, comment=comment, users=mentioned)
    return comment


def _own_comment_check(*, user: Any, comment: Comment) -> None:
    if comment.author_id != user.pk:
        raise PermissionDenied(_("You can only change your own comments."), code=CollaborationErrorCode.NOT_AUTHOR)
    if comment.is_deleted:
        raise ValidationFailed(_("This comment was deleted."), code=CollaborationErrorCode.DELETED)


def comment_update(
    *, user: Any, comment: Comment, body: str, grant_access: bool = False, request: HttpRequest | None = None
) -> Comment:
    """Edit one's own comment. Colleagues newly mentioned pass the same check and are notified; those mentioned
    before are not told again."""
    _own_comment_check(user=user, comment=comment)
    body = _body_clean(body)
    mentioned = _mentioned_users(author=user, body=body)
    before = set(comment.mentioned.values_list("pk", flat=True))
    added = [mentioned_user for mentioned_user in mentioned if mentioned_user.pk not in before]
    with transaction.atomic():
        _mentions_authorize(
            author=user, session=comment.session, users=added, grant_access=grant_access, request=request
        )
        comment.body = body
        comment.edited_at = timezone.now()
        comment.save(update_fields=["body", "edited_at"])
        comment.mentioned.set(mentioned)
        _mentions_notify(author=user, comment=comment, users=added)
    return comment


def comment_delete(*, user: Any, comment: Comment) -> Comment:
    """Delete one's own comment: its words, quote and mentions go; the row stays so replies keep their thread."""
    _own_comment_check(user=user, comment=comment)
    with transaction.atomic():
        comment.body = ""
        comment.quote = {}
        comment.deleted_at = timezone.now()
        comment.save(update_fields=["body", "quote", "deleted_at"])
        comment.mentioned.clear()
    return comment


def _thread_check(comment: Comment) -> None:
    if comment.parent_id is not None:
        raise ValidationFailed(
            _("Only a whole thread can be resolved or reopened."), code=CollaborationErrorCode.NOT_A_THREAD
        )


def thread_resolve(*, user: Any, comment: Comment) -> Comment:
    """Mark a thread resolved (again is harmless). Anyone who may see the interview may resolve it."""
    _thread_check(comment)
    if comment.resolved_at is None:
        comment.resolved_at = timezone.now()
        comment.resolved_by = user
        comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment


def thread_reopen(*, user: Any, comment: Comment) -> Comment:
    """Reopen a resolved thread (an open one stays as it is)."""
    _thread_check(comment)
    if comment.resolved_at is not None:
        comment.resolved_at = None
        comment.resolved_by = None
        comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment


def person_discussions_erase(*, person_id: int, user_id: int | None) -> dict[str, int]:
    """Erase a person's share of interview discussions (the privacy orchestrator's erasure, see
    ``personal_data.py``): delete every comment on their own interviews as a candidate (it is about them, and may
    quote their words), empty and unlink the comments they wrote, and drop their mentions. Safe to run twice."""
    done: dict[str, int] = {}
    about = Comment.objects.filter(session__invitation__candidate__person_id=person_id)
    # Replies go with their thread (cascade); count every row.
    about_count = about.count()
    if about_count:
        about.filter(parent__isnull=True).delete()
        about.delete()
        done["comments_about_them"] = about_count
    if user_id is not None:
        written = Comment.objects.filter(author_id=user_id)
        written_count = written.count()
        if written_count:
            written.update(body="", quote={}, author=None, deleted_at=timezone.now())
            done["comments_written"] = written_count
        through = Comment.mentioned.through
        mentions, _by_model = through.objects.filter(user_id=user_id).delete()
        if mentions:
            done["mentions"] = mentions
    return done
