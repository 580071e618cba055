"""Processing WeCom callbacks about shared results: a card clicked twice, a click after a web answer, an unknown
member, a text reply that becomes a comment or is ignored with its reason, a retried task, and a manager without
WeCom. None of the refusals changes data."""

from __future__ import annotations

from typing import Any

import pytest

from talentloop.accounts.models import User
from talentloop.collaboration.models import Comment, HrTask, ManagerResponse, ResultShare
from talentloop.collaboration.sharing import manager_respond, result_share_create
from talentloop.integrations.wecom.models import InboundMessage, WeComAccount
from talentloop.integrations.wecom.services import inbound_message_process
from talentloop.integrations.wecom.tests.fake_server import FakeWeCom
from talentloop.interviews.models import InterviewSession
from talentloop.notifications.models import Delivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def card_share(
    hr: User,
    sales_manager: User,
    shared_session: InterviewSession,
    fake_wecom: FakeWeCom,
    django_capture_on_commit_callbacks: Any,
) -> tuple[ResultShare, str]:
    """A result shared with the Sales manager (WeCom member wangqiang); returns the share and its card's task id."""
    WeComAccount.objects.create(person=sales_manager.person, userid="wangqiang")
    fake_wecom.known_userids.add("wangqiang")
    with django_capture_on_commit_callbacks(execute=True):
        share = result_share_create(actor=hr, session=shared_session, manager=sales_manager)
    [sent] = fake_wecom.calls_to("message/send")
    return share, sent.body["template_card"]["task_id"]


def _click(task_id: str, key: str, *, userid: str = "wangqiang", number: int = 1) -> InboundMessage:
    person = WeComAccount.objects.filter(userid=userid).values_list("person", flat=True).first()
    return InboundMessage.objects.create(
        kind=InboundMessage.Kind.CARD_CLICK,
        dedupe_key=f"event:{userid}:{number}",
        from_userid=userid,
        person_id=person,
        event_key=key,
        task_id=task_id,
        response_code=f"rc-{number}",
    )


def _text(content: str, *, userid: str = "wangqiang", number: int = 1) -> InboundMessage:
    person = WeComAccount.objects.filter(userid=userid).values_list("person", flat=True).first()
    return InboundMessage.objects.create(
        kind=InboundMessage.Kind.TEXT, dedupe_key=f"msg:{number}", from_userid=userid, person_id=person, content=content
    )


def _status(inbound: InboundMessage) -> tuple[str, str]:
    inbound.refresh_from_db()
    return inbound.status, inbound.error


def test_a_card_clicked_twice_answers_once_and_updates_the_card_once(
    card_share: tuple[ResultShare, str], fake_wecom: FakeWeCom
) -> None:
    _share, task_id = card_share
    first = _click(task_id, "advance", number=1)
    second = _click(task_id, "reject", number=2)
    inbound_message_process(inbound_id=first.pk)
    inbound_message_process(inbound_id=second.pk)
    # the task may run twice: nothing more happens
    inbound_message_process(inbound_id=first.pk)
    assert _status(first) == ("processed", "")
    assert _status(second) == ("ignored", "The result was already answered (advance, wecom); nothing changed.")
    assert list(ManagerResponse.objects.values_list("decision", "channel")) == [("advance", "wecom")]
    assert [call.body["button"]["replace_name"] for call in fake_wecom.calls_to("message/update_template_card")] == [
        "Advanced"
    ]


def test_a_click_after_answering_on_the_web_is_ignored(
    card_share: tuple[ResultShare, str], sales_manager: User, fake_wecom: FakeWeCom
) -> None:
    share, task_id = card_share
    manager_respond(user=sales_manager, share=share, decision="reject")
    click = _click(task_id, "supplementary:teamwork")
    inbound_message_process(inbound_id=click.pk)
    assert _status(click) == ("ignored", "The result was already answered (reject, web); nothing changed.")
    assert (ManagerResponse.objects.count(), HrTask.objects.count()) == (1, 0)
    assert fake_wecom.calls_to("message/update_template_card") == []


def test_a_click_from_an_unknown_member_is_ignored(card_share: tuple[ResultShare, str], fake_wecom: FakeWeCom) -> None:
    share, task_id = card_share
    click = _click(task_id, "advance", userid="stranger")
    inbound_message_process(inbound_id=click.pk)
    assert _status(click) == ("ignored", "Unknown WeCom member: no person is linked.")
    assert ManagerResponse.objects.count() == 0
    share.refresh_from_db()
    assert share.status == "open"
    assert fake_wecom.calls_to("message/update_template_card") == []


def test_a_click_by_another_linked_member_on_the_managers_card_is_refused(
    card_share: tuple[ResultShare, str], hr_on_wecom: User, fake_wecom: FakeWeCom
) -> None:
    _share, task_id = card_share
    click = _click(task_id, "advance", userid="zhangwei")
    inbound_message_process(inbound_id=click.pk)
    assert _status(click) == ("ignored", "Refused: Only the manager this result was shared with can answer it.")
    assert ManagerResponse.objects.count() == 0


def test_a_button_for_a_dimension_the_card_did_not_score_is_refused(card_share: tuple[ResultShare, str]) -> None:
    _share, task_id = card_share
    click = _click(task_id, "supplementary:leadership")
    inbound_message_process(inbound_id=click.pk)
    assert _status(click) == (
        "ignored",
        "Refused: Choose the dimensions the supplementary interview should focus on.",
    )
    assert (ManagerResponse.objects.count(), HrTask.objects.count()) == (0, 0)


def test_a_retried_card_update_only_updates_the_card(
    card_share: tuple[ResultShare, str], fake_wecom: FakeWeCom
) -> None:
    from talentloop.integrations.wecom.client import WeComError

    _share, task_id = card_share
    click = _click(task_id, "supplementary:teamwork")
    fake_wecom.inject("message/update_template_card", 45009)
    with pytest.raises(WeComError):
        inbound_message_process(inbound_id=click.pk)
    # the answer is recorded; the message waits for its retry
    assert _status(click)[0] == "received"
    assert list(ManagerResponse.objects.values_list("decision", "dimensions")) == [("supplementary", ["teamwork"])]
    inbound_message_process(inbound_id=click.pk)
    assert _status(click) == ("processed", "")
    assert (ManagerResponse.objects.count(), HrTask.objects.count()) == (1, 1)
    assert len(fake_wecom.calls_to("message/update_template_card")) == 2


def test_a_text_reply_becomes_a_comment_once(card_share: tuple[ResultShare, str], sales_manager: User) -> None:
    share, _task_id = card_share
    reply = _text("请追问团队协作 @hr")
    inbound_message_process(inbound_id=reply.pk)
    inbound_message_process(inbound_id=reply.pk)
    assert _status(reply) == ("processed", "")
    assert list(Comment.objects.values_list("session", "author", "body")) == [
        (share.session_id, sales_manager.pk, "请追问团队协作 @hr")
    ]


def test_a_text_reply_the_discussion_refuses_is_ignored_with_the_reason(card_share: tuple[ResultShare, str]) -> None:
    reply = _text("   ")
    inbound_message_process(inbound_id=reply.pk)
    assert _status(reply) == ("ignored", "Refused: Write a comment first.")
    assert Comment.objects.count() == 0


def test_a_text_reply_about_an_interview_the_manager_may_no_longer_see_is_ignored(
    hr: User, rnd_manager: User, shared_session: InterviewSession, fake_wecom: FakeWeCom
) -> None:
    # Given a result shared with the R&D manager (which assigned them to the candidate), then the access removed
    WeComAccount.objects.create(person=rnd_manager.person, userid="chenlei")
    result_share_create(actor=hr, session=shared_session, manager=rnd_manager)
    shared_session.invitation.candidate.interviewers.remove(rnd_manager)
    reply = _text("看过了", userid="chenlei")
    inbound_message_process(inbound_id=reply.pk)
    assert _status(reply) == ("ignored", "The member may no longer see the interview; no comment made.")
    assert Comment.objects.count() == 0


def test_a_manager_without_wecom_gets_the_result_by_email_and_in_the_app(
    hr: User,
    sales_manager: User,
    shared_session: InterviewSession,
    fake_wecom: FakeWeCom,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # Given the Sales manager has no WeCom link
    with django_capture_on_commit_callbacks(execute=True):
        result_share_create(actor=hr, session=shared_session, manager=sales_manager)
    # Then WeCom is not called and the WeCom delivery failed for good with the reason; email and in-app went out
    assert fake_wecom.calls_to("message/send") == []
    deliveries = dict(Delivery.objects.values_list("channel", "status"))
    assert deliveries == {"in_app": "sent", "email": "sent", "wecom": "failed"}
    assert Delivery.objects.get(channel="wecom").last_error == "The recipient has no linked WeCom account."
