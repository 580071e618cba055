"""Background work of the notifications app. Tasks take ids, call one service, and are safe to run twice."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from talentloop.notifications.transports import RetryableError

MAX_RETRIES = 5


@shared_task(bind=True, name="notifications.deliver_notification_task", max_retries=MAX_RETRIES)
def deliver_notification_task(self: Any, delivery_id: int) -> str | None:
    """Attempt one delivery; a retryable failure is tried again with back-off (30 s, 60 s, … up to 10 minutes),
    and the last attempt falls back instead. Returns the delivery's status."""
    from talentloop.notifications.services import delivery_attempt

    try:
        delivery = delivery_attempt(delivery_id=delivery_id, final_attempt=self.request.retries >= self.max_retries)
    except RetryableError as error:
        raise self.retry(exc=error, countdown=min(600, 30 * 2**self.request.retries)) from error
    return delivery.status if delivery is not None else None


@shared_task(
    name="notifications.notify_report_available_task",
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
)
def notify_report_available_task(session_id: int) -> bool:
    """Score the submitted interview if it is not yet (a no-op when it is) and tell the candidate when its report is
    released. Returns whether a notification exists now."""
    from talentloop.assessments.services.scores import session_score
    from talentloop.notifications.events import report_available_notify

    session_score(session_id=session_id)
    return report_available_notify(session_id=session_id) is not None
