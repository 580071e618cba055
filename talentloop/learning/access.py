"""Who may read and manage the learning library: staff read it, HR changes it; others learn nothing (404)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from talentloop.core.exceptions import NotFound, PermissionDenied
from talentloop.org.access import actor_get


def library_check_view(user: Any) -> None:
    if not actor_get(user).is_staff_member:
        raise NotFound(_("Page not found."))


def library_check_manage(user: Any) -> None:
    library_check_view(user)
    if not actor_get(user).is_hr:
        raise PermissionDenied(_("Only HR can change the learning library."))


def library_can_manage(user: Any) -> bool:
    return actor_get(user).is_hr
