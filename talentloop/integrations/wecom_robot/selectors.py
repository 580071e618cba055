"""Reading the group robots: the list for the console, one robot's recent posts, and the recent problems."""

from __future__ import annotations

from django.db.models import QuerySet

from talentloop.integrations.wecom_robot.models import GroupRobot, RobotPost


def robot_list() -> QuerySet[GroupRobot]:
    return GroupRobot.objects.select_related("department").order_by("name", "pk")


def robot_post_list(*, robot: GroupRobot, limit: int = 20) -> QuerySet[RobotPost]:
    return robot.posts.order_by("-created_at", "-pk")[:limit]


def robot_problems(*, limit: int = 5) -> QuerySet[RobotPost]:
    """The latest posts that failed or wait on an error: what an admin must look at (a removed robot, the limit)."""
    return (
        RobotPost.objects.exclude(last_error="")
        .exclude(status=RobotPost.Status.SENT)
        .select_related("robot")
        .order_by("-updated_at", "-pk")[:limit]
    )
