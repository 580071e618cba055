"""Invitation links: a token signed with SECRET_KEY naming the invitation and its current nonce."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core import signing
from django.urls import reverse

_SALT = "talentloop.interviews.invitation"


def nonce_new() -> str:
    return secrets.token_urlsafe(16)


def token_for(*, invitation_id: int, nonce: str) -> str:
    # No timestamp: the link stays the same however often it is generated; the expiry lives in the database.
    return signing.Signer(salt=_SALT).sign_object([invitation_id, nonce])


def token_read(token: str) -> tuple[int, str] | None:
    """The (invitation id, nonce) a token names, or None for a token we did not sign."""
    try:
        value = signing.Signer(salt=_SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int) and isinstance(value[1], str)):
        return None
    return value[0], value[1]


def invitation_url(*, invitation_id: int, nonce: str) -> str:
    path = reverse("interview:landing", kwargs={"token": token_for(invitation_id=invitation_id, nonce=nonce)})
    return settings.TALENTLOOP_BASE_URL.rstrip("/") + path
