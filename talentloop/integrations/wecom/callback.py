"""Verifying and decrypting WeCom callbacks (wechatpy's ``WeChatCrypto``), with replay protection.

WeCom signs every callback (``msg_signature`` over the token, timestamp, nonce and the encrypted body) and encrypts
the body with the app's EncodingAESKey, the corp id inside. A request is accepted only when the signature is right,
the corp id is ours, the timestamp is within ``MAX_AGE_SECONDS`` of our clock, and its (timestamp, nonce,
signature) was not seen before (remembered in the cache for longer than that window).
"""

from __future__ import annotations

import time
from typing import Any

import xmltodict
from django.conf import settings
from django.core.cache import cache
from wechatpy.exceptions import InvalidSignatureException
from wechatpy.work.crypto import WeChatCrypto
from wechatpy.work.exceptions import InvalidCorpIdException

MAX_AGE_SECONDS = 300
NONCE_MEMORY_SECONDS = 2 * MAX_AGE_SECONDS


class CallbackRefused(Exception):
    """A callback that is not (or no longer) WeCom's: the reason goes to the log, never to the caller."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def crypto_get() -> WeChatCrypto:
    return WeChatCrypto(settings.WECOM_TOKEN, settings.WECOM_ENCODING_AES_KEY, settings.WECOM_CORP_ID)


def _check_fresh(timestamp: str, *, now: float | None = None) -> None:
    try:
        sent_at = int(timestamp)
    except (TypeError, ValueError):
        raise CallbackRefused("The timestamp is missing or not a number.") from None
    if abs((time.time() if now is None else now) - sent_at) > MAX_AGE_SECONDS:
        raise CallbackRefused(f"The timestamp {sent_at} is more than {MAX_AGE_SECONDS} seconds from our clock.")


def url_verify(*, signature: str, timestamp: str, nonce: str, echostr: str) -> str:
    """WeCom's URL check (GET): the decrypted ``echostr`` when the signature is right."""
    try:
        echo: Any = crypto_get().check_signature(signature, timestamp, nonce, echostr)
    except InvalidSignatureException:
        raise CallbackRefused("The URL check's signature is wrong.") from None
    except InvalidCorpIdException:
        raise CallbackRefused("The URL check is for another corp id.") from None
    except Exception as error:  # a malformed echostr fails in base64 or AES
        raise CallbackRefused(f"The echostr could not be decrypted ({type(error).__name__}).") from None
    return echo.decode() if isinstance(echo, bytes) else str(echo)


def message_decrypt(*, body: bytes, signature: str, timestamp: str, nonce: str) -> tuple[dict[str, Any], str]:
    """Verify and decrypt a callback body (POST): its fields, and the replay key to remember once it is stored."""
    _check_fresh(timestamp)
    replay_key = f"wecom:callback:{timestamp}:{nonce}:{signature}"
    if cache.get(replay_key):
        raise CallbackRefused("Replayed callback: this timestamp, nonce and signature were seen before.")
    try:
        xml: Any = crypto_get().decrypt_message(body, signature, timestamp, nonce)
    except InvalidSignatureException:
        raise CallbackRefused("The message signature is wrong.") from None
    except InvalidCorpIdException:
        raise CallbackRefused("The message is encrypted for another corp id.") from None
    except Exception as error:  # malformed XML, base64 or padding
        raise CallbackRefused(f"The message could not be decrypted ({type(error).__name__}).") from None
    try:
        fields = xmltodict.parse(xml)["xml"]
    except Exception as error:
        raise CallbackRefused(f"The decrypted message is not WeCom's XML ({type(error).__name__}).") from None
    if not isinstance(fields, dict):
        raise CallbackRefused("The decrypted message is empty.")
    return dict(fields), replay_key


def replay_remember(replay_key: str) -> bool:
    """Remember a stored callback's key; False when another request stored it first (a replay racing us)."""
    return bool(cache.add(replay_key, 1, timeout=NONCE_MEMORY_SECONDS))
