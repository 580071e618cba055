"""The portal's notification centre: my list, mark read, mark all read, settings, the top-bar count."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from talentloop.accounts.models import User
from talentloop.notifications.models import Notification, NotificationPreference
from talentloop.notifications.services import notification_send

CENTRE = reverse("portal:notifications")


def told(user: User, key: str, kind: str = "report_available", link: str = "/portal/reports/3/") -> Notification:
    notification = notification_send(
        recipient=user, kind=kind, params={"kind": "explanation"}, link=link, dedupe_key=key
    )
    assert notification is not None
    return notification


def test_the_list_shows_my_notifications_and_the_top_bar_counts_them(
    client: Client, candidate_a: User, candidate_b: User
) -> None:
    # given
    told(candidate_a, "a")
    told(candidate_a, "b", kind="review_request_answered")
    told(candidate_b, "c", kind="deletion_request_decided")
    client.force_login(candidate_a)
    # when
    response = client.get(CENTRE, HTTP_ACCEPT_LANGUAGE="zh-hans")
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="unread"') == 2
    assert "您的面试报告已生成" in html and "您的申请已获答复：说明" in html
    assert "删除申请" not in html  # not mine
    assert '<span class="count">2<span class="visually-hidden"> 未读</span></span>' in html
    assert f'href="{CENTRE}"' in html


def test_mark_read_then_open_follows_the_link_and_mark_all_read(client: Client, candidate_a: User) -> None:
    first, second, third = told(candidate_a, "a"), told(candidate_a, "b"), told(candidate_a, "c")
    client.force_login(candidate_a)
    response = client.post(reverse("portal:notification_read", args=[first.pk]))
    assert (response.status_code, response["Location"]) == (302, CENTRE)
    response = client.post(reverse("portal:notification_read", args=[second.pk]), {"open": "1"})
    assert (response.status_code, response["Location"]) == (302, "/portal/reports/3/")
    assert Notification.objects.filter(recipient=candidate_a, read_at__isnull=True).get() == third
    response = client.post(reverse("portal:notification_read_all"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=candidate_a, read_at__isnull=True).exists()


def test_someone_elses_notification_is_not_found_and_stays_unread(
    client: Client, candidate_a: User, candidate_b: User
) -> None:
    theirs = told(candidate_b, "x")
    client.force_login(candidate_a)
    response = client.post(reverse("portal:notification_read", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_a_link_off_the_site_is_not_followed(client: Client, candidate_a: User) -> None:
    notification = told(candidate_a, "x", link="https://evil.example/")
    client.force_login(candidate_a)
    response = client.post(reverse("portal:notification_read", args=[notification.pk]), {"open": "1"})
    assert response["Location"] == CENTRE


def test_settings_save_the_email_switches(client: Client, candidate_a: User) -> None:
    client.force_login(candidate_a)
    page = client.get(reverse("portal:notification_preferences"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.content.decode().count('name="on"') == 8
    response = client.post(reverse("portal:notification_preferences"), {"on": ["report_available:email"]})
    assert response.status_code == 302
    assert sorted(
        NotificationPreference.objects.filter(user=candidate_a).values_list("kind", "channel", "enabled")
    ) == [
        ("candidate_message", "email", False),
        ("comment_mention", "email", False),
        ("hr_reply", "email", False),
        ("manager_responded", "email", False),
        ("report_available", "email", True),
        ("result_shared", "email", False),
        ("review_request_answered", "email", False),
        ("review_request_created", "email", False),
    ]


def test_anonymous_is_sent_to_sign_in(client: Client) -> None:
    response = client.get(CENTRE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_list_costs_the_same_queries_for_one_or_many(
    client: Client, candidate_a: User, django_assert_num_queries: Any
) -> None:
    told(candidate_a, "a")
    client.force_login(candidate_a)
    client.get(CENTRE)
    with CaptureQueriesContext(connection) as one:
        client.get(CENTRE)
    for number in range(10):
        told(candidate_a, f"more-{number}", kind="review_request_answered")
    with django_assert_num_queries(len(one)):
        response = client.get(CENTRE)
    assert response.content.decode().count('class="unread"') == 11
