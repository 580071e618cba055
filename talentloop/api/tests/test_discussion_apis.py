# ruff: noqa: F811  (the imported fixtures are used as test arguments)
"""The discussion over the API: list, comment, reply, refuse, grant, resolve, reopen, suggest; 404 for outsiders."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from talentloop.accounts.models import User
from talentloop.collaboration.models import Comment
from talentloop.collaboration.services import comment_create
from talentloop.feedback.tests.review_fixtures import review_world, scored  # noqa: F401
from talentloop.interviews.models import InterviewSession
from talentloop.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english(client: Any) -> None:
    """Messages are asserted in English (one test reads the page in Chinese)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def _comments(session: InterviewSession) -> str:
    return f"/api/v1/interview-sessions/{session.pk}/comments/"


def test_comment_with_a_quote_and_list_it(
    client: Client, scored: InterviewSession, hr: User, sales_manager: User
) -> None:
    client.force_login(hr)
    answer = scored.answers.get(order=1)
    created = client.post(
        _comments(scored),
        {
            "body": "@sales.manager 这里",
            "target": "answer",
            "answer": answer.pk,
            "quote_answer": answer.pk,
            "quote_snippet": "不太清楚",
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["target"], body["answer"], body["body"], body["deleted"]) == (
        "answer",
        answer.pk,
        "@sales.manager 这里",
        False,
    )
    assert body["mentioned"] == [{"id": sales_manager.pk, "username": "sales.manager", "name": "张伟"}]
    assert body["quote"]["snippet"] == "不太清楚"
    assert [score["dimension"] for score in body["quote"]["scores"]] == ["customer-needs"]
    reply = client.post(_comments(scored), {"body": "好", "reply_to": body["id"]}, content_type="application/json")
    assert (reply.status_code, reply.json()["target"], reply.json()["answer"]) == (201, "answer", answer.pk)
    listed = client.get(_comments(scored)).json()
    assert [(thread["id"], [reply["body"] for reply in thread["replies"]]) for thread in listed] == [
        (body["id"], ["好"])
    ]
    assert Notification.objects.filter(recipient=sales_manager).count() == 1


def test_refused_mention_says_who_and_writes_nothing(
    client: Client, scored: InterviewSession, sales_manager: User, rnd_manager: User
) -> None:
    client.force_login(sales_manager)
    response = client.post(_comments(scored), {"body": "@rnd.manager 看"}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": "comment_mention_cannot_see",
        "message": "陈磊 cannot see this interview, so they cannot be mentioned. Remove the mention or ask HR to "
        "give them access.",
        "fields": {
            "body": [
                "陈磊 cannot see this interview, so they cannot be mentioned. Remove the mention or ask HR to give "
                "them access."
            ]
        },
        "cannot_see": [{"id": rnd_manager.pk, "name": "陈磊"}],
        "can_grant": False,
    }
    assert (Comment.objects.count(), Notification.objects.count()) == (0, 0)


def test_hr_grants_access_and_mentions(client: Client, scored: InterviewSession, hr: User, rnd_manager: User) -> None:
    client.force_login(hr)
    response = client.post(
        _comments(scored), {"body": "@rnd.manager 看", "grant_access": True}, content_type="application/json"
    )
    assert response.status_code == 201
    client.force_login(rnd_manager)
    assert client.get(_comments(scored)).status_code == 200


def test_resolve_and_reopen(client: Client, scored: InterviewSession, hr: User, sales_manager: User) -> None:
    thread = comment_create(author=hr, session=scored, body="待定")
    client.force_login(sales_manager)
    resolved = client.post(f"/api/v1/comments/{thread.pk}/resolve/").json()
    assert (resolved["resolved_by"]["username"], resolved["resolved_at"] is not None) == ("sales.manager", True)
    reopened = client.post(f"/api/v1/comments/{thread.pk}/reopen/").json()
    assert (reopened["resolved_by"], reopened["resolved_at"]) == (None, None)


def test_mention_suggestions(client: Client, scored: InterviewSession, hr: User, sales_manager: User) -> None:
    client.force_login(hr)
    response = client.get(f"/api/v1/interview-sessions/{scored.pk}/mentions/", {"q": "zw"})
    assert response.json() == [
        {
            "id": sales_manager.pk,
            "username": "sales.manager",
            "name": "张伟",
            "department": "销售部",
            "department_en": "Sales",
        }
    ]


@pytest.mark.parametrize("persona", ["rnd_manager", "employee", "candidate_a"])
def test_outsiders_get_404(
    client: Client, scored: InterviewSession, hr: User, persona: str, personas: dict[str, User]
) -> None:
    thread = comment_create(author=hr, session=scored, body="内部")
    client.force_login(personas[persona])
    assert client.get(_comments(scored)).status_code == 404
    assert client.post(_comments(scored), {"body": "x"}, content_type="application/json").status_code == 404
    assert client.post(f"/api/v1/comments/{thread.pk}/resolve/").status_code == 404
    assert client.get(f"/api/v1/interview-sessions/{scored.pk}/mentions/", {"q": "zw"}).status_code == 404
    thread.refresh_from_db()
    assert (Comment.objects.count(), thread.resolved_at) == (1, None)


def test_the_list_costs_the_same_queries_for_one_thread_or_many(
    client: Client,
    scored: InterviewSession,
    hr: User,
    sales_manager: User,
    interviewer: User,
    django_assert_num_queries: Any,
) -> None:
    client.force_login(hr)
    thread = comment_create(author=hr, session=scored, body="@sales.manager 一")
    comment_create(author=sales_manager, session=scored, body="@interviewer 回复", parent=thread)
    client.get(_comments(scored))
    with django_assert_num_queries(LIST_QUERIES):
        client.get(_comments(scored))
    for number in range(3):
        thread = comment_create(author=hr, session=scored, body=f"@interviewer 线程{number}")
        comment_create(author=sales_manager, session=scored, body="@hr 回复", parent=thread)
    with django_assert_num_queries(LIST_QUERIES):
        assert len(client.get(_comments(scored)).json()) == 4


LIST_QUERIES = 11
