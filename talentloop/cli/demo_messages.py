"""The demo's candidate ↔ HR conversation: candidate3 (who did not pass) asked HR where she lost points, and HR (李娜)
answered with a reply drafted from her report ("Suggest a reply") and edited by hand. HR read her question; she has
not opened the reply yet, so the portal shows her one unread message and the console's inbox shows the thread as
answered, with HR's response time in the statistics.

Everything goes through the collaboration room's own services; loading twice changes nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from talentloop.accounts.models import User
from talentloop.cli.demo_completed import DemoCompletedInterview
from talentloop.collaboration.messages import message_send, reply_suggest, thread_mark_read
from talentloop.collaboration.models import Message, MessageThread

DEMO_MESSAGING_CANDIDATE = "candidate3"
DEMO_QUESTION = "您好，我这次面试没有通过。我想知道面试中的具体失分点，以及下次应该怎样准备？"
DEMO_REPLY_EDIT = "另外，您可以在成长路径里完成推荐的练习后重新申请这个职位。"


def demo_messages_load(*, completed: list[DemoCompletedInterview], now: datetime | None = None) -> None:
    """candidate3's question about her report and HR's edited reply (once)."""
    mine = [entry for entry in completed if entry.username == DEMO_MESSAGING_CANDIDATE]
    if not mine:
        return
    session = mine[0].session
    submitted_at = session.submitted_at
    if submitted_at is None:
        return
    person = session.invitation.candidate.person
    if MessageThread.objects.filter(person=person).exists():
        return
    candidate = User.objects.get(username=DEMO_MESSAGING_CANDIDATE)
    hr = User.objects.get(username="hr")
    now = now or timezone.now()
    # The evening after her interview she asks; HR answers the next morning (or as late as just now).
    asked_at: datetime = min(submitted_at + timedelta(hours=6), now - timedelta(hours=2))
    answered_at: datetime = min(asked_at + timedelta(hours=15, minutes=20), now - timedelta(minutes=30))
    question = message_send(
        author=candidate,
        person=person,
        side=Message.Side.CANDIDATE,
        body=DEMO_QUESTION,
        session_id=session.pk,
        now=asked_at,
    )
    thread_mark_read(thread=question.thread, reader_side=Message.Side.HR, now=answered_at - timedelta(minutes=25))
    draft = reply_suggest(thread=question.thread)
    message_send(author=hr, person=person, side=Message.Side.HR, body=f"{draft}\n\n{DEMO_REPLY_EDIT}", now=answered_at)
