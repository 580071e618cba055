"""Writes owned by accounts: users and their sign-in records."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from talentloop.accounts.models import User
from talentloop.accounts.tokens import sign_in_token_for, sign_in_token_matches, sign_in_token_read
from talentloop.core.exceptions import Gone, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None,
    email: str = "",
    display_name: str = "",
    preferred_language: str = "",
    validate: bool = True,
) -> User:
    """Create a user who can sign in. ``password=None`` creates an account that must reset its password."""
    username = username.strip()
    if not username:
        raise ValidationFailed(_("A username is required."), fields={"username": [_("This field is required.")]})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationFailed(
            _("This username is already taken."), fields={"username": [_("This username is already taken.")]}
        )
    languages = {code for code, _name in settings.LANGUAGES}
    if preferred_language and preferred_language not in languages:
        raise ValidationFailed(
            _("Unknown language."), fields={"preferred_language": [_("Choose one of the offered languages.")]}
        )
    user = User(
        username=username,
        email=email.strip().lower(),
        display_name=display_name,
        preferred_language=preferred_language,
    )
    if password is None:
        user.set_unusable_password()
    else:
        if validate:
            try:
                validate_password(password, user)
            except DjangoValidationError as error:
                raise ValidationFailed(error.messages[0], fields={"password": error.messages}) from None
        user.set_password(password)
    user.save()
    return user


def user_record_sign_in(*, user: User, request: HttpRequest) -> None:
    audit_record(actor=user, action=AuditEvent.Action.LOGIN, target=user, request=request)


def user_record_failed_sign_in(*, username: str, request: HttpRequest) -> None:
    audit_record(
        actor=None,
        action=AuditEvent.Action.LOGIN_FAILED,
        object_type="accounts.user",
        object_label=username[:150],
        request=request,
    )


def user_record_sign_out(*, user: User, request: HttpRequest) -> None:
    audit_record(actor=user, action=AuditEvent.Action.LOGOUT, target=user, request=request)


def user_set_preferred_language(*, user: User, language: str) -> User:
    """Remember the user's language; it is applied at every sign-in."""
    languages = {code for code, _name in settings.LANGUAGES}
    if language not in languages:
        raise ValidationFailed(
            _("Unknown language."), fields={"preferred_language": [_("Choose one of the offered languages.")]}
        )
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    return user


def sign_in_link_url(*, user: User) -> str:
    path = reverse("accounts:sign_in_link", kwargs={"token": sign_in_token_for(user=user)})
    return settings.TALENTLOOP_BASE_URL.rstrip("/") + path


# At most this many sign-in emails per address per hour, so the form cannot be used to flood someone's inbox.
SIGN_IN_LINKS_PER_HOUR = 5


def _sign_in_link_allowed(address: str) -> bool:
    key = "accounts.sign_in_link." + hashlib.sha256(address.encode()).hexdigest()
    cache.add(key, 0, timeout=3600)
    return cache.incr(key) <= SIGN_IN_LINKS_PER_HOUR


def sign_in_link_send(*, email: str, language: str = "") -> int:
    """Email a one-time sign-in link to every active account with this address; returns how many were sent.

    The caller must not tell the visitor whether an account exists (the page says the same either way), so an
    address that matches nothing, or only accounts that are disabled, sends nothing and raises nothing; neither
    does an address that has already had ``SIGN_IN_LINKS_PER_HOUR`` links this hour."""
    address = email.strip().lower()
    if not address:
        raise ValidationFailed(_("Enter your email address."), fields={"email": [_("This field is required.")]})
    if "@" not in address or len(address) > 254:
        raise ValidationFailed(_("Enter a valid email address."), fields={"email": [_("Enter a valid email address.")]})
    if not _sign_in_link_allowed(address):
        return 0
    sent = 0
    for user in User.objects.filter(email__iexact=address, is_active=True).order_by("pk"):
        with translation.override(user.preferred_language or language or settings.LANGUAGE_CODE):
            context = {
                "name": user.display_name or user.username,
                "username": user.username,
                "link": sign_in_link_url(user=user),
                "minutes": settings.TALENTLOOP_SIGN_IN_LINK_MINUTES,
            }
            subject = render_to_string("accounts/sign_in_link_subject.txt", context).strip()
            body = render_to_string("accounts/sign_in_link_email.txt", context)
        EmailMultiAlternatives(subject=subject, body=body, to=[user.email]).send()
        sent += 1
    return sent


def sign_in_link_user(*, token: str) -> User:
    """The user a sign-in link is for, if it is genuine, unexpired, unused and the account is active.

    Raises ``Gone`` otherwise, with one message for every case so a link reveals nothing about the account."""
    read = sign_in_token_read(token, max_age_seconds=settings.TALENTLOOP_SIGN_IN_LINK_MINUTES * 60)
    user = User.objects.filter(pk=read[0], is_active=True).first() if read is not None else None
    if read is None or user is None or not sign_in_token_matches(user=user, stamp=read[1]):
        raise Gone(_("This sign-in link has expired or has already been used. Ask for a new one."))
    return user


@transaction.atomic
def user_anonymise(*, user_id: int) -> dict[str, int]:
    """Erase what identifies a user and close the account for good, keeping the row.

    The row stays because the append-only audit log points at it (decision 0004); what stays is ``erased-<id>``, an
    inactive account with no name, no email and no usable password. API tokens and the sign-in lockout records
    (which hold the username and IP addresses) are deleted. Safe to run twice."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from rest_framework.authtoken.models import Token

    user = User.objects.select_for_update().filter(pk=user_id).first()
    if user is None:
        return {}
    username = user.username
    erased_username = f"erased-{user.pk}"
    counts = {
        "api_tokens": Token.objects.filter(user=user).delete()[0],
        "sign_in_records": sum(
            model.objects.filter(username=username).delete()[0]
            for model in (AccessAttempt, AccessFailureLog, AccessLog)
        ),
    }
    if username != erased_username or user.is_active:
        user.username = erased_username
        user.email = ""
        user.first_name = ""
        user.last_name = ""
        user.display_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        counts["accounts_anonymised"] = 1
    return {name: count for name, count in counts.items() if count}
