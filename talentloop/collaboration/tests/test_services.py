"""The discussion's services: comment, reply, mention, refuse, grant and mention, quote, edit, delete, resolve."""

from __future__ import annotations

from typing import Any

import pytest

from talentloop.accounts.models import User
from talentloop.assessments.models import AnswerScore
from talentloop.collaboration.errors import CollaborationErrorCode
from talentloop.collaboration.mentions import body_render, mention_handles
from talentloop.collaboration.models import Comment
from talentloop.collaboration.services import (
    comment_create,
    comment_delete,
    comment_update,
    thread_reopen,
    thread_resolve,
)
from talentloop.core.exceptions import PermissionDenied, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.interviews.access import session_list_for_user
from talentloop.interviews.models import InterviewSession
from talentloop.notifications.models import Delivery, Notification

pytestmark = pytest.mark.django_db


def _nothing_written() -> None:
    assert Comment.objects.count() == 0
    assert Notification.objects.count() == 0
    assert Delivery.objects.count() == 0


def test_mention_handles_are_parsed_exactly() -> None:
    body = "@sales.manager 请看第1题, cc @interviewer. 邮件 a@b.com @sales.manager again @x-"
    assert mention_handles(body) == ["sales.manager", "interviewer", "x"]


def test_body_render_escapes_and_names_known_mentions() -> None:
    html = body_render("<b>@sales.manager</b> 和 @nobody\n好", {"sales.manager": "张伟"})
    assert html == '&lt;b&gt;<span class="mention" title="@sales.manager">@张伟</span>&lt;/b&gt; 和 @nobody<br>好'


def test_comment_with_mention_notifies_the_colleague(
    scored: InterviewSession, hr: User, sales_manager: User, interviewer: User
) -> None:
    # Given HR on an interview of a Sales candidate
    # When HR mentions the Sales manager and the assigned interviewer
    comment = comment_create(author=hr, session=scored, body="@sales.manager @interviewer 请看看")
    # Then both are mentioned and each told once, with a link to the comment
    assert list(comment.mentioned.order_by("username").values_list("username", flat=True)) == [
        "interviewer",
        "sales.manager",
    ]
    notifications = Notification.objects.order_by("recipient__username")
    assert [(n.recipient.username, n.kind, n.params) for n in notifications] == [
        ("interviewer", "comment_mention", {"author": "李娜", "target": "session"}),
        ("sales.manager", "comment_mention", {"author": "李娜", "target": "session"}),
    ]
    assert notifications[0].link == f"/console/interviews/sessions/{scored.pk}/#comment-{comment.pk}"
    assert sorted(Delivery.objects.values_list("channel", flat=True)) == ["email", "email", "in_app", "in_app"]


def test_mention_of_someone_who_cannot_see_is_refused_and_nothing_is_written(
    scored: InterviewSession, sales_manager: User, rnd_manager: User
) -> None:
    # Given the Sales manager writing; the R&D manager may not see a Sales candidate
    with pytest.raises(ValidationFailed) as raised:
        comment_create(author=sales_manager, session=scored, body="@rnd.manager 你怎么看?")
    # Then the refusal names them, and nothing was written or sent
    assert raised.value.code == CollaborationErrorCode.MENTION_CANNOT_SEE
    assert raised.value.message == (
        "陈磊 cannot see this interview, so they cannot be mentioned. Remove the mention or ask HR to give them access."
    )
    assert raised.value.extra == {"cannot_see": [{"id": rnd_manager.pk, "name": "陈磊"}], "can_grant": False}
    _nothing_written()
    assert not session_list_for_user(rnd_manager).filter(pk=scored.pk).exists()


def test_a_manager_cannot_grant_access(scored: InterviewSession, sales_manager: User, rnd_manager: User) -> None:
    with pytest.raises(ValidationFailed) as raised:
        comment_create(author=sales_manager, session=scored, body="@rnd.manager", grant_access=True)
    assert raised.value.code == CollaborationErrorCode.MENTION_CANNOT_SEE
    _nothing_written()
    assert scored.invitation.candidate.interviewers.filter(pk=rnd_manager.pk).count() == 0
    assert AuditEvent.objects.filter(action=AuditEvent.Action.GRANT, object_type="org.candidate").count() == 0


def test_hr_is_offered_the_grant_in_the_refusal(scored: InterviewSession, hr: User, rnd_manager: User) -> None:
    with pytest.raises(ValidationFailed) as raised:
        comment_create(author=hr, session=scored, body="@rnd.manager 请看")
    assert raised.value.message == (
        "陈磊 cannot see this interview. Remove the mention, or grant them access and mention them."
    )
    assert raised.value.extra["can_grant"] is True
    _nothing_written()


def test_hr_grants_access_and_mentions(scored: InterviewSession, hr: User, rnd_manager: User) -> None:
    # When HR grants access and mentions the R&D manager
    comment = comment_create(author=hr, session=scored, body="@rnd.manager 请看", grant_access=True)
    # Then they are assigned to the candidate, may see the interview, are told, and the grant is audited
    candidate = scored.invitation.candidate
    assert list(candidate.interviewers.values_list("username", flat=True)).count("rnd.manager") == 1
    assert session_list_for_user(User.objects.get(pk=rnd_manager.pk)).filter(pk=scored.pk).exists()
    assert list(comment.mentioned.values_list("username", flat=True)) == ["rnd.manager"]
    assert Notification.objects.filter(recipient=rnd_manager, kind="comment_mention").count() == 1
    grants = AuditEvent.objects.filter(action=AuditEvent.Action.GRANT, object_type="org.candidate")
    assert [(g.actor_id, g.object_id, g.changes) for g in grants] == [
        (hr.pk, str(candidate.pk), {"assigned": rnd_manager.pk})
    ]


def test_grant_refused_for_someone_not_on_hiring(scored: InterviewSession, hr: User, employee: User) -> None:
    # An employee without a staff role is not a colleague who can be mentioned at all
    with pytest.raises(ValidationFailed) as raised:
        comment_create(author=hr, session=scored, body="@employee 看看", grant_access=True)
    assert raised.value.code == CollaborationErrorCode.UNKNOWN_MENTION
    assert raised.value.message == "No colleague can be mentioned as @employee."
    _nothing_written()


def test_empty_comment_is_refused(scored: InterviewSession, hr: User) -> None:
    with pytest.raises(ValidationFailed) as raised:
        comment_create(author=hr, session=scored, body="   ")
    assert raised.value.code == CollaborationErrorCode.EMPTY_COMMENT
    _nothing_written()


def test_comment_on_an_answer_quotes_it_with_its_scores(scored: InterviewSession, hr: User) -> None:
    answer = scored.answers.get(order=1)
    comment = comment_create(
        author=hr,
        session=scored,
        body="这里不够具体",
        target=Comment.Target.ANSWER,
        answer_id=answer.pk,
        quote_answer_id=answer.pk,
        quote_snippet="不太清楚",
    )
    score = AnswerScore.objects.get(answer=answer)
    expected = {
        "answer": answer.pk,
        "order": 1,
        "question": answer.question_text,
        "snippet": "不太清楚",
        "score_version": 1,
        "scores": [{"dimension": "customer-needs", "name": "customer-needs", "score": score.score}],
    }
    assert comment.quote == expected
    # A later change of the score does not change what was quoted
    AnswerScore.objects.filter(pk=score.pk).update(score=99.0)
    comment.refresh_from_db()
    assert comment.quote == expected


def test_quote_must_be_words_of_the_answer(scored: InterviewSession, hr: User) -> None:
    answer = scored.answers.get(order=1)
    with pytest.raises(ValidationFailed) as raised:
        comment_create(author=hr, session=scored, body="x", quote_answer_id=answer.pk, quote_snippet="编造的")
    assert raised.value.code == CollaborationErrorCode.BAD_TARGET
    _nothing_written()


def test_comment_on_a_dimension_needs_a_scored_dimension(scored: InterviewSession, hr: User) -> None:
    comment = comment_create(
        author=hr, session=scored, body="沟通分偏低", target=Comment.Target.DIMENSION, dimension_code="communication"
    )
    assert (comment.target, comment.dimension_code, comment.answer_id) == ("dimension", "communication", None)
    with pytest.raises(ValidationFailed) as raised:
        comment_create(author=hr, session=scored, body="x", target=Comment.Target.DIMENSION, dimension_code="nope")
    assert raised.value.code == CollaborationErrorCode.BAD_TARGET
    assert Comment.objects.count() == 1


def test_answer_of_another_interview_is_refused(scored: InterviewSession, hr: User, review_world: Any) -> None:
    from talentloop.feedback.tests.review_fixtures import interview_taken
    from talentloop.org.tests.factories import CandidateFactory

    other_user = User.objects.create(username="other.candidate")
    CandidateFactory.create(applied_position=scored.invitation.candidate.applied_position, user=other_user)
    other = interview_taken(review_world, other_user, scored=False)
    with pytest.raises(ValidationFailed) as raised:
        comment_create(
            author=hr, session=scored, body="x", target=Comment.Target.ANSWER, answer_id=other.answers.get(order=1).pk
        )
    assert raised.value.code == CollaborationErrorCode.BAD_TARGET
    assert Comment.objects.count() == 0


def test_reply_joins_the_thread_and_shares_its_target(scored: InterviewSession, hr: User, sales_manager: User) -> None:
    thread = comment_create(
        author=hr, session=scored, body="看这里", target=Comment.Target.DIMENSION, dimension_code="communication"
    )
    reply = comment_create(author=sales_manager, session=scored, body="同意", parent=thread)
    assert (reply.parent_id, reply.target, reply.dimension_code) == (thread.pk, "dimension", "communication")
    with pytest.raises(ValidationFailed) as raised:
        comment_create(author=hr, session=scored, body="x", parent=reply)
    assert raised.value.code == CollaborationErrorCode.NOT_A_THREAD
    assert Comment.objects.count() == 2


def test_resolve_and_reopen_a_thread(scored: InterviewSession, hr: User, sales_manager: User) -> None:
    thread = comment_create(author=hr, session=scored, body="待定")
    thread_resolve(user=sales_manager, comment=thread)
    thread.refresh_from_db()
    assert (thread.is_resolved, thread.resolved_by_id) == (True, sales_manager.pk)
    resolved_at = thread.resolved_at
    thread_resolve(user=hr, comment=thread)
    thread.refresh_from_db()
    assert (thread.resolved_at, thread.resolved_by_id) == (resolved_at, sales_manager.pk)
    thread_reopen(user=hr, comment=thread)
    thread.refresh_from_db()
    assert (thread.resolved_at, thread.resolved_by_id) == (None, None)
    reply = comment_create(author=hr, session=scored, body="回复", parent=thread)
    with pytest.raises(ValidationFailed) as raised:
        thread_resolve(user=hr, comment=reply)
    assert raised.value.code == CollaborationErrorCode.NOT_A_THREAD


def test_edit_own_comment_notifies_only_new_mentions(
    scored: InterviewSession, hr: User, sales_manager: User, interviewer: User
) -> None:
    comment = comment_create(author=hr, session=scored, body="@sales.manager 看看")
    comment_update(user=hr, comment=comment, body="@sales.manager @interviewer 看看")
    comment.refresh_from_db()
    assert comment.body == "@sales.manager @interviewer 看看"
    assert comment.edited_at is not None
    assert sorted(Notification.objects.values_list("recipient__username", flat=True)) == [
        "interviewer",
        "sales.manager",
    ]


def test_edit_adding_a_refused_mention_changes_nothing(
    scored: InterviewSession, hr: User, sales_manager: User, rnd_manager: User
) -> None:
    comment = comment_create(author=sales_manager, session=scored, body="原文")
    with pytest.raises(ValidationFailed):
        comment_update(user=sales_manager, comment=comment, body="原文 @rnd.manager")
    comment.refresh_from_db()
    assert (comment.body, comment.edited_at, comment.mentioned.count()) == ("原文", None, 0)
    assert Notification.objects.count() == 0


def test_only_the_author_edits_or_deletes(scored: InterviewSession, hr: User, sales_manager: User) -> None:
    comment = comment_create(author=hr, session=scored, body="我的")
    with pytest.raises(PermissionDenied) as raised:
        comment_update(user=sales_manager, comment=comment, body="改掉")
    assert raised.value.code == CollaborationErrorCode.NOT_AUTHOR
    with pytest.raises(PermissionDenied):
        comment_delete(user=sales_manager, comment=comment)
    comment.refresh_from_db()
    assert (comment.body, comment.deleted_at) == ("我的", None)


def test_soft_delete_keeps_the_thread(scored: InterviewSession, hr: User, sales_manager: User) -> None:
    answer = scored.answers.get(order=1)
    thread = comment_create(
        author=hr, session=scored, body="@sales.manager 看", quote_answer_id=answer.pk, quote_snippet="不太清楚"
    )
    reply = comment_create(author=sales_manager, session=scored, body="好的", parent=thread)
    comment_delete(user=hr, comment=thread)
    thread.refresh_from_db()
    assert (thread.body, thread.quote, thread.is_deleted, thread.mentioned.count()) == ("", {}, True, 0)
    assert list(thread.replies.values_list("pk", flat=True)) == [reply.pk]
    with pytest.raises(ValidationFailed) as raised:
        comment_update(user=hr, comment=thread, body="复活")
    assert raised.value.code == CollaborationErrorCode.DELETED
