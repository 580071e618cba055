"""accounts' part of "my data": the sign-in account (see talentloop/core/personal_data.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from talentloop.accounts.models import User
from talentloop.accounts.services import user_anonymise
from talentloop.core.personal_data import PersonalDataPart, Subject, personal_data_part_register


@personal_data_part_register
class AccountPart(PersonalDataPart):
    key = "account"
    floor = 1
    title = _("Sign-in account")

    def export(self, subject: Subject) -> dict[str, Any]:
        user = User.objects.filter(pk=subject.user_id).first() if subject.user_id else None
        if user is None:
            return {}
        # Never the password hash, tokens or staff flags: only what describes the person.
        return {
            "username": user.username,
            "display_name": user.display_name,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "preferred_language": user.preferred_language,
            "active": user.is_active,
            "joined_at": user.date_joined,
            "last_signed_in_at": user.last_login,
        }

    def records(self, subject: Subject) -> Iterable[tuple[str, str]]:
        return [("accounts.user", str(subject.user_id))] if subject.user_id else []

    def erase(self, subject: Subject) -> dict[str, int]:
        return user_anonymise(user_id=subject.user_id) if subject.user_id else {}
