# ruff: noqa: F811  (the imported fixtures are used as test arguments)
"""The message API: the candidate writes and reads their own thread; HR lists, opens, replies, marks read, drafts a
reply from the report and reads the statistics; everyone else gets 404 and nothing is written."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from talentloop.accounts.models import User
from talentloop.collaboration.messages import MESSAGE_MAX_LENGTH, message_send
from talentloop.collaboration.models import Message, MessageThread
from talentloop.core.models import AuditEvent
from talentloop.core.tests.helpers import body_text
from talentloop.feedback.tests.review_fixtures import review_world, scored, scored_b  # noqa: F401
from talentloop.interviews.models import InterviewSession
from talentloop.notifications.models import Notification

pytestmark = pytest.mark.django_db

MINE = "/api/v1/me/messages/"
THREADS = "/api/v1/message-threads/"


def _error(response: Any) -> dict[str, Any]:
    body = response.json()
    assert list(body) == ["error"]
    return body["error"]


def _post(client: Client, url: str, data: dict[str, Any] | None = None) -> Any:
    return client.post(url, data or {}, content_type="application/json")


@pytest.fixture
def thread(candidate_a: User) -> MessageThread:
    return message_send(author=candidate_a, person=candidate_a.person, side="candidate", body="我想知道失分点").thread


class TestCandidate:
    def test_writes_reads_and_sees_the_receipt(
        self, client: Client, scored: InterviewSession, candidate_a: User, hr: User
    ) -> None:
        client.force_login(candidate_a)
        created = _post(client, MINE, {"body": "第一题为什么是0分？", "session": scored.pk})
        assert created.status_code == 201
        body = created.json()
        assert (body["side"], body["body"], body["session"], body["read_at"]) == (
            "candidate",
            "第一题为什么是0分？",
            scored.pk,
            None,
        )
        assert "author" not in body
        assert list(Notification.objects.values_list("recipient__username", "kind")) == [("hr", "candidate_message")]

        thread = MessageThread.objects.get()
        client.force_login(hr)
        assert _post(client, f"{THREADS}{thread.pk}/read/").json() == {"marked": 1}
        _post(client, f"{THREADS}{thread.pk}/messages/", {"body": "您好，请看报告。"})

        client.force_login(candidate_a)
        listed = client.get(MINE).json()
        assert listed["count"] == 2
        assert [(row["side"], row["read_at"] is not None) for row in listed["results"]] == [
            ("candidate", True),
            ("hr", False),
        ]
        assert _post(client, f"{MINE}read/").json() == {"marked": 1}
        assert _post(client, f"{MINE}read/").json() == {"marked": 0}

    def test_before_the_first_message_the_list_is_empty(self, client: Client, candidate_a: User) -> None:
        client.force_login(candidate_a)
        assert client.get(MINE).json()["count"] == 0
        assert _post(client, f"{MINE}read/").json() == {"marked": 0}
        assert MessageThread.objects.count() == 0

    @pytest.mark.parametrize(
        ("body", "code"), [("", "message_empty"), ("长" * (MESSAGE_MAX_LENGTH + 1), "message_too_long")]
    )
    def test_an_empty_or_too_long_message_is_refused(
        self, client: Client, candidate_a: User, hr: User, body: str, code: str
    ) -> None:
        client.force_login(candidate_a)
        response = _post(client, MINE, {"body": body})
        assert response.status_code == 400
        error = _error(response)
        assert (error["code"], list(error["fields"])) == (code, ["body"])
        assert (MessageThread.objects.count(), Notification.objects.count()) == (0, 0)

    def test_another_candidates_interview_is_refused(
        self, client: Client, scored_b: InterviewSession, candidate_a: User
    ) -> None:
        client.force_login(candidate_a)
        response = _post(client, MINE, {"body": "问", "session": scored_b.pk})
        assert (response.status_code, _error(response)["code"]) == (400, "message_bad_interview")
        assert MessageThread.objects.count() == 0

    @pytest.mark.parametrize("persona", ["hr", "sales_manager", "employee"])
    def test_non_candidates_have_no_thread(self, client: Client, personas: dict[str, User], persona: str) -> None:
        client.force_login(personas[persona])
        assert client.get(MINE).status_code == 404
        assert _post(client, MINE, {"body": "问"}).status_code == 404
        assert MessageThread.objects.count() == 0

    def test_anonymous_is_not_authenticated(self, client: Client) -> None:
        assert client.get(MINE).status_code == 401


class TestHr:
    def test_lists_threads_waiting_first(
        self, client: Client, thread: MessageThread, candidate_b: User, hr: User
    ) -> None:
        message_send(author=candidate_b, person=candidate_b.person, side="candidate", body="B")
        message_send(author=hr, person=candidate_b.person, side="hr", body="答B")
        client.force_login(hr)
        listed = client.get(THREADS).json()
        assert [
            (row["candidate_name"], row["waiting_since"] is not None, row["unread"]) for row in listed["results"]
        ] == [
            ("周婷", True, 1),
            ("吴杰", False, 1),
        ]

    def test_opens_a_thread_audited_and_replies(
        self, client: Client, thread: MessageThread, candidate_a: User, hr: User
    ) -> None:
        client.force_login(hr)
        detail = client.get(f"{THREADS}{thread.pk}/")
        assert detail.status_code == 200
        body = detail.json()
        assert (body["candidate_name"], [m["body"] for m in body["messages"]]) == ("周婷", ["我想知道失分点"])
        assert body["messages"][0]["author"] == "周婷"
        assert (
            AuditEvent.objects.filter(action=AuditEvent.Action.VIEW, object_type="collaboration.messagethread").count()
            == 1
        )
        reply = _post(client, f"{THREADS}{thread.pk}/messages/", {"body": "您好"})
        assert reply.status_code == 201
        assert (reply.json()["side"], reply.json()["author"]) == ("hr", "李娜")
        thread.refresh_from_db()
        assert thread.waiting_since is None
        assert list(Notification.objects.filter(kind="hr_reply").values_list("recipient_id", flat=True)) == [
            candidate_a.pk
        ]

    def test_an_empty_reply_is_refused(self, client: Client, thread: MessageThread, hr: User) -> None:
        client.force_login(hr)
        response = _post(client, f"{THREADS}{thread.pk}/messages/", {"body": " "})
        assert (response.status_code, _error(response)["code"]) == (400, "message_empty")
        assert Message.objects.filter(side="hr").count() == 0

    def test_drafts_a_reply_and_sends_nothing(
        self, client: Client, scored: InterviewSession, candidate_a: User, hr: User
    ) -> None:
        asked = message_send(
            author=candidate_a, person=candidate_a.person, side="candidate", body="失分点", session_id=scored.pk
        ).thread
        client.force_login(hr)
        response = client.get(f"{THREADS}{asked.pk}/suggested-reply/")
        assert response.status_code == 200
        assert "识别客户需求" in response.json()["body"]
        assert Message.objects.filter(side="hr").count() == 0

    def test_no_report_to_draft_from_is_a_clear_error(self, client: Client, thread: MessageThread, hr: User) -> None:
        client.force_login(hr)
        response = client.get(f"{THREADS}{thread.pk}/suggested-reply/")
        assert (response.status_code, _error(response)["code"]) == (400, "message_no_report")

    def test_statistics(self, client: Client, candidate_a: User, hr: User) -> None:
        asked_at = timezone.now() - timedelta(days=2)
        message_send(author=candidate_a, person=candidate_a.person, side="candidate", body="问", now=asked_at)
        message_send(author=hr, person=candidate_a.person, side="hr", body="答", now=asked_at + timedelta(minutes=30))
        client.force_login(hr)
        body = client.get(f"{THREADS}statistics/").json()
        assert body["overall"] == {
            "label": "",
            "asked": 1,
            "answered": 1,
            "median_seconds": 1800.0,
            "p90_seconds": 1800.0,
            "within": 1,
            "decided": 1,
            "share_within": 1.0,
        }
        assert [row["label"] for row in body["by_responder"]] == ["李娜"]
        later = client.get(f"{THREADS}statistics/", {"date_from": timezone.localdate().isoformat()}).json()
        assert later["overall"]["asked"] == 0
        bad = client.get(f"{THREADS}statistics/", {"date_from": "2026-12-02", "date_to": "2026-12-01"})
        assert bad.status_code == 400

    @pytest.mark.parametrize("persona", ["sales_manager", "interviewer", "rnd_manager", "employee", "candidate_a"])
    def test_nobody_else_finds_anything(
        self, client: Client, personas: dict[str, User], thread: MessageThread, persona: str
    ) -> None:
        client.force_login(personas[persona])
        for url in (
            THREADS,
            f"{THREADS}statistics/",
            f"{THREADS}{thread.pk}/",
            f"{THREADS}{thread.pk}/suggested-reply/",
        ):
            response = client.get(url)
            assert response.status_code == 404
            assert "我想知道失分点" not in body_text(response)
        for url in (f"{THREADS}{thread.pk}/messages/", f"{THREADS}{thread.pk}/read/"):
            assert _post(client, url, {"body": "冒充"}).status_code == 404
        assert Message.objects.count() == 1
        assert Message.objects.get().read_at is None
