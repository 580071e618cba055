# ruff: noqa: F811  (the imported fixtures are used as test arguments)
"""The candidate's explanation and human-review page (``portal:review_request``) and the outcome in their list."""

from __future__ import annotations

from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from talentloop.accounts.models import User
from talentloop.core.models import AuditEvent
from talentloop.core.tests.helpers import body_text
from talentloop.feedback.models import ReviewRequest
from talentloop.feedback.services.reviews import review_request_create, review_request_resolve
from talentloop.feedback.tests.review_fixtures import review_world, scored, scored_b  # noqa: F401
from talentloop.interviews.models import InterviewSession
from talentloop.notifications.models import Notification


def url(session: InterviewSession) -> str:
    return reverse("portal:review_request", args=[session.pk])


def english(client: Client, user: User) -> Client:
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_candidate_asks_for_a_human_review(
    client: Client, scored: InterviewSession, candidate_a: User, django_capture_on_commit_callbacks: object
) -> None:
    english(client, candidate_a)
    # when
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = client.post(url(scored), {"kind": "human_review", "text": "第二题我其实回答了，但系统显示跳过。"})
    # then
    assert response.status_code == 302
    assert response["Location"] == url(scored)
    review_request = ReviewRequest.objects.get()
    assert (review_request.session, review_request.kind, review_request.requested_by) == (
        scored,
        "human_review",
        candidate_a,
    )
    page = body_text(client.get(url(scored)))
    assert "第二题我其实回答了，但系统显示跳过。" in page
    assert "Under human review" in page
    assert "Below the threshold" not in page
    assert "You have an open request of this kind" in page
    # HR (the persona who built the interview) is told, in the app and by email, without the candidate's words
    (notification,) = Notification.objects.all()
    assert (notification.recipient.username, notification.kind, notification.link) == (
        "hr",
        "review_request_created",
        f"/console/reviews/{review_request.pk}/",
    )
    (email,) = mail.outbox
    assert email.to == ["li.na@huateng.example"]
    assert "第二题我其实回答了" not in email.body


def test_an_empty_request_is_refused_and_nothing_is_written(
    client: Client, scored: InterviewSession, candidate_a: User
) -> None:
    english(client, candidate_a)
    audit_before = AuditEvent.objects.count()
    response = client.post(url(scored), {"kind": "explanation", "text": "  "})
    assert response.status_code == 400
    assert "Please write your question or reason in a few words." in body_text(response)
    assert ReviewRequest.objects.count() == 0
    assert AuditEvent.objects.count() == audit_before
    assert mail.outbox == []


def test_an_unknown_kind_is_refused(client: Client, scored: InterviewSession, candidate_a: User) -> None:
    english(client, candidate_a)
    response = client.post(url(scored), {"kind": "appeal", "text": "请复核"})
    assert response.status_code == 400
    assert "choose an explanation or a human review" in body_text(response)
    assert ReviewRequest.objects.count() == 0


def test_another_candidates_interview_is_not_found(
    client: Client, scored: InterviewSession, scored_b: InterviewSession, candidate_b: User
) -> None:
    # given candidate_a asked about their interview
    review_request_create(
        actor=scored.invitation.candidate.person.user, session=scored, kind="explanation", text="为什么是零分"
    )
    client.force_login(candidate_b)
    # when candidate_b opens or posts to candidate_a's page
    seen = client.get(url(scored))
    posted = client.post(url(scored), {"kind": "human_review", "text": "请复核"})
    # then
    for response in (seen, posted):
        assert response.status_code == 404
        body = body_text(response)
        assert "周婷" not in body
        assert "为什么是零分" not in body
    assert ReviewRequest.objects.count() == 1
    # and their own page works
    assert client.get(url(scored_b)).status_code == 200


def test_staff_have_no_candidate_page(client: Client, scored: InterviewSession, hr: User) -> None:
    client.force_login(hr)
    assert client.get(url(scored)).status_code == 404


def test_the_interview_list_shows_the_human_decision_and_who_made_it(
    client: Client, scored: InterviewSession, candidate_a: User, hr: User
) -> None:
    # given
    english(client, candidate_a)
    before = body_text(client.get(reverse("portal:profile")))
    assert "Below the threshold (AI score)" in before
    assert url(scored) in before
    review_request = review_request_create(actor=candidate_a, session=scored, kind="human_review", text="请复核")
    review_request_resolve(actor=hr, review_request=review_request, response="答案有效", decision="overturn_pass")
    # when
    after = body_text(client.get(reverse("portal:profile")))
    # then
    assert "Passed (human decision)" in after
    assert f"decided by {hr.display_name}" in after
    assert "after the candidate contested the AI result" in after
    assert "Below the threshold" not in after
    page = body_text(client.get(url(scored)))
    assert "答案有效" in page
    assert "Overturn: passed" in page


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, scored: InterviewSession) -> None:
    response = client.post(url(scored), {"kind": "explanation", "text": "为什么"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert ReviewRequest.objects.count() == 0
