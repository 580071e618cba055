"""collaboration's parts of "my data": the comments a colleague wrote and where they were mentioned, and for a
candidate the discussions and shared result cards about their interviews; the candidate's messages with HR, and the
replies a colleague wrote (see talentloop/core/personal_data.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from talentloop.collaboration.messages import person_messages_erase
from talentloop.collaboration.models import Comment, Message, MessageThread, ResultShare
from talentloop.collaboration.services import person_discussions_erase
from talentloop.collaboration.sharing import person_shares_erase
from talentloop.core.personal_data import PersonalDataPart, Subject, personal_data_part_register


def _comment_row(comment: Comment) -> dict[str, Any]:
    return {
        "interview": comment.session_id,
        "about": comment.target,
        "created_at": comment.created_at,
        "edited_at": comment.edited_at,
        "deleted_at": comment.deleted_at,
        "comment": comment.body,
        "quote": comment.quote or None,
    }


@personal_data_part_register
class DiscussionsPart(PersonalDataPart):
    """A colleague's own comments are exported (the discussion around them belongs to the people who wrote it);
    erasure empties and unlinks what they wrote, keeping the rows so threads stay readable, and deletes every
    comment about a candidate's own interviews."""

    key = "discussions"
    floor = 6
    title = _("Discussions on interviews")

    def export(self, subject: Subject) -> dict[str, Any]:
        if subject.user_id is None:
            return {}
        written = [_comment_row(comment) for comment in Comment.objects.filter(author_id=subject.user_id)]
        mentioned_in = list(
            Comment.objects.filter(mentioned__id=subject.user_id)
            .order_by("created_at", "pk")
            .values_list("pk", flat=True)
        )
        if not written and not mentioned_in:
            return {}
        return {"comments_written": written, "mentioned_in_comments": mentioned_in}

    def records(self, subject: Subject) -> Iterable[tuple[str, str]]:
        about = Comment.objects.filter(session__invitation__candidate__person_id=subject.person_id)
        for comment_id in about.values_list("pk", flat=True):
            yield ("collaboration.comment", str(comment_id))
        if subject.user_id is not None:
            for comment_id in Comment.objects.filter(author_id=subject.user_id).values_list("pk", flat=True):
                yield ("collaboration.comment", str(comment_id))
        shares = ResultShare.objects.filter(session__invitation__candidate__person_id=subject.person_id)
        for share_id in shares.values_list("pk", flat=True):
            yield ("collaboration.resultshare", str(share_id))

    def erase(self, subject: Subject) -> dict[str, int]:
        """Also deletes the result cards shared about a candidate's interviews, with their answers and tasks."""
        done = person_shares_erase(person_id=subject.person_id)
        done.update(person_discussions_erase(person_id=subject.person_id, user_id=subject.user_id))
        return done


@personal_data_part_register
class MessagesPart(PersonalDataPart):
    """A candidate's thread with HR: every message of both sides (HR's without the writer's name), with the read
    receipts. A colleague's own replies are exported with the thread they were written in. Erasure deletes the
    candidate's thread and unlinks a colleague from the replies they wrote (the words stay in the candidate's
    thread)."""

    key = "messages"
    floor = 6
    title = _("Messages with HR")

    def export(self, subject: Subject) -> dict[str, Any]:
        data: dict[str, Any] = {}
        thread = MessageThread.objects.filter(person_id=subject.person_id).first()
        if thread is not None:
            data["thread"] = {
                "started_at": thread.created_at,
                "messages": [
                    {
                        "from": "you" if message.side == Message.Side.CANDIDATE else "hr",
                        "sent_at": message.created_at,
                        "read_by_the_other_side_at": message.read_at,
                        "interview": message.session_id,
                        "message": message.body,
                    }
                    for message in thread.messages.order_by("created_at", "pk")
                ],
            }
        if subject.user_id is not None:
            written = [
                {"thread": message.thread_id, "sent_at": message.created_at, "message": message.body}
                for message in Message.objects.filter(author_id=subject.user_id, side=Message.Side.HR).order_by(
                    "created_at", "pk"
                )
            ]
            if written:
                data["replies_written"] = written
        return data

    def records(self, subject: Subject) -> Iterable[tuple[str, str]]:
        for thread_id in MessageThread.objects.filter(person_id=subject.person_id).values_list("pk", flat=True):
            yield ("collaboration.messagethread", str(thread_id))

    def erase(self, subject: Subject) -> dict[str, int]:
        return person_messages_erase(person_id=subject.person_id, user_id=subject.user_id)
