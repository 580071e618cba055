"""notifications' part of "my data": what the person was told, and their notification settings
(see talentloop/core/personal_data.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from talentloop.core.personal_data import PersonalDataPart, Subject, personal_data_part_register
from talentloop.notifications.messages import message_render
from talentloop.notifications.models import Notification, NotificationPreference


@personal_data_part_register
class NotificationsPart(PersonalDataPart):
    """Notifications are addressed to a user account; erasure deletes them with their deliveries and the settings."""

    key = "notifications"
    floor = 6
    title = _("Notifications")

    def export(self, subject: Subject) -> dict[str, Any]:
        if subject.user_id is None:
            return {}
        notifications = []
        for notification in Notification.objects.filter(recipient_id=subject.user_id).prefetch_related("deliveries"):
            message = message_render(kind=notification.kind, params=notification.params)
            notifications.append(
                {
                    "created_at": notification.created_at,
                    "kind": notification.kind,
                    "title": message.title,
                    "body": message.body,
                    "read_at": notification.read_at,
                    "deliveries": [
                        {"channel": delivery.channel, "status": delivery.status, "sent_at": delivery.sent_at}
                        for delivery in notification.deliveries.all()
                    ],
                }
            )
        preferences = [
            {"kind": kind, "channel": channel, "on": enabled}
            for kind, channel, enabled in NotificationPreference.objects.filter(user_id=subject.user_id)
            .order_by("kind", "channel")
            .values_list("kind", "channel", "enabled")
        ]
        return {"notifications": notifications, "notification_settings": preferences}

    def records(self, subject: Subject) -> Iterable[tuple[str, str]]:
        if subject.user_id is None:
            return
        for notification_id in Notification.objects.filter(recipient_id=subject.user_id).values_list("pk", flat=True):
            yield ("notifications.notification", str(notification_id))

    def erase(self, subject: Subject) -> dict[str, int]:
        if subject.user_id is None:
            return {}
        done = {}
        _total, by_model = Notification.objects.filter(recipient_id=subject.user_id).delete()
        notifications = by_model.get("notifications.Notification", 0)
        if notifications:
            done["notifications"] = notifications
        preferences, _by_model = NotificationPreference.objects.filter(user_id=subject.user_id).delete()
        if preferences:
            done["notification_settings"] = preferences
        return done
