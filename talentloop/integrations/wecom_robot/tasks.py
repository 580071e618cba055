"""Background work of the group robots. Tasks take ids, call one service, and are safe to run twice."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from talentloop.notifications.transports import RetryableError

MAX_RETRIES = 5


@shared_task(bind=True, name="wecom_robot.send_robot_post_task", max_retries=MAX_RETRIES)
def send_robot_post_task(self: Any, post_id: int) -> str | None:
    """Attempt one robot post; a retryable failure is tried again with back-off (30 s, 60 s, … up to 10 minutes),
    and the last attempt fails the post instead. Returns the post's status."""
    from talentloop.integrations.wecom_robot.services import robot_post_attempt

    try:
        post = robot_post_attempt(post_id=post_id, final_attempt=self.request.retries >= self.max_retries)
    except RetryableError as error:
        raise self.retry(exc=error, countdown=min(600, 30 * 2**self.request.retries)) from error
    return post.status if post is not None else None
