"""collaboration's part of "my data": export of a colleague's comments and mentions, and erasure."""

from __future__ import annotations

import pytest

from talentloop.accounts.models import User
from talentloop.collaboration.models import Comment
from talentloop.collaboration.personal_data import DiscussionsPart
from talentloop.collaboration.services import comment_create
from talentloop.core.personal_data import Subject
from talentloop.interviews.models import InterviewSession

pytestmark = pytest.mark.django_db


def _subject(user: User) -> Subject:
    return Subject(person_id=user.person.pk, user_id=user.pk)


def test_export_holds_the_colleagues_own_comments_and_mentions(
    scored: InterviewSession, hr: User, sales_manager: User
) -> None:
    mine = comment_create(author=sales_manager, session=scored, body="我的意见")
    mentioning = comment_create(author=hr, session=scored, body="@sales.manager 请看")
    data = DiscussionsPart().export(_subject(sales_manager))
    assert [(row["interview"], row["about"], row["comment"]) for row in data["comments_written"]] == [
        (scored.pk, "session", "我的意见")
    ]
    assert data["mentioned_in_comments"] == [mentioning.pk]
    assert mine.pk != mentioning.pk
    assert DiscussionsPart().export(Subject(person_id=0, user_id=None)) == {}


def test_erase_unlinks_what_a_colleague_wrote_and_drops_their_mentions(
    scored: InterviewSession, hr: User, sales_manager: User
) -> None:
    thread = comment_create(author=sales_manager, session=scored, body="我的意见")
    reply = comment_create(author=hr, session=scored, body="@sales.manager 同意", parent=thread)
    # The colleague's erasure leaves the candidate's discussion in place, without their words
    done = DiscussionsPart().erase(Subject(person_id=sales_manager.person.pk, user_id=sales_manager.pk))
    assert done == {"comments_written": 1, "mentions": 1}
    thread.refresh_from_db()
    assert (thread.body, thread.author_id, thread.is_deleted) == ("", None, True)
    reply.refresh_from_db()
    assert (reply.body, reply.mentioned.count()) == ("@sales.manager 同意", 0)
    assert DiscussionsPart().erase(Subject(person_id=sales_manager.person.pk, user_id=sales_manager.pk)) == {}


def test_erase_of_a_candidate_deletes_the_discussions_about_them(
    scored: InterviewSession, hr: User, sales_manager: User, candidate_a: User
) -> None:
    thread = comment_create(author=hr, session=scored, body="关于候选人")
    comment_create(author=sales_manager, session=scored, body="回复", parent=thread)
    done = DiscussionsPart().erase(_subject(candidate_a))
    assert done == {"comments_about_them": 2}
    assert Comment.objects.count() == 0
    assert list(DiscussionsPart().records(_subject(candidate_a))) == []
