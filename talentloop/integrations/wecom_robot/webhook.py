"""Posting to a WeCom group robot's webhook (``POST {WECOM_API_BASE}/cgi-bin/webhook/send?key=…``) with plain HTTP:
wechatpy has no robot API, and a robot needs no access token.

- The message is markdown, cut to WeCom's 4096 bytes without splitting a character; the link stays whole.
- A robot takes 20 messages a minute: the count is kept in the cache (shared by workers), and a message over it
  is retryable, as are 45009 (WeCom's own limit), WeCom being busy (-1) or unreachable, and HTTP 5xx/429.
- 93000 (the webhook key is invalid: the robot was removed from its group) and any other refusal are permanent.
- The key is a credential: it never appears in an error, a log line or a page. ``WebhookKeyRedactingFilter``
  removes it from urllib3's own debug lines.
"""

from __future__ import annotations

import logging
import re
import time
from typing import Any
from urllib.parse import parse_qs, urlparse

import requests
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from talentloop.notifications.transports import PermanentError, RetryableError

MESSAGES_PER_ROBOT_PER_MINUTE = 20
MARKDOWN_LIMIT = 4096  # bytes, WeCom's limit for a robot's markdown
TIMEOUT_SECONDS = 10
INVALID_WEBHOOK_KEY = 93000
RATE_LIMITED = 45009
SYSTEM_BUSY = -1
RETRYABLE_CODES = frozenset({RATE_LIMITED, 45033, SYSTEM_BUSY})
WEBHOOK_PATH = "/cgi-bin/webhook/send"
KEY_PATTERN = re.compile(r"^[A-Za-z0-9-]{8,64}$")
_KEY_IN_TEXT = re.compile(r"(key=)[^&\s\"']+")


class WebhookKeyInvalid(ValueError):
    """What was pasted is neither a robot's webhook address nor its key."""


def webhook_key_parse(value: str) -> str:
    """The key from a robot's webhook address (``https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…``) or from
    the key itself. Raises ``WebhookKeyInvalid``."""
    value = value.strip()
    if "://" in value:
        url = urlparse(value)
        keys = parse_qs(url.query).get("key", [])
        if url.scheme not in ("http", "https") or not url.path.endswith(WEBHOOK_PATH) or len(keys) != 1:
            raise WebhookKeyInvalid(value)
        value = keys[0].strip()
    if not KEY_PATTERN.match(value):
        raise WebhookKeyInvalid(value)
    return value


def redact(text: str) -> str:
    """``text`` with every ``key=…`` value replaced by ``key=***``."""
    return _KEY_IN_TEXT.sub(r"\1***", text)


class WebhookKeyRedactingFilter(logging.Filter):
    """Removes webhook keys from a log record's message before any handler sees it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "key=" in message:
            record.msg = redact(message)
            record.args = None
        return True


def rate_take(robot_id: int, *, now: float | None = None) -> bool:
    """Count one message to robot ``robot_id`` in the current minute; False when the minute's 20 are used up."""
    minute = int((time.time() if now is None else now) // 60)
    key = f"wecom_robot:rate:{robot_id}:{minute}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=120)
        count = 1
    return int(count) <= MESSAGES_PER_ROBOT_PER_MINUTE


def _cut(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` UTF-8 bytes, cut on a character boundary and marked with an ellipsis."""
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    ellipsis = "…"
    room = max(0, limit - len(ellipsis.encode("utf-8")))
    return encoded[:room].decode("utf-8", errors="ignore") + ellipsis


def markdown_content(*, title: str, body: str, link: str) -> str:
    """The robot's markdown: the title in bold, the body, and the link (kept whole when the text is cut)."""
    tail = f"\n[{_('Open in TalentLoop')}]({link})" if link else ""
    head = f"**{title}**\n{body}" if body else f"**{title}**"
    return _cut(head, MARKDOWN_LIMIT - len(tail.encode("utf-8"))) + tail


def webhook_send(*, key: str, content: str) -> None:
    """Post ``content`` as markdown to the robot with ``key``. Raises ``RetryableError`` or ``PermanentError`` with
    an admin's message (never containing the key)."""
    url = settings.WECOM_API_BASE.rstrip("/") + WEBHOOK_PATH
    payload: dict[str, Any] = {"msgtype": "markdown", "markdown": {"content": content}}
    try:
        response = requests.post(url, params={"key": key}, json=payload, timeout=TIMEOUT_SECONDS)
    except requests.RequestException as error:
        raise RetryableError(_("WeCom could not be reached: %(error)s") % {"error": type(error).__name__}) from None
    if response.status_code != 200:
        message = _("WeCom could not be reached (HTTP %(status)s).") % {"status": response.status_code}
        if response.status_code >= 500 or response.status_code == 429:
            raise RetryableError(message)
        raise PermanentError(message)
    try:
        result = response.json()
        errcode = int(result.get("errcode", SYSTEM_BUSY))
    except (ValueError, TypeError, AttributeError):
        raise RetryableError(_("WeCom's answer could not be read.")) from None
    if errcode == 0:
        return None
    if errcode == INVALID_WEBHOOK_KEY:
        raise PermanentError(
            _(
                "WeCom refused the webhook key (93000): the robot was removed from its group or the key is wrong. "
                "Add the robot again and paste its new webhook address."
            )
        )
    if errcode == RATE_LIMITED:
        raise RetryableError(_("WeCom's rate limit was reached (45009); the message will be sent later."))
    message = _("WeCom error %(code)s: %(message)s") % {
        "code": errcode,
        "message": redact(str(result.get("errmsg", ""))[:300]),
    }
    if errcode in RETRYABLE_CODES:
        raise RetryableError(message)
    raise PermanentError(message)
