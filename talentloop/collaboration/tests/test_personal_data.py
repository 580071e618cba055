"""collaboration's parts of "my data": export of a colleague's comments and mentions, and erasure; the candidate's
messages with HR and the replies a colleague wrote, and their erasure."""

from __future__ import annotations

import pytest

from talentloop.accounts.models import User
from talentloop.collaboration.messages import message_send, thread_mark_read
from talentloop.collaboration.models import Comment, Message, MessageThread
from talentloop.collaboration.personal_data import DiscussionsPart, MessagesPart
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


# --- messages with HR ---------------------------------------------------------------------------------------------


def test_the_candidates_export_holds_their_thread_without_hr_names(
    scored: InterviewSession, candidate_a: User, candidate_b: User, hr: User
) -> None:
    question = message_send(
        author=candidate_a, person=candidate_a.person, side="candidate", body="失分点？", session_id=scored.pk
    )
    thread_mark_read(thread=question.thread, reader_side="hr")
    reply = message_send(author=hr, person=candidate_a.person, side="hr", body="请看报告")
    message_send(author=candidate_b, person=candidate_b.person, side="candidate", body="别人的")
    data = MessagesPart().export(_subject(candidate_a))
    question.refresh_from_db()
    assert data == {
        "thread": {
            "started_at": question.thread.created_at,
            "messages": [
                {
                    "from": "you",
                    "sent_at": question.created_at,
                    "read_by_the_other_side_at": question.read_at,
                    "interview": scored.pk,
                    "message": "失分点？",
                },
                {
                    "from": "hr",
                    "sent_at": reply.created_at,
                    "read_by_the_other_side_at": None,
                    "interview": None,
                    "message": "请看报告",
                },
            ],
        }
    }
    assert "李娜" not in str(data)
    assert list(MessagesPart().records(_subject(candidate_a))) == [
        ("collaboration.messagethread", str(question.thread_id))
    ]


def test_a_colleagues_export_holds_the_replies_they_wrote(candidate_a: User, hr: User) -> None:
    thread = message_send(author=candidate_a, person=candidate_a.person, side="candidate", body="问").thread
    reply = message_send(author=hr, person=candidate_a.person, side="hr", body="答")
    assert MessagesPart().export(_subject(hr)) == {
        "replies_written": [{"thread": thread.pk, "sent_at": reply.created_at, "message": "答"}]
    }
    assert MessagesPart().export(Subject(person_id=0, user_id=None)) == {}


def test_erasing_the_candidate_deletes_their_thread(candidate_a: User, hr: User) -> None:
    message_send(author=candidate_a, person=candidate_a.person, side="candidate", body="问")
    message_send(author=hr, person=candidate_a.person, side="hr", body="答")
    assert MessagesPart().erase(_subject(candidate_a)) == {"message_thread": 1, "messages": 2}
    assert (MessageThread.objects.count(), Message.objects.count()) == (0, 0)
    assert MessagesPart().erase(_subject(candidate_a)) == {}
