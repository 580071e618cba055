# ruff: noqa: F811  (the imported fixtures are used as test arguments)
"""The candidate's messages with HR in the portal: write, see HR's reply and the read receipt, the unread count in
the nav, the report page's "Ask HR about this report" link, refusals, and who may open the page."""

from __future__ import annotations

import html

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from talentloop.accounts.models import User
from talentloop.collaboration.messages import MESSAGE_MAX_LENGTH, message_send, thread_mark_read
from talentloop.collaboration.models import Message, MessageThread
from talentloop.core.tests.helpers import body_text
from talentloop.feedback.tests.review_fixtures import review_world, scored, scored_b  # noqa: F401
from talentloop.interviews.models import InterviewSession
from talentloop.notifications.models import Notification

pytestmark = pytest.mark.django_db


def english(client: Client, user: User) -> Client:
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_candidate_writes_and_hr_is_told(client: Client, candidate_a: User, hr: User) -> None:
    response = english(client, candidate_a).post(reverse("portal:messages"), {"body": "我想知道面试中的具体失分点"})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:messages")
    message = Message.objects.get()
    assert (message.side, message.author_id, message.body, message.session_id) == (
        "candidate",
        candidate_a.pk,
        "我想知道面试中的具体失分点",
        None,
    )
    assert list(Notification.objects.values_list("recipient__username", "kind")) == [("hr", "candidate_message")]
    page = client.get(reverse("portal:messages"))
    text = body_text(page)
    assert "我想知道面试中的具体失分点" in text
    assert "Not read yet" in text


def test_hrs_reply_is_shown_read_and_the_receipt_appears(client: Client, candidate_a: User, hr: User) -> None:
    thread = message_send(author=candidate_a, person=candidate_a.person, side="candidate", body="问").thread
    thread_mark_read(thread=thread, reader_side="hr")
    message_send(author=hr, person=candidate_a.person, side="hr", body="这是HR的回复")
    english(client, candidate_a)
    before = client.get(reverse("portal:profile"))
    assert {item.section: item.count for item in before.context["nav_items"]}["portal_messages"] == 1

    page = client.get(reverse("portal:messages"))
    text = body_text(page)
    assert "这是HR的回复" in text
    assert "Read " in text  # HR read the candidate's question
    assert Message.objects.get(side="hr").read_at is not None
    after = client.get(reverse("portal:profile"))
    assert {item.section: item.count for item in after.context["nav_items"]}["portal_messages"] == 0


def test_the_report_link_prefills_the_message_and_ties_it_to_the_interview(
    client: Client, scored: InterviewSession, candidate_a: User
) -> None:
    english(client, candidate_a)
    report = client.get(reverse("portal:report", args=[scored.pk]))
    assert f'href="/portal/messages/?session={scored.pk}"' in report.content.decode()
    page = client.get(reverse("portal:messages"), {"session": scored.pk})
    form = page.context["form"]
    assert form.initial == {"session": str(scored.pk), "body": "About my report on the 销售代表 interview: "}
    client.post(reverse("portal:messages"), {"body": "About my report: 第一题？", "session": str(scored.pk)})
    assert Message.objects.get().session_id == scored.pk


def test_another_candidates_interview_is_ignored_in_the_link_and_refused_in_the_form(
    client: Client, scored_b: InterviewSession, candidate_a: User
) -> None:
    english(client, candidate_a)
    page = client.get(reverse("portal:messages"), {"session": scored_b.pk})
    assert page.context["form"].initial == {}
    response = client.post(reverse("portal:messages"), {"body": "问", "session": str(scored_b.pk)})
    assert response.status_code == 400
    assert "That interview is not one of the candidate's." in html.unescape(body_text(response))
    assert MessageThread.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "error"),
    [("", "Write a message first."), ("长" * (MESSAGE_MAX_LENGTH + 1), "A message can be at most 2000 characters")],
)
def test_an_empty_or_too_long_message_is_refused(client: Client, candidate_a: User, body: str, error: str) -> None:
    response = english(client, candidate_a).post(reverse("portal:messages"), {"body": body})
    assert response.status_code == 400
    assert error in response.context["form"].errors["body"][0]
    assert (MessageThread.objects.count(), Message.objects.count(), Notification.objects.count()) == (0, 0, 0)


@pytest.mark.parametrize("persona", ["hr", "sales_manager", "interviewer", "employee"])
def test_only_candidates_have_the_page(client: Client, personas: dict[str, User], persona: str) -> None:
    client.force_login(personas[persona])
    assert client.get(reverse("portal:messages")).status_code == 404
    assert client.post(reverse("portal:messages"), {"body": "问"}).status_code == 404
    assert Message.objects.count() == 0


def test_a_candidate_sees_only_their_own_thread(client: Client, candidate_a: User, candidate_b: User) -> None:
    message_send(author=candidate_b, person=candidate_b.person, side="candidate", body="吴杰的私信")
    page = english(client, candidate_a).get(reverse("portal:messages"))
    assert page.status_code == 200
    assert "吴杰的私信" not in body_text(page)
    assert page.context["thread"] is None


def test_the_page_query_count_does_not_grow_with_messages(
    client: Client, candidate_a: User, hr: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    message_send(author=candidate_a, person=candidate_a.person, side="candidate", body="问")
    english(client, candidate_a).get(reverse("portal:messages"))
    with django_assert_num_queries(12):
        client.get(reverse("portal:messages"))
    for number in range(5):
        message_send(author=hr, person=candidate_a.person, side="hr", body=f"答{number}")
    with django_assert_num_queries(12):
        response = client.get(reverse("portal:messages"))
    assert len(response.context["thread_messages"]) == 6
