# ruff: noqa: F811  (the imported fixtures are used as test arguments)
"""The discussion panel on the interview session page: post (with and without HTMX), refuse, grant, reply,
resolve, edit, delete, the @mention suggestions, access, and the pinned query counts."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from talentloop.accounts.models import User
from talentloop.collaboration.models import Comment
from talentloop.collaboration.services import comment_create
from talentloop.core.tests.helpers import body_text
from talentloop.feedback.tests.review_fixtures import review_world, scored  # noqa: F401
from talentloop.interviews.models import InterviewSession
from talentloop.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english(client: Any) -> None:
    """Messages are asserted in English (one test reads the page in Chinese)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


HTMX = {"HTTP_HX_REQUEST": "true"}


def _page(session: InterviewSession) -> str:
    return reverse("console:interview_session", args=[session.pk])


def _create(session: InterviewSession) -> str:
    return reverse("console:interview_comment_create", args=[session.pk])


def test_session_page_shows_the_panel_and_comment_buttons(scored: InterviewSession, hr: User, client_for: Any) -> None:
    answer = scored.answers.get(order=1)
    page = body_text(client_for(hr).get(_page(scored)))
    assert 'id="discussion"' in page
    assert f"?comment_on=answer:{answer.pk}#comment-form" in page
    assert f"?comment_on=answer:{answer.pk}&amp;quote={answer.pk}#comment-form" in page
    assert "?comment_on=dimension:communication#comment-form" in page
    assert "talentloop/discussion.js" in page


def test_comment_button_presets_the_target_and_quote(scored: InterviewSession, hr: User, client_for: Any) -> None:
    answer = scored.answers.get(order=1)
    page = body_text(client_for(hr).get(_page(scored), {"comment_on": f"answer:{answer.pk}", "quote": answer.pk}))
    assert '<input type="hidden" name="target" value="answer"' in page
    assert f'<input type="hidden" name="answer" value="{answer.pk}"' in page
    assert "the answer to question 1" in page
    assert ">我不太清楚。</textarea>" in page


def test_post_without_javascript_redirects_to_the_comment(
    scored: InterviewSession, hr: User, sales_manager: User, client_for: Any
) -> None:
    client = client_for(hr)
    response = client.post(_create(scored), {"body": "@sales.manager 请看", "target": "session"})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{_page(scored)}#comment-{comment.pk}"
    page = body_text(client.get(_page(scored)))
    assert '<span class="mention" title="@sales.manager">@张伟</span> 请看' in page
    assert Notification.objects.filter(recipient=sales_manager, kind="comment_mention").count() == 1


def test_post_with_htmx_returns_the_panel(scored: InterviewSession, hr: User, client_for: Any) -> None:
    response = client_for(hr).post(_create(scored), {"body": "第一条", "target": "session"}, **HTMX)
    assert response.status_code == 200
    content = body_text(response)
    assert content.startswith('\n<section class="card discussion" id="discussion">')
    assert "第一条" in content
    assert "1 open thread" in content


def test_refused_mention_is_shown_with_its_reason_and_nothing_is_written(
    scored: InterviewSession, sales_manager: User, rnd_manager: User, client_for: Any
) -> None:
    response = client_for(sales_manager).post(_create(scored), {"body": "@rnd.manager 看", "target": "session"})
    assert response.status_code == 400
    content = body_text(response)
    assert "陈磊 cannot see this interview, so they cannot be mentioned." in content
    assert ">@rnd.manager 看</textarea>" in content
    assert "grant_access" not in content
    assert Comment.objects.count() == 0
    assert Notification.objects.count() == 0


def test_hr_is_offered_the_grant_and_can_use_it(
    scored: InterviewSession, hr: User, rnd_manager: User, client_for: Any
) -> None:
    client = client_for(hr)
    refused = client.post(_create(scored), {"body": "@rnd.manager 看", "target": "session"}, **HTMX)
    assert refused.status_code == 200
    assert "Grant 陈磊 access to this candidate and mention them" in body_text(refused)
    assert Comment.objects.count() == 0
    granted = client.post(_create(scored), {"body": "@rnd.manager 看", "target": "session", "grant_access": "on"})
    assert granted.status_code == 302
    assert Notification.objects.filter(recipient=rnd_manager).count() == 1
    assert client_for(rnd_manager).get(_page(scored)).status_code == 200


def test_reply_resolve_and_reopen(scored: InterviewSession, hr: User, sales_manager: User, client_for: Any) -> None:
    thread = comment_create(author=hr, session=scored, body="请看")
    client = client_for(sales_manager)
    assert client.post(_create(scored), {"body": "同意", "target": "session", "parent": thread.pk}).status_code == 302
    assert list(thread.replies.values_list("body", flat=True)) == ["同意"]
    resolved = client.post(reverse("console:interview_thread_resolve", args=[thread.pk]), **HTMX)
    assert "Resolved by 张伟" in body_text(resolved)
    client.post(reverse("console:interview_thread_reopen", args=[thread.pk]))
    thread.refresh_from_db()
    assert thread.resolved_at is None


def test_edit_and_delete_own_comment(scored: InterviewSession, hr: User, sales_manager: User, client_for: Any) -> None:
    comment = comment_create(author=hr, session=scored, body="原文")
    client = client_for(hr)
    form_page = body_text(client.get(_page(scored), {"edit": comment.pk}))
    assert f'id="edit-{comment.pk}"' in form_page
    client.post(reverse("console:interview_comment_edit", args=[comment.pk]), {"body": "改过"})
    comment.refresh_from_db()
    assert comment.body == "改过"
    other = client_for(sales_manager).post(reverse("console:interview_comment_delete", args=[comment.pk]))
    assert other.status_code == 403
    client = client_for(hr)
    client.post(reverse("console:interview_comment_delete", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.is_deleted
    assert "This comment was deleted." in body_text(client.get(_page(scored)))


@pytest.mark.parametrize("persona", ["rnd_manager", "employee", "candidate_a"])
def test_someone_who_cannot_see_the_interview_gets_404(
    scored: InterviewSession, hr: User, persona: str, personas: dict[str, User], client_for: Any
) -> None:
    comment = comment_create(author=hr, session=scored, body="内部讨论")
    client = client_for(personas[persona])
    for url in (reverse("console:interview_mention_suggest", args=[scored.pk]) + "?q=zw",):
        assert client.get(url).status_code == 404
    for url in (
        _create(scored),
        reverse("console:interview_comment_edit", args=[comment.pk]),
        reverse("console:interview_comment_delete", args=[comment.pk]),
        reverse("console:interview_thread_resolve", args=[comment.pk]),
    ):
        assert client.post(url, {"body": "x", "target": "session"}).status_code == 404
    comment.refresh_from_db()
    assert (comment.body, comment.resolved_at, Comment.objects.count()) == ("内部讨论", None, 1)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("zw", ["张伟"]),
        ("zhangw", ["张伟"]),
        ("张", ["张伟"]),
        ("研发", ["陈磊"]),
        ("sales", ["张伟"]),
        ("l", ["李娜", "刘洋"]),
        ("hr", ["李娜"]),
        ("nobody", []),
    ],
)
def test_mention_suggestions_by_name_pinyin_and_department(
    scored: InterviewSession,
    hr_admin: User,
    personas: dict[str, User],
    client_for: Any,
    query: str,
    expected: list[str],
) -> None:
    response = client_for(hr_admin).get(reverse("console:interview_mention_suggest", args=[scored.pk]), {"q": query})
    names = re.findall(r'class="mention-option" data-handle="[^"]*">([^<]*) <span', body_text(response))
    assert names == expected


def test_mention_suggestions_read_the_word_being_typed(
    scored: InterviewSession, hr: User, sales_manager: User, client_for: Any
) -> None:
    url = reverse("console:interview_mention_suggest", args=[scored.pk])
    content = body_text(client_for(hr).get(url, {"body": "请 @zhangwei"}))
    assert 'data-handle="sales.manager">张伟 <span class="muted">@sales.manager · Sales</span>' in content
    assert body_text(client_for(hr).get(url, {"body": "请 @zhangwei 看"})).strip() == ""


def test_session_page_query_count_does_not_grow_with_comments(
    scored: InterviewSession,
    hr: User,
    sales_manager: User,
    interviewer: User,
    client_for: Any,
    django_assert_num_queries: Any,
) -> None:
    client = client_for(hr)
    first = comment_create(author=hr, session=scored, body="@sales.manager 一")
    comment_create(author=sales_manager, session=scored, body="回复", parent=first)
    client.get(_page(scored))
    with django_assert_num_queries(PAGE_QUERIES):
        client.get(_page(scored))
    for number in range(3):
        thread = comment_create(author=hr, session=scored, body=f"@interviewer 线程{number}")
        comment_create(author=sales_manager, session=scored, body="回复 @interviewer", parent=thread)
    with django_assert_num_queries(PAGE_QUERIES):
        client.get(_page(scored))


PAGE_QUERIES = 33


def test_the_panel_reads_in_chinese(scored: InterviewSession, hr: User, rnd_manager: User, client_for: Any) -> None:
    client = client_for(hr)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    refused = body_text(client.post(_create(scored), {"body": "@rnd.manager 看", "target": "session"}, **HTMX))
    assert "<h2>讨论</h2>" in refused
    assert "陈磊 无权查看这场面试。请删除该提及，或授予其访问权限后再提及。" in refused
    assert "为 陈磊 开通该候选人的访问权限并提及" in refused
    assert ">发表评论</button>" in refused


def test_mention_suggestions_cost_the_same_queries_for_few_or_many_colleagues(
    scored: InterviewSession, hr: User, personas: dict[str, User], client_for: Any, django_assert_num_queries: Any
) -> None:
    from talentloop.org.models import Role
    from talentloop.org.services import role_grant_create
    from talentloop.org.tests.factories import PersonFactory, UserFactory

    client = client_for(hr)
    url = reverse("console:interview_mention_suggest", args=[scored.pk])
    client.get(url, {"q": "z"})
    with django_assert_num_queries(SUGGEST_QUERIES):
        client.get(url, {"q": "z"})
    for number in range(5):
        user = UserFactory.create(username=f"zhao{number}")
        PersonFactory.create(company=scored.invitation.candidate.person.company, full_name=f"赵{number}", user=user)
        role_grant_create(actor=None, user=user, role=Role.INTERVIEWER)
    with django_assert_num_queries(SUGGEST_QUERIES):
        response = client.get(url, {"q": "z"})
    assert body_text(response).count('class="mention-option"') == 6


SUGGEST_QUERIES = 12
