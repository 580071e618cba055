"""Writes owned by accounts: users and their sign-in records."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from talentloop.accounts.models import User
from talentloop.core.exceptions import ValidationFailed
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
