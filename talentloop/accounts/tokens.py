"""Sign-in links ("magic links"): a token signed with SECRET_KEY, timestamped, naming the user and their last sign-in.

Signing in changes ``last_login``, so a link works once; the timestamp makes it expire. Django's signing does the
cryptography; nothing is stored.
"""

from __future__ import annotations

from django.core import signing

from talentloop.accounts.models import User

_SALT = "talentloop.accounts.sign_in_link"


def _last_login_stamp(user: User) -> str:
    return user.last_login.isoformat() if user.last_login is not None else ""


def sign_in_token_for(*, user: User) -> str:
    return signing.TimestampSigner(salt=_SALT).sign_object([user.pk, _last_login_stamp(user)])


def sign_in_token_read(token: str, *, max_age_seconds: int) -> tuple[int, str] | None:
    """The (user id, last sign-in stamp) a token names, or None for a token we did not sign or that has expired."""
    try:
        value = signing.TimestampSigner(salt=_SALT).unsign_object(token, max_age=max_age_seconds)
    except signing.BadSignature:  # SignatureExpired is a BadSignature
        return None
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int) and isinstance(value[1], str)):
        return None
    return value[0], value[1]


def sign_in_token_matches(*, user: User, stamp: str) -> bool:
    """Whether a token's stamp still matches the user: false once they have signed in since it was made."""
    return _last_login_stamp(user) == stamp
