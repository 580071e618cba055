"""Telling people things: create a notification, queue its deliveries, attempt them, read and preferences.

``notification_send`` is the one way in. It stores the notification once per de-duplication key, creates one
``Delivery`` per channel the recipient has on, and queues each after commit (``deliver_notification_task``). A
delivery is attempted by ``delivery_attempt``: sent, retried with back-off when the transport says it may recover,
and when a channel fails for good the notification falls back to in-app and email. Every outcome is kept on the
delivery.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from talentloop.core.exceptions import NotFound, ValidationFailed
from talentloop.notifications.errors import NotificationErrorCode
from talentloop.notifications.models import Delivery, Kind, Notification, NotificationPreference
from talentloop.notifications.preferences import FALLBACK_CHANNELS, SWITCHABLE
from talentloop.notifications.selectors import channels_enabled
from talentloop.notifications.team import TEAM_KINDS, TeamPost, team_channels
from talentloop.notifications.transports import RetryableError, TransportError, transport_channels, transport_get

logger = logging.getLogger(__name__)


def _delivery_enqueue(delivery_id: int) -> None:
    from celery.exceptions import Retry

    from talentloop.notifications.tasks import deliver_notification_task

    try:
        deliver_notification_task.delay(delivery_id)
    except (Retry, RetryableError):
        # Without a broker the task runs in-process and its retry surfaces here: the person's action is already
        # committed, and the failure is on the delivery (still queued, with its last error) for the logs and admin.
        logger.warning("Delivery %s could not be sent now; it stays queued.", delivery_id)


def _deliveries_queue(delivery_ids: list[int]) -> None:
    for delivery_id in delivery_ids:
        transaction.on_commit(partial(_delivery_enqueue, delivery_id))


def _deliveries_create(notification: Notification, channels: Iterable[str]) -> list[int]:
    configured = transport_channels()
    created = []
    for channel in channels:
        if channel not in configured:
            continue
        delivery, was_created = Delivery.objects.get_or_create(notification=notification, channel=channel)
        if was_created:
            created.append(delivery.pk)
    return created


def notification_send(
    *, recipient: Any, kind: str, params: dict[str, Any] | None = None, link: str = "", dedupe_key: str = ""
) -> Notification | None:
    """Tell ``recipient`` about an event of ``kind``: store the notification and queue one delivery per channel
    they have on (in-app always), after commit.

    ``params`` are language-neutral values the message is rendered from; ``link`` a path inside the site. With a
    ``dedupe_key``, the same recipient is told once: a second call returns the first notification and queues
    nothing. Returns None when there is nobody to tell (no user, or an inactive one)."""
    if kind not in Kind.values:
        raise ValidationFailed(_("Unknown notification kind."), code=NotificationErrorCode.UNKNOWN_KIND)
    if recipient is None or not recipient.is_active:
        return None
    with transaction.atomic():
        if dedupe_key:
            existing = Notification.objects.filter(recipient=recipient, dedupe_key=dedupe_key).first()
            if existing is not None:
                return existing
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    recipient=recipient, kind=kind, params=params or {}, link=link, dedupe_key=dedupe_key
                )
        except IntegrityError:
            # Another worker stored the same key first.
            return Notification.objects.get(recipient=recipient, dedupe_key=dedupe_key)
        _deliveries_queue(_deliveries_create(notification, channels_enabled(user=recipient, kind=kind)))
    return notification


def team_post(
    *,
    kind: str,
    params: dict[str, Any] | None = None,
    link: str = "",
    dedupe_key: str = "",
    department_id: int | None = None,
) -> int:
    """Tell the teams about an event of ``kind`` (one of ``TEAM_KINDS``): every team channel named in
    ``TALENTLOOP_TEAM_CHANNELS`` stores and queues its posts (after commit). With a ``dedupe_key`` a channel posts
    the event once. Returns how many posts were queued (0 when no team wants the kind)."""
    if kind not in TEAM_KINDS:
        raise ValidationFailed(_("Unknown notification kind."), code=NotificationErrorCode.UNKNOWN_KIND)
    post = TeamPost(kind=kind, params=dict(params or {}), link=link, dedupe_key=dedupe_key, department_id=department_id)
    with transaction.atomic():
        return sum(channel.post(post) for channel in team_channels())


def delivery_attempt(*, delivery_id: int, final_attempt: bool = False) -> Delivery | None:
    """Attempt one queued delivery and record the outcome on it. Safe to run twice: a delivery that is already sent,
    failed or handed to the fallback is left alone, so nothing is sent twice.

    A ``RetryableError`` is re-raised (the task retries with back-off) unless this is the ``final_attempt``; then,
    like a ``PermanentError``, the notification falls back to the in-app and email channels it has not used."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("notification__recipient__person")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status in Delivery.FINAL_STATUSES:
            return delivery
        transport = transport_get(delivery.channel)
        delivery.attempts += 1
        try:
            if transport is None:
                raise TransportError(f"No transport is configured for the channel {delivery.channel!r}.")
            transport.send(delivery)
        except TransportError as error:
            delivery.last_error = error.message[:2000]
            if isinstance(error, RetryableError) and not final_attempt:
                delivery.save(update_fields=["attempts", "last_error", "updated_at"])
                logger.warning("Delivery %s on %s will be retried: %s", delivery.pk, delivery.channel, error.message)
                retry = error
            else:
                retry = None
                _fail_and_fall_back(delivery)
                logger.warning("Delivery %s on %s failed: %s", delivery.pk, delivery.channel, error.message)
        else:
            retry = None
            delivery.status = Delivery.Status.SENT
            delivery.sent_at = timezone.now()
            delivery.last_error = ""
            delivery.save(update_fields=["attempts", "status", "sent_at", "last_error", "updated_at"])
    if retry is not None:
        raise retry
    return delivery


def _fail_and_fall_back(delivery: Delivery) -> None:
    notification = delivery.notification
    allowed = {"in_app", *SWITCHABLE.get(notification.kind, {})}
    fallback = [channel for channel in FALLBACK_CHANNELS if channel != delivery.channel and channel in allowed]
    created = _deliveries_create(notification, fallback)
    delivery.status = Delivery.Status.FALLBACK if created else Delivery.Status.FAILED
    delivery.save(update_fields=["attempts", "status", "last_error", "updated_at"])
    _deliveries_queue(created)


def notification_mark_read(*, user: Any, notification_id: int | str) -> Notification:
    """Mark one of the user's own notifications read (again is harmless). Another person's is 404."""
    notification = Notification.objects.filter(pk=notification_id, recipient_id=user.pk).first()
    if notification is None:
        raise NotFound(_("Notification not found."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notification_mark_all_read(*, user: Any) -> int:
    """Mark every unread notification of the user read; returns how many were."""
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).update(read_at=timezone.now())


def notification_preferences_update(*, user: Any, enabled: set[tuple[str, str]]) -> None:
    """Store the user's choice for every switchable (kind, channel) the installation has a transport for: on when it
    is in ``enabled``, else off. A channel not offered keeps its default until it is offered."""
    configured = set(transport_channels())
    with transaction.atomic():
        for kind, channels in SWITCHABLE.items():
            for channel in channels:
                if channel not in configured:
                    continue
                NotificationPreference.objects.update_or_create(
                    user=user, kind=kind, channel=channel, defaults={"enabled": (kind, channel) in enabled}
                )


def deliveries_attempt_queued() -> dict[str, int]:
    """Attempt every queued delivery once, oldest first (``talentloop manage notifications_deliver``). A retryable
    failure leaves it queued for the next run. Returns how many were sent, are still queued, and failed or fell back.
    """
    counts = {"sent": 0, "queued": 0, "failed": 0}
    for delivery_id in (
        Delivery.objects.filter(status=Delivery.Status.QUEUED).order_by("pk").values_list("pk", flat=True)
    ):
        try:
            delivery = delivery_attempt(delivery_id=delivery_id)
        except RetryableError:
            counts["queued"] += 1
            continue
        if delivery is None:
            continue
        if delivery.status == Delivery.Status.SENT:
            counts["sent"] += 1
        elif delivery.status == Delivery.Status.QUEUED:
            counts["queued"] += 1
        else:
            counts["failed"] += 1
    return counts
