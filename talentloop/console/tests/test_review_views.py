# ruff: noqa: F811  (the imported fixtures are used as test arguments)
"""HR's "Review requests": the list and its filters, the nav count, who may open a request, and resolving it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from talentloop.accounts.models import User
from talentloop.core.models import AuditEvent
from talentloop.core.tests.helpers import body_text
from talentloop.feedback.models import ReviewRequest
from talentloop.feedback.services.reviews import review_request_create
from talentloop.feedback.tests.review_fixtures import review_world, scored, scored_b  # noqa: F401
from talentloop.interviews.models import InterviewSession
from talentloop.notifications.models import Notification


@pytest.fixture
def asked(scored: InterviewSession, candidate_a: User) -> ReviewRequest:
    return review_request_create(actor=candidate_a, session=scored, kind="human_review", text="我的第二题没有被记录。")


def english(client: Client, user: User) -> Client:
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_list_filters_and_highlights_overdue_requests(
    client: Client, hr: User, scored: InterviewSession, scored_b: InterviewSession, candidate_a: User, candidate_b: User
) -> None:
    # given one overdue and one current request
    review_request_create(
        actor=candidate_a, session=scored, kind="explanation", text="为什么？", now=timezone.now() - timedelta(days=20)
    )
    review_request_create(actor=candidate_b, session=scored_b, kind="human_review", text="请复核")
    english(client, hr)
    # when / then
    open_page = body_text(client.get(reverse("console:review_requests")))
    assert open_page.count('class="overdue"') == 1
    assert "周婷" in open_page and "吴杰" in open_page
    assert 'Review requests <span class="count">2</span>' in open_page
    overdue = body_text(client.get(reverse("console:review_requests"), {"status": "overdue"}))
    assert "周婷" in overdue and "吴杰" not in overdue
    done = body_text(client.get(reverse("console:review_requests"), {"status": "done"}))
    assert "No requests here." in done


@pytest.mark.parametrize(
    ("persona", "status"), [("interviewer", 403), ("sales_manager", 403), ("employee", 404), ("candidate_a", 404)]
)
def test_only_hr_sees_the_list(client: Client, personas: dict[str, User | None], persona: str, status: int) -> None:
    user = personas[persona]
    assert user is not None
    client.force_login(user)
    assert client.get(reverse("console:review_requests")).status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("hr", 200),
        ("hr_admin", 200),
        ("interviewer", 403),  # assigned to candidate_a: may see the interview, may not decide on it
        ("sales_manager", 403),  # candidate_a applied to Sales
        ("rnd_manager", 404),  # another department
        ("employee", 404),
        ("candidate_a", 404),  # their own request is on the portal, not in the console
        ("candidate_b", 404),
    ],
)
def test_who_may_open_a_request(
    client: Client, personas: dict[str, User | None], asked: ReviewRequest, persona: str, status: int
) -> None:
    user = personas[persona]
    assert user is not None
    client.force_login(user)
    response = client.get(reverse("console:review_request", args=[asked.pk]))
    assert response.status_code == status
    if status != 200:
        assert "我的第二题没有被记录。" not in body_text(response)
    posted = client.post(
        reverse("console:review_request", args=[asked.pk]), {"decision": "overturn_pass", "response": "通过"}
    )
    assert posted.status_code == (302 if status == 200 else status)


def test_hr_sees_the_evidence_and_records_the_decision(
    client: Client, hr: User, asked: ReviewRequest, scored: InterviewSession, django_capture_on_commit_callbacks: object
) -> None:
    english(client, hr)
    page = body_text(client.get(reverse("console:review_request", args=[asked.pk])))
    assert "我的第二题没有被记录。" in page
    assert "我不太清楚。" in page  # the answer
    assert "识别客户需求" in page  # the rubric's key point, from the scores section
    assert "Under human review" in page
    assert AuditEvent.objects.filter(action="view", object_type="feedback.reviewrequest").count() == 1
    # when
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = client.post(
            reverse("console:review_request", args=[asked.pk]),
            {"decision": "new_interview", "response": "第二题录音丢失，安排重新面试。"},
        )
    # then
    assert response.status_code == 302
    asked.refresh_from_db()
    assert (asked.status, asked.decision, asked.resolved_by) == ("done", "new_interview", hr)
    # the candidate is told through the notification centre: in the app, and once by email
    notification = Notification.objects.get(recipient=asked.requested_by)
    assert (notification.kind, notification.link) == (
        "review_request_answered",
        f"/portal/interviews/{scored.pk}/review/",
    )
    (email,) = mail.outbox
    assert email.to == ["zhou.ting@example.com"]
    assert "第二题录音丢失" not in email.body
    assert asked.notified_at == notification.created_at
    session_page = body_text(client.get(reverse("console:interview_session", args=[scored.pk])))
    assert "New interview requested (human decision)" in session_page
    assert f"decided by {hr.display_name}" in session_page
    assert "after the candidate contested the AI result" in session_page


def test_a_decision_without_a_choice_is_refused(client: Client, hr: User, asked: ReviewRequest) -> None:
    english(client, hr)
    audit_before = AuditEvent.objects.count()
    response = client.post(reverse("console:review_request", args=[asked.pk]), {"decision": "", "response": "理由"})
    assert response.status_code == 400
    assert "Choose a decision." in body_text(response)
    asked.refresh_from_db()
    assert (asked.status, asked.decision) == ("open", "")
    assert AuditEvent.objects.count() == audit_before + 1  # only the view of the page
    assert mail.outbox == []
