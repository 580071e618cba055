"""Reading notifications: a person's list, their unread count, and their preferences with the defaults filled in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from talentloop.notifications.models import Channel, Kind, Notification, NotificationPreference
from talentloop.notifications.preferences import SWITCHABLE
from talentloop.notifications.transports import transport_channels


def notification_list(*, user: Any, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's own notifications, newest first."""
    rows = Notification.objects.filter(recipient_id=user.pk)
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return rows.order_by("-created_at", "-pk")


def notification_unread_count(*, user: Any) -> int:
    """How many of the user's notifications are unread (0 for anyone not signed in)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def channels_enabled(*, user: Any, kind: str) -> list[str]:
    """The channels ``kind`` reaches ``user`` on: in-app always, then each switchable channel that is on."""
    switchable = SWITCHABLE.get(kind, {})
    chosen = dict(NotificationPreference.objects.filter(user_id=user.pk, kind=kind).values_list("channel", "enabled"))
    channels: list[str] = [Channel.IN_APP]
    for channel, default in switchable.items():
        if chosen.get(channel, default):
            channels.append(channel)
    return channels


@dataclass(frozen=True)
class PreferenceRow:
    kind: str
    label: str
    channels: list[tuple[str, str, bool]]  # (channel, label, on)


def preference_rows(*, user: Any) -> list[PreferenceRow]:
    """Every kind with a switchable channel this installation has a transport for, and whether each channel is on
    for ``user`` (defaults filled in)."""
    chosen = {
        (kind, channel): enabled
        for kind, channel, enabled in NotificationPreference.objects.filter(user_id=user.pk).values_list(
            "kind", "channel", "enabled"
        )
    }
    configured = set(transport_channels())
    rows = []
    for kind in Kind:
        switchable = {channel: on for channel, on in SWITCHABLE.get(kind, {}).items() if channel in configured}
        if not switchable:
            continue
        rows.append(
            PreferenceRow(
                kind=kind.value,
                label=str(kind.label),
                channels=[
                    (channel, str(Channel(channel).label), chosen.get((kind.value, channel), default))
                    for channel, default in switchable.items()
                ],
            )
        )
    return rows
