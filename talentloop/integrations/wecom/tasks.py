"""Background work of the WeCom channel. Tasks take ids, call one service, and are safe to run twice."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from talentloop.integrations.wecom.client import WeComError

MAX_RETRIES = 5


@shared_task(bind=True, name="wecom.process_inbound_message_task", max_retries=MAX_RETRIES)
def process_inbound_message_task(self: Any, inbound_id: int) -> str | None:
    """Process one stored WeCom callback; a retryable WeCom failure (rate limit, token) is tried again with back-off.
    Returns the message's status."""
    from talentloop.integrations.wecom.services import inbound_message_process

    try:
        inbound = inbound_message_process(inbound_id=inbound_id)
    except WeComError as error:
        raise self.retry(exc=error, countdown=min(600, 30 * 2**self.request.retries)) from error
    return inbound.status if inbound is not None else None
