"""Who may manage group robots: HR admins only (a robot posts into a group chat, and its key is a credential)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from talentloop.core.exceptions import NotFound, PermissionDenied
from talentloop.integrations.wecom_robot.models import GroupRobot
from talentloop.org.access import actor_get


def robots_check_manage(user: Any) -> None:
    actor = actor_get(user)
    if actor.is_hr_admin:
        return
    if actor.is_staff_member:
        raise PermissionDenied(_("Only HR admins can manage group robots."))
    raise NotFound(_("Page not found."))


def robot_get_for_user(user: Any, robot_id: int) -> GroupRobot:
    """The robot, for an HR admin; 404 when there is none (after the role check: 403 for other staff)."""
    robots_check_manage(user)
    robot = GroupRobot.objects.select_related("department").filter(pk=robot_id).first()
    if robot is None:
        raise NotFound(_("Group robot not found."))
    return robot
