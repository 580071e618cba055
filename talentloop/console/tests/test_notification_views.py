"""The console's notification centre is for staff; the top bar's bell leads staff there."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from talentloop.accounts.models import User
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
