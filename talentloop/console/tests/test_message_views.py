# ruff: noqa: F811  (the imported fixtures are used as test arguments)
"""HR's messages in the console: the inbox (order, waiting time, nav count, query count), a thread (read receipts,
audit, "Suggest a reply", sending, refusals), the response-time statistics page, and who may open them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from talentloop.accounts.models import User
from talentloop.collaboration.messages import MESSAGE_MAX_LENGTH, message_send
from talentloop.collaboration.models import Message, MessageThread
from talentloop.core.models import AuditEvent
from talentloop.core.tests.helpers import body_text
from talentloop.feedback.tests.review_fixtures import review_world, scored  # noqa: F401
from talentloop.interviews.models import InterviewSession
from talentloop.notifications.models import Notification

pytestmark = pytest.mark.django_db


def english(client: Client, user: User) -> Client:
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def asked(candidate_a: User) -> MessageThread:
    message = message_send(
        author=candidate_a,
        person=candidate_a.person,
        side="candidate",
        body="我想知道面试中的具体失分点",
        now=timezone.now() - timedelta(hours=3),
    )
    return message.thread


def test_the_inbox_lists_waiting_threads_first_with_the_nav_count(
    client: Client, hr: User, asked: MessageThread, candidate_b: User
) -> None:
    message_send(author=candidate_b, person=candidate_b.person, side="candidate", body="你好")
    message_send(author=hr, person=candidate_b.person, side="hr", body="您好")
    response = english(client, hr).get(reverse("console:messages"))
    assert response.status_code == 200
    assert [thread.person.full_name for thread in response.context["threads"]] == ["周婷", "吴杰"]
    text = body_text(response)
    assert "waiting 3\xa0hours" in text
    nav = {item.section: item.count for item in response.context["nav_items"]}
    assert nav["messages"] == 1


def test_the_inbox_query_count_does_not_grow_with_threads(
    client: Client, hr: User, candidate_a: User, candidate_b: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    english(client, hr)
    message_send(author=candidate_a, person=candidate_a.person, side="candidate", body="一")
    client.get(reverse("console:messages"))  # warm the session
    with django_assert_num_queries(11):
        client.get(reverse("console:messages"))
    message_send(author=candidate_b, person=candidate_b.person, side="candidate", body="二")
    message_send(author=hr, person=candidate_b.person, side="hr", body="三")
    with django_assert_num_queries(11):
        response = client.get(reverse("console:messages"))
    assert len(response.context["threads"]) == 2


def test_opening_a_thread_marks_it_read_and_is_audited(client: Client, hr: User, asked: MessageThread) -> None:
    response = english(client, hr).get(reverse("console:message_thread", args=[asked.pk]))
    assert response.status_code == 200
    assert "我想知道面试中的具体失分点" in body_text(response)
    assert asked.messages.get().read_at is not None
    assert (
        AuditEvent.objects.filter(
            action=AuditEvent.Action.VIEW, object_type="collaboration.messagethread", object_id=str(asked.pk)
        ).count()
        == 1
    )


def test_the_thread_page_query_count_does_not_grow_with_messages(
    client: Client, hr: User, asked: MessageThread, candidate_a: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    url = reverse("console:message_thread", args=[asked.pk])
    english(client, hr).get(url)
    with django_assert_num_queries(15):
        client.get(url)
    for number in range(5):
        message_send(author=hr, person=candidate_a.person, side="hr", body=f"答{number}")
        message_send(author=candidate_a, person=candidate_a.person, side="candidate", body=f"问{number}")
    with django_assert_num_queries(15):
        response = client.get(url)
    assert len(response.context["thread_messages"]) == 11


def test_suggest_fills_the_box_and_sends_nothing(
    client: Client, hr: User, scored: InterviewSession, candidate_a: User
) -> None:
    thread = message_send(
        author=candidate_a, person=candidate_a.person, side="candidate", body="失分点？", session_id=scored.pk
    ).thread
    response = english(client, hr).get(reverse("console:message_thread", args=[thread.pk]), {"suggest": "1"})
    assert response.status_code == 200
    draft = response.context["form"].initial["body"]
    assert draft.startswith("Dear 周婷,") or draft.startswith("周婷")
    assert "识别客户需求" in draft
    assert response.context["suggested"] is True
    assert Message.objects.filter(side="hr").count() == 0
    assert Notification.objects.filter(kind="hr_reply").count() == 0


def test_suggest_without_a_report_says_why(client: Client, hr: User, asked: MessageThread) -> None:
    response = english(client, hr).get(reverse("console:message_thread", args=[asked.pk]), {"suggest": "1"})
    assert response.status_code == 200
    assert response.context["suggestion_error"] == "This candidate has no released report to draft a reply from."
    assert "This candidate has no released report to draft a reply from." in body_text(response)


def test_hr_replies_and_the_candidate_is_notified(
    client: Client, hr: User, asked: MessageThread, candidate_a: User
) -> None:
    response = english(client, hr).post(
        reverse("console:message_thread", args=[asked.pk]), {"body": "您好，第一题缺少客户需求的识别。"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("console:message_thread", args=[asked.pk])
    reply = Message.objects.get(side="hr")
    assert (reply.author_id, reply.body) == (hr.pk, "您好，第一题缺少客户需求的识别。")
    asked.refresh_from_db()
    assert asked.waiting_since is None
    assert list(Notification.objects.filter(kind="hr_reply").values_list("recipient_id", flat=True)) == [candidate_a.pk]


@pytest.mark.parametrize(
    ("body", "error"),
    [("  ", "Write a message first."), ("长" * (MESSAGE_MAX_LENGTH + 1), "A message can be at most 2000 characters")],
)
def test_an_empty_or_too_long_reply_is_refused(
    client: Client, hr: User, asked: MessageThread, body: str, error: str
) -> None:
    response = english(client, hr).post(reverse("console:message_thread", args=[asked.pk]), {"body": body})
    assert response.status_code == 400
    assert error in response.context["form"].errors["body"][0]
    assert Message.objects.filter(side="hr").count() == 0
    assert Notification.objects.filter(kind="hr_reply").count() == 0


@pytest.mark.parametrize("persona", ["sales_manager", "interviewer", "rnd_manager", "employee", "candidate_a"])
def test_nobody_but_hr_finds_the_pages(
    client: Client, personas: dict[str, User], asked: MessageThread, persona: str
) -> None:
    client.force_login(personas[persona])
    for url in (
        reverse("console:messages"),
        reverse("console:message_statistics"),
        reverse("console:message_thread", args=[asked.pk]),
    ):
        assert client.get(url).status_code == 404
    response = client.post(reverse("console:message_thread", args=[asked.pk]), {"body": "冒充"})
    assert response.status_code == 404
    assert Message.objects.count() == 1
    assert "我想知道面试中的具体失分点" not in body_text(response)


def test_the_statistics_page_shows_the_selector_numbers(
    client: Client, hr: User, candidate_a: User, hr_admin: User
) -> None:
    asked_at = timezone.now() - timedelta(days=3)
    message_send(author=candidate_a, person=candidate_a.person, side="candidate", body="问", now=asked_at)
    message_send(
        author=hr, person=candidate_a.person, side="hr", body="答", now=asked_at + timedelta(hours=2, minutes=5)
    )
    response = english(client, hr).get(reverse("console:message_statistics"))
    assert response.status_code == 200
    statistics = response.context["statistics"]
    assert (statistics.overall.asked, statistics.overall.answered, statistics.overall.median_seconds) == (1, 1, 7500.0)
    text = body_text(response)
    assert "2 h 05 min" in text
    assert "100%" in text
    assert "李娜" in text


def test_a_period_ending_before_it_starts_is_refused(client: Client, hr: User) -> None:
    response = english(client, hr).get(
        reverse("console:message_statistics"), {"date_from": "2026-12-01", "date_to": "2026-11-01"}
    )
    assert response.status_code == 400
    assert response.context["statistics"] is None
    assert "The start of the period must not be after its end." in body_text(response)
