"""The console's result sharing: HR's panel on the session page, preview and share; the manager's page to answer
with one click or comment; HR's task list and scheduling. Wrong people get 404; query counts are pinned."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from talentloop.accounts.models import User
from talentloop.collaboration.models import Comment, HrTask, ManagerResponse, ResultShare
from talentloop.collaboration.sharing import manager_respond, result_share_create
from talentloop.core.tests.helpers import body_text
from talentloop.interviews.models import InterviewSession

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english(client: Any) -> None:
    """The pages are read in English (the messages are asserted in English)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def _snippet_values(session: InterviewSession) -> list[str]:
    first, second = session.answers.order_by("order")[:2]
    return [f"{first.pk}|我会先倾听客户的需求，再用简单的话解释方案", f"{second.pk}|{second.text}"]


def test_hr_sees_the_share_panel_with_managers_and_the_best_snippets_ticked(
    shared_session: InterviewSession, hr: User, sales_manager: User, rnd_manager: User, client_for: Any
) -> None:
    response = client_for(hr).get(reverse("console:interview_session", args=[shared_session.pk]))
    form = response.context["share_panel"]["form"]
    assert [user.username for user in form.fields["manager"].queryset] == ["rnd.manager", "sales.manager"]
    assert len(form.initial["snippets"]) == 3
    assert "Share with hiring manager" in body_text(response)


def test_the_manager_does_not_get_the_share_panel(
    shared_session: InterviewSession, sales_manager: User, client_for: Any
) -> None:
    response = client_for(sales_manager).get(reverse("console:interview_session", args=[shared_session.pk]))
    assert "share_panel" not in response.context
    assert "Share with hiring manager" not in body_text(response)


def test_hr_previews_then_shares(
    shared_session: InterviewSession, hr: User, sales_manager: User, client_for: Any
) -> None:
    client = client_for(hr)
    url = reverse("console:result_share_create", args=[shared_session.pk])
    data = {"manager": sales_manager.pk, "snippets": _snippet_values(shared_session), "note": "请看", "preview": "1"}
    preview = client.post(url, data)
    assert preview.status_code == 200
    assert [button["key"] for button in preview.context["preview"]["buttons"]][:2] == ["advance", "reject"]
    assert ResultShare.objects.count() == 0
    data.pop("preview")
    shared = client.post(url, {**data, "share": "1"})
    share = ResultShare.objects.get()
    assert shared.status_code == 302
    assert shared["Location"] == reverse("console:result_share", args=[share.pk])
    assert [item["order"] for item in share.snippets] == [1, 2]


def test_a_share_with_one_snippet_is_refused_on_the_form(
    shared_session: InterviewSession, hr: User, sales_manager: User, client_for: Any
) -> None:
    url = reverse("console:result_share_create", args=[shared_session.pk])
    response = client_for(hr).post(url, {"manager": sales_manager.pk, "snippets": _snippet_values(shared_session)[:1]})
    assert response.status_code == 400
    assert response.context["form"].errors == {"snippets": ["Choose 2 to 3 answer snippets."]}
    assert ResultShare.objects.count() == 0


def test_a_manager_cannot_share(shared_session: InterviewSession, sales_manager: User, client_for: Any) -> None:
    url = reverse("console:result_share_create", args=[shared_session.pk])
    response = client_for(sales_manager).post(url, {"manager": sales_manager.pk})
    assert response.status_code == 403
    assert ResultShare.objects.count() == 0


@pytest.fixture
def share(shared_session: InterviewSession, hr: User, sales_manager: User) -> ResultShare:
    return result_share_create(actor=hr, session=shared_session, manager=sales_manager, note="请看团队协作")


def test_the_manager_answers_supplementary_on_teamwork_with_one_click(
    share: ResultShare, sales_manager: User, client_for: Any
) -> None:
    client = client_for(sales_manager)
    page = client.get(reverse("console:result_share", args=[share.pk]))
    assert page.context["can_respond"] is True
    assert "团队协作" in body_text(page)
    url = reverse("console:result_share_respond", args=[share.pk])
    answered = client.post(url, {"decision": "supplementary", "dimensions": ["teamwork"], "comment": "多问合作"})
    assert answered.status_code == 302
    assert list(ManagerResponse.objects.values_list("decision", "dimensions", "channel")) == [
        ("supplementary", ["teamwork"], "web")
    ]
    assert list(HrTask.objects.values_list("focus_dimensions", "status")) == [(["teamwork"], "open")]
    assert Comment.objects.get().body == "多问合作"
    # a second click is refused clearly and changes nothing
    again = client.post(url, {"decision": "advance"})
    assert again.status_code == 400
    assert again.context["respond_form"].non_field_errors() == [
        "You already answered this result: Supplementary interview: 团队协作."
    ]
    assert ManagerResponse.objects.count() == 1


def test_supplementary_without_dimensions_is_refused(share: ResultShare, sales_manager: User, client_for: Any) -> None:
    url = reverse("console:result_share_respond", args=[share.pk])
    response = client_for(sales_manager).post(url, {"decision": "supplementary"})
    assert response.status_code == 400
    assert response.context["respond_form"].errors == {
        "dimensions": ["Choose the dimensions the supplementary interview should focus on."]
    }
    assert (ManagerResponse.objects.count(), HrTask.objects.count()) == (0, 0)


def test_the_manager_comments_from_the_share_page(share: ResultShare, sales_manager: User, client_for: Any) -> None:
    response = client_for(sales_manager).post(
        reverse("console:result_share_comment", args=[share.pk]), {"body": "沟通不错"}
    )
    assert response.status_code == 302
    assert list(Comment.objects.values_list("author", "body")) == [(sales_manager.pk, "沟通不错")]


@pytest.mark.parametrize("persona", ["rnd_manager", "interviewer", "employee", "candidate_a"])
def test_the_share_is_not_found_for_anyone_else(
    share: ResultShare, personas: dict[str, User], client_for: Any, persona: str
) -> None:
    client = client_for(personas[persona])
    assert client.get(reverse("console:result_share", args=[share.pk])).status_code == 404
    respond = client.post(reverse("console:result_share_respond", args=[share.pk]), {"decision": "advance"})
    assert respond.status_code == 404
    assert ManagerResponse.objects.count() == 0


def test_hr_sees_the_share_but_cannot_answer_it(share: ResultShare, hr: User, client_for: Any) -> None:
    client = client_for(hr)
    assert client.get(reverse("console:result_share", args=[share.pk])).context["can_respond"] is False
    response = client.post(reverse("console:result_share_respond", args=[share.pk]), {"decision": "advance"})
    assert response.status_code == 403
    assert ManagerResponse.objects.count() == 0


@pytest.fixture
def task(share: ResultShare, sales_manager: User) -> HrTask:
    manager_respond(user=sales_manager, share=share, decision="supplementary", dimensions=["teamwork"])
    return HrTask.objects.get()


def test_hr_lists_tasks_with_counts_and_schedules_one(task: HrTask, hr: User, client_for: Any) -> None:
    client = client_for(hr)
    listing = client.get(reverse("console:hr_tasks"))
    assert [(str(value), count) for value, _label, count in listing.context["filters"]] == [
        ("open", 1),
        ("scheduled", 0),
        ("done", 0),
        ("cancelled", 0),
    ]
    assert listing.context["tasks"] == [task]
    assert "团队协作" in body_text(listing)
    nav = {item.section: item.count for item in listing.context["nav_items"]}
    assert nav["tasks"] == 1
    scheduled = client.post(reverse("console:hr_task", args=[task.pk]), {"valid_days": 7, "schedule": "1"})
    assert scheduled.status_code == 302
    task.refresh_from_db()
    assert task.status == "scheduled"
    assert task.invitation is not None
    page = client.get(reverse("console:hr_task", args=[task.pk]))
    assert [item.question.code for item in page.context["items"]] == ["t2", "t3"]
    # once the supplementary interview has taken place, HR marks the task done (and only once)
    assert client.post(reverse("console:hr_task", args=[task.pk]), {"done": "1"}).status_code == 302
    task.refresh_from_db()
    assert task.status == "done"
    assert client.post(reverse("console:hr_task", args=[task.pk]), {"done": "1"}).status_code == 409


@pytest.mark.parametrize("persona", ["sales_manager", "interviewer", "candidate_a"])
def test_the_task_pages_are_hr_only(task: HrTask, personas: dict[str, User], client_for: Any, persona: str) -> None:
    client = client_for(personas[persona])
    assert client.get(reverse("console:hr_tasks")).status_code == 404
    assert client.post(reverse("console:hr_task", args=[task.pk]), {"valid_days": 7}).status_code == 404
    task.refresh_from_db()
    assert task.status == "open"


TASK_LIST_QUERIES = 12
SHARE_PAGE_QUERIES = 10


def test_task_list_query_count_does_not_grow_with_tasks(
    task: HrTask,
    hr: User,
    sales_manager: User,
    shared_session: InterviewSession,
    client_for: Any,
    django_assert_num_queries: Any,
) -> None:
    client = client_for(hr)
    url = reverse("console:hr_tasks")
    client.get(url)
    with django_assert_num_queries(TASK_LIST_QUERIES):
        client.get(url)
    for _number in range(3):
        HrTask.objects.create(session=shared_session, share=task.share, focus_dimensions=["communication"])
    with django_assert_num_queries(TASK_LIST_QUERIES):
        client.get(url)


def test_share_page_query_count_is_pinned(
    task: HrTask, share: ResultShare, sales_manager: User, client_for: Any, django_assert_num_queries: Any
) -> None:
    client = client_for(sales_manager)
    url = reverse("console:result_share", args=[share.pk])
    client.get(url)
    with django_assert_num_queries(SHARE_PAGE_QUERIES):
        client.get(url)
