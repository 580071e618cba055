"""Who else works in the interview world: a hiring manager (staff, not HR) and someone with no staff role."""

from __future__ import annotations

from typing import Any

from talentloop.accounts.models import User
from talentloop.accounts.services import user_create
from talentloop.org.models import Role
from talentloop.org.services import role_grant_create


def other_users(world: dict[str, Any]) -> dict[str, User]:
    manager = user_create(username="sales-manager", password=None)
    role_grant_create(actor=None, user=manager, role=Role.HIRING_MANAGER, department=world["position"].department)
    return {"manager": manager, "outsider": user_create(username="no-role", password=None)}
