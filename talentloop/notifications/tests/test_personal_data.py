"""notifications' part of "my data": exported in the reader's words, erased with the settings, only the person's."""

from __future__ import annotations

from django.utils import translation

from talentloop.accounts.models import User
from talentloop.core.personal_data import Subject
from talentloop.notifications.models import Delivery, Notification, NotificationPreference
from talentloop.notifications.personal_data import NotificationsPart
from talentloop.notifications.services import notification_preferences_update, notification_send


def test_export_then_erase_only_the_persons_notifications(candidate_a: User, candidate_b: User) -> None:
    # given
    notification_send(recipient=candidate_a, kind="report_available", dedupe_key="a")
    notification_send(recipient=candidate_b, kind="report_available", dedupe_key="b")
    notification_preferences_update(user=candidate_a, enabled=set())
    subject = Subject(person_id=candidate_a.person.pk, user_id=candidate_a.pk)
    part = NotificationsPart()
    # when exported
    with translation.override("en"):
        exported = part.export(subject)
    # then
    (row,) = exported["notifications"]
    assert (row["kind"], row["title"], row["read_at"]) == ("report_available", "Your interview report is ready", None)
    # (queued: this test's transaction never commits)
    assert sorted((delivery["channel"], delivery["status"]) for delivery in row["deliveries"]) == [
        ("email", "queued"),
        ("in_app", "queued"),
    ]
    assert len(exported["notification_settings"]) == 8
    assert len(list(part.records(subject))) == 1
    # when erased, twice
    assert part.erase(subject) == {"notifications": 1, "notification_settings": 8}
    assert part.erase(subject) == {}
    # then the other person keeps theirs
    assert Notification.objects.filter(recipient=candidate_b).count() == 1
    assert Delivery.objects.filter(notification__recipient=candidate_a).count() == 0
    assert NotificationPreference.objects.filter(user=candidate_a).count() == 0
