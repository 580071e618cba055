# ruff: noqa: F811  (the imported fixtures are used as test arguments)
"""The result-sharing API: HR shares, the manager answers once, HR lists and schedules tasks; the wrong people get
404/403 and refusals write nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from talentloop.accounts.models import User
from talentloop.collaboration.models import Comment, HrTask, ManagerResponse, ResultShare
from talentloop.collaboration.tests.share_fixtures import share_world, shared_session  # noqa: F401
from talentloop.interviews.models import InterviewSession

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english(client: Any) -> None:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def _share(client: Client, session: InterviewSession, manager: User, **extra: Any) -> Any:
    return client.post(
        f"/api/v1/interview-sessions/{session.pk}/shares/",
        {"manager": manager.pk, **extra},
        content_type="application/json",
    )


def test_share_answer_and_schedule_through_the_api(
    client: Client, hr: User, sales_manager: User, shared_session: InterviewSession
) -> None:
    client.force_login(hr)
    first = shared_session.answers.get(order=1)
    second = shared_session.answers.get(order=2)
    created = _share(
        client,
        shared_session,
        sales_manager,
        snippets=[{"answer": first.pk, "snippet": "我会先倾听客户的需求"}, {"answer": second.pk, "snippet": ""}],
        note="请看",
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["status"], body["manager"]["username"], body["note"]) == ("open", "sales.manager", "请看")
    assert [item["snippet"] for item in body["card"]["snippets"]] == ["我会先倾听客户的需求", second.text]
    share_id = body["id"]

    client.force_login(sales_manager)
    assert [row["id"] for row in client.get("/api/v1/result-shares/").json()] == [share_id]
    answered = client.post(
        f"/api/v1/result-shares/{share_id}/respond/",
        {"decision": "supplementary", "dimensions": ["teamwork"], "comment": "多问合作"},
        content_type="application/json",
    )
    assert answered.status_code == 201
    assert (answered.json()["decision"], answered.json()["dimensions"], answered.json()["channel"]) == (
        "supplementary",
        ["teamwork"],
        "web",
    )
    again = client.post(
        f"/api/v1/result-shares/{share_id}/respond/", {"decision": "advance"}, content_type="application/json"
    )
    assert (again.status_code, again.json()["error"]["code"]) == (409, "share_already_answered")
    detail = client.get(f"/api/v1/result-shares/{share_id}/").json()
    assert [(row["decision"], row["comment"] is not None) for row in detail["responses"]] == [("supplementary", True)]

    client.force_login(hr)
    tasks = client.get("/api/v1/hr-tasks/", {"status": "open"}).json()
    assert [(row["focus_dimensions"], row["status"], row["candidate"]) for row in tasks] == [
        (["teamwork"], "open", "周婷")
    ]
    scheduled = client.post(
        f"/api/v1/hr-tasks/{tasks[0]['id']}/schedule/", {"valid_days": 5}, content_type="application/json"
    )
    assert scheduled.status_code == 200
    assert scheduled.json()["status"] == "scheduled"
    assert scheduled.json()["invitation"] is not None
    twice = client.post(f"/api/v1/hr-tasks/{tasks[0]['id']}/schedule/", {}, content_type="application/json")
    assert (twice.status_code, twice.json()["error"]["code"]) == (409, "task_not_open")


def test_a_manager_cannot_share_and_nothing_is_written(
    client: Client, sales_manager: User, shared_session: InterviewSession
) -> None:
    client.force_login(sales_manager)
    response = _share(client, shared_session, sales_manager)
    assert (response.status_code, response.json()["error"]["code"]) == (403, "share_not_allowed")
    assert ResultShare.objects.count() == 0


def test_sharing_with_a_non_manager_is_a_400(
    client: Client, hr: User, interviewer: User, shared_session: InterviewSession
) -> None:
    client.force_login(hr)
    response = _share(client, shared_session, interviewer)
    assert (response.status_code, response.json()["error"]["code"]) == (400, "share_bad_manager")
    assert ResultShare.objects.count() == 0


@pytest.fixture
def share_id(client: Client, hr: User, sales_manager: User, shared_session: InterviewSession) -> int:
    client.force_login(hr)
    share_id: int = _share(client, shared_session, sales_manager).json()["id"]
    client.logout()
    return share_id


@pytest.mark.parametrize("persona", ["rnd_manager", "interviewer", "candidate_a"])
def test_others_get_404_and_write_nothing(
    client: Client, share_id: int, personas: dict[str, User], persona: str
) -> None:
    client.force_login(personas[persona])
    assert client.get(f"/api/v1/result-shares/{share_id}/").status_code == 404
    respond = client.post(
        f"/api/v1/result-shares/{share_id}/respond/", {"decision": "advance"}, content_type="application/json"
    )
    comment = client.post(f"/api/v1/result-shares/{share_id}/comments/", {"body": "x"}, content_type="application/json")
    assert (respond.status_code, comment.status_code) == (404, 404)
    assert client.get("/api/v1/hr-tasks/").status_code == 404
    assert client.get("/api/v1/result-shares/").json() == []
    assert (ManagerResponse.objects.count(), Comment.objects.count(), HrTask.objects.count()) == (0, 0, 0)


def test_hr_may_read_but_not_answer(client: Client, share_id: int, hr: User) -> None:
    client.force_login(hr)
    respond = client.post(
        f"/api/v1/result-shares/{share_id}/respond/", {"decision": "advance"}, content_type="application/json"
    )
    assert (respond.status_code, respond.json()["error"]["code"]) == (403, "share_not_allowed")
    assert ManagerResponse.objects.count() == 0


def test_the_manager_comments_through_the_api(client: Client, share_id: int, sales_manager: User) -> None:
    client.force_login(sales_manager)
    response = client.post(
        f"/api/v1/result-shares/{share_id}/comments/", {"body": "沟通不错"}, content_type="application/json"
    )
    assert (response.status_code, response.json()["body"]) == (201, "沟通不错")
