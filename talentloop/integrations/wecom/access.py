"""Who may link people to WeCom members: HR admins only (a WeCom userid decides who receives result cards)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from talentloop.core.exceptions import NotFound, PermissionDenied
from talentloop.org.access import actor_get


def wecom_accounts_check_manage(user: Any) -> None:
    actor = actor_get(user)
    if actor.is_hr_admin:
        return
    if actor.is_staff_member:
        raise PermissionDenied(_("Only HR admins can link people to WeCom."))
    raise NotFound(_("Page not found."))
