"""The group robots as a team channel (``TALENTLOOP_TEAM_CHANNELS``): a team post becomes one queued post per robot
that takes it."""

from __future__ import annotations

from talentloop.notifications.team import TeamChannel, TeamPost


class GroupRobotChannel(TeamChannel):
    name = "wecom_robot"

    def post(self, team_post: TeamPost) -> int:
        from talentloop.integrations.wecom_robot.services import robot_posts_queue

        return robot_posts_queue(team_post=team_post)
