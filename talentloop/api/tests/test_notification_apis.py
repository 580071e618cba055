"""My notifications over the API: list, unread filter, count, mark read, mark all read; nobody else's."""

from __future__ import annotations

from django.test import Client

from talentloop.accounts.models import User
from talentloop.notifications.models import Notification
from talentloop.notifications.services import notification_send

LIST = "/api/v1/me/notifications/"


def told(user: User, key: str) -> Notification:
    notification = notification_send(
        recipient=user, kind="review_request_answered", params={"kind": "human_review"}, link="/x/", dedupe_key=key
    )
    assert notification is not None
    return notification


def test_lists_counts_and_marks_read(client: Client, candidate_a: User, candidate_b: User) -> None:
    # given
    first, second = told(candidate_a, "a"), told(candidate_a, "b")
    told(candidate_b, "c")
    client.force_login(candidate_a)
    # when / then
    listed = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").json()
    assert listed["count"] == 2
    assert [(row["id"], row["kind"], row["title"], row["link"], row["read_at"]) for row in listed["results"]] == [
        (second.pk, "review_request_answered", "Your request has been answered: Human review", "/x/", None),
        (first.pk, "review_request_answered", "Your request has been answered: Human review", "/x/", None),
    ]
    assert client.get(f"{LIST}unread-count/").json() == {"unread": 2}
    read = client.post(f"{LIST}{first.pk}/read/")
    assert read.status_code == 200 and read.json()["read_at"] is not None
    assert [row["id"] for row in client.get(LIST, {"unread": "true"}).json()["results"]] == [second.pk]
    assert client.post(f"{LIST}read-all/").json() == {"marked": 1}
    assert client.get(f"{LIST}unread-count/").json() == {"unread": 0}
    # the other person's notification is untouched
    assert Notification.objects.filter(recipient=candidate_b, read_at__isnull=True).count() == 1


def test_someone_elses_notification_is_not_found(client: Client, candidate_a: User, candidate_b: User) -> None:
    theirs = told(candidate_b, "x")
    client.force_login(candidate_a)
    response = client.post(f"{LIST}{theirs.pk}/read/")
    assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found")
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_anonymous_is_refused(client: Client) -> None:
    assert client.get(LIST).status_code == 401
