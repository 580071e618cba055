"""The console's notification centre is for staff; the top bar's bell leads staff there."""

from __future__ import annotations

from typing import Any

from django.core import mail
from django.test import Client
from django.urls import reverse

from talentloop.accounts.models import User
from talentloop.feedback.models import ReportPolicy
from talentloop.feedback.tests.review_fixtures import review_world, scored  # noqa: F401
from talentloop.interviews.models import InterviewSession
from talentloop.notifications.models import Notification
from talentloop.notifications.services import notification_send


def test_hr_sees_their_notifications_and_the_bell_leads_here(client: Client, hr: User) -> None:
    notification = notification_send(
        recipient=hr, kind="review_request_created", params={"kind": "human_review", "due": "2026-12-06"}, link="/x/"
    )
    assert notification is not None
    client.force_login(hr)
    response = client.get(reverse("console:notifications"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "New request from a candidate: Human review" in html
    assert "Please answer by 2026-12-06." in html
    assert f'href="{reverse("console:notifications")}"' in html
    response = client.post(reverse("console:notification_read_all"))
    assert response["Location"] == reverse("console:notifications")
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_not_for_candidates(client: Client, candidate_a: User) -> None:
    client.force_login(candidate_a)
    assert client.get(reverse("console:notifications")).status_code == 404
    assert client.post(reverse("console:notification_read_all")).status_code == 404
    assert Notification.objects.count() == 0


def test_releasing_a_report_tells_the_candidate_once(
    client: Client,
    hr: User,
    candidate_a: User,
    scored: InterviewSession,  # noqa: F811
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a job profile whose reports wait for HR
    ReportPolicy.objects.create(
        job_profile=scored.invitation.template.job_profile, release=ReportPolicy.Release.AFTER_HR_RELEASE
    )
    client.force_login(hr)
    url = reverse("console:interview_report_release", args=[scored.pk])
    # when HR releases it, twice
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
        assert client.post(url).status_code == 302
    # then the candidate is told once
    (notification,) = Notification.objects.filter(recipient=candidate_a)
    assert (notification.kind, notification.link) == ("report_available", f"/portal/reports/{scored.pk}/")
    assert [email.to for email in mail.outbox] == [["zhou.ting@example.com"]]
