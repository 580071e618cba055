"""Encryption at rest for the few values that must never sit in the database in clear: sensitive personal
attributes (recorded only for fairness audits, with consent) and integration secrets such as a group robot's
webhook key.

``cryptography``'s Fernet (AES-128-CBC + HMAC-SHA256, with a timestamp) does the cryptography; we do not write our
own. Keys come from ``TALENTLOOP_ENCRYPTION_KEYS`` (comma-separated Fernet keys, newest first: the first encrypts,
all decrypt, so a key can be rotated). Without it, one key is derived from ``SECRET_KEY`` with HKDF, which keeps the
demo and tests working; production deployments set their own keys so that rotating SECRET_KEY does not make the
stored values unreadable. Values are not searchable: filter on other columns.
"""

from __future__ import annotations

import base64
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import models

from talentloop.core.exceptions import ApplicationError

_HKDF_INFO = b"talentloop.core.crypto.v1"


class DecryptionFailed(ApplicationError):
    """A stored value cannot be decrypted with any configured key (the key was changed or the value is damaged)."""

    status = 500


def _derived_key(secret_key: str) -> bytes:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO).derive(secret_key.encode())
    return base64.urlsafe_b64encode(key)


@cache
def _fernet(keys: tuple[str, ...], secret_key: str) -> MultiFernet:
    if not keys:
        return MultiFernet([Fernet(_derived_key(secret_key))])
    return MultiFernet([Fernet(key.encode()) for key in keys])


def _current() -> MultiFernet:
    return _fernet(tuple(settings.TALENTLOOP_ENCRYPTION_KEYS), settings.SECRET_KEY)


def secret_encrypt(plaintext: str) -> str:
    """The text encrypted with the newest key, as URL-safe ASCII (a different token each call)."""
    return _current().encrypt(plaintext.encode()).decode("ascii")


def secret_decrypt(token: str) -> str:
    """The text ``secret_encrypt`` was given; raises ``DecryptionFailed`` when no configured key opens it."""
    try:
        return _current().decrypt(token.encode("ascii")).decode()
    except (InvalidToken, UnicodeError) as error:
        raise DecryptionFailed(
            "A stored encrypted value cannot be read with the configured keys "
            "(TALENTLOOP_ENCRYPTION_KEYS or SECRET_KEY changed?)."
        ) from error


def encryption_key_is_valid(key: str) -> bool:
    """Whether ``key`` is a usable Fernet key (32 url-safe base64-encoded bytes)."""
    try:
        Fernet(key.encode())
    except (ValueError, TypeError):
        return False
    return True


class EncryptedTextField(models.TextField):
    """A text column stored encrypted with ``secret_encrypt``; reads give the plain text back. Empty stays empty
    (so "not recorded" is visible without a key); ``None`` stays ``None``."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return secret_decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return secret_encrypt(str(value))
