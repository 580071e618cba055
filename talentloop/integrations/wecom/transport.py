"""The WeCom channel: a notification as a WeCom app message to the recipient's WeCom member.

- A person without a linked WeCom userid (``WeComAccount``), or an inactive account, is a permanent error: the
  delivery falls back to in-app and email.
- A notification whose parameters carry a ``card`` goes as a ``template_card`` of type ``button_interaction``
  (a result card whose buttons come back to ``/integrations/wecom/callback/``); anything else as markdown.
- WeCom allows 30 messages per member per minute per app: the count is kept in the cache (shared by workers) and a
  message over it is retryable, so the queue sends it a little later.
- A delivery is sent once: a successful send is remembered in the cache by delivery id, so a task that runs again
  after the send (a worker lost before recording the outcome) does not message the person twice.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext as _

from talentloop.integrations.wecom.client import WeComClient, WeComError
from talentloop.integrations.wecom.models import WeComAccount
from talentloop.notifications.messages import message_render
from talentloop.notifications.models import Delivery
from talentloop.notifications.transports import PermanentError, RetryableError, Transport

MESSAGES_PER_MEMBER_PER_MINUTE = 30
SENT_MARK_SECONDS = 7 * 24 * 3600
MARKDOWN_LIMIT = 2048  # bytes, WeCom's limit


def rate_take(userid: str, *, now: float | None = None) -> bool:
    """Count one message to ``userid`` in the current minute; False when the minute's 30 are used up."""
    minute = int((time.time() if now is None else now) // 60)
    key = f"wecom:rate:{userid}:{minute}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=120)
        count = 1
    return int(count) <= MESSAGES_PER_MEMBER_PER_MINUTE


def _sent_key(delivery_id: int) -> str:
    return f"wecom:sent:{delivery_id}"


def card_task_id(delivery_id: int) -> str:
    """The card's ``task_id`` (unique per app): the click callback names it, and it names the delivery."""
    return f"talentloop-delivery-{delivery_id}"


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def template_card_message(*, card: dict[str, Any], task_id: str, link: str) -> dict[str, Any]:
    """A ``button_interaction`` template card from a notification's ``card`` parameters: ``title``,
    ``description``, ``fields`` ([[name, value], …], at most 6), ``buttons`` ([{"key", "text", "style"}], at most
    6; style 1 is the primary colour, 2 grey, 3 red, 4 blue)."""
    body: dict[str, Any] = {
        "card_type": "button_interaction",
        "main_title": {
            "title": _truncate(str(card.get("title", "")), 26),
            "desc": _truncate(str(card.get("description", "")), 30),
        },
        "task_id": task_id,
        "button_list": [
            {"text": _truncate(str(button["text"]), 10), "style": int(button.get("style", 1)), "key": button["key"]}
            for button in card.get("buttons", [])[:6]
        ],
    }
    fields = card.get("fields", [])[:6]
    if fields:
        body["horizontal_content_list"] = [
            {"keyname": _truncate(str(name), 5), "value": _truncate(str(value), 26)} for name, value in fields
        ]
    if card.get("quote"):
        body["quote_area"] = {"type": 0, "quote_text": _truncate(str(card["quote"]), 150)}
    if link:
        body["card_action"] = {"type": 1, "url": link}
    return {"msgtype": "template_card", "template_card": body}


def markdown_message(*, title: str, body: str, link: str) -> dict[str, Any]:
    content = f"**{title}**\n{body}"
    if link:
        label = _("Open in TalentLoop")
        content += f"\n[{label}]({link})"
    while len(content.encode("utf-8")) > MARKDOWN_LIMIT:
        content = content[: len(content) - 64]
    return {"msgtype": "markdown", "markdown": {"content": content}}


class WeComTransport(Transport):
    channel = "wecom"

    def send(self, delivery: Delivery) -> None:
        notification = delivery.notification
        recipient = notification.recipient
        person = getattr(recipient, "person", None)
        account = WeComAccount.objects.filter(person=person).first() if person is not None else None
        if account is None or not recipient.is_active:
            raise PermanentError(_("The recipient has no linked WeCom account."))
        if cache.get(_sent_key(delivery.pk)):
            return None
        if not rate_take(account.userid):
            raise RetryableError(
                _("WeCom's limit of %(count)d messages per member per minute was reached; sending later.")
                % {"count": MESSAGES_PER_MEMBER_PER_MINUTE}
            )
        link = settings.TALENTLOOP_BASE_URL.rstrip("/") + notification.link if notification.link else ""
        with translation.override(recipient.preferred_language or settings.LANGUAGE_CODE):
            card = notification.params.get("card")
            if isinstance(card, dict):
                message = template_card_message(card=card, task_id=card_task_id(delivery.pk), link=link)
            else:
                rendered = message_render(kind=notification.kind, params=notification.params)
                message = markdown_message(title=rendered.title, body=rendered.body, link=link)
        # The outcome is for the admin: in the site's language, not the recipient's.
        try:
            WeComClient().message_send(userid=account.userid, message=message)
        except WeComError as error:
            if error.retryable:
                raise RetryableError(error.message) from error
            raise PermanentError(error.message) from error
        cache.set(_sent_key(delivery.pk), 1, timeout=SENT_MARK_SECONDS)
        return None
