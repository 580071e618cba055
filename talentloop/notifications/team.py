"""Team posts: an event told to a team's channel (a WeCom group robot, later a Feishu or DingTalk group bot) rather
than to one person.

A team post has no recipient, so it is not a ``Notification``: ``services.team_post`` hands a ``TeamPost`` to every
team channel the ``TALENTLOOP_TEAM_CHANNELS`` setting names (dotted paths of ``TeamChannel`` subclasses), and each
channel stores, queues and logs its own posts (``integrations/wecom_robot/``). No domain code imports a channel.

Only the kinds in ``TEAM_KINDS`` are posted to teams: events a team acts on together, carrying no personal data
(a group chat is read by everyone in it). Personal events (a mention, a report for a candidate) never go to a team.
A later event joins with one line here and one ``team_post`` call in its ``events.py`` function.
See docs/decisions/0026-group-robots-and-contact-sync.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from talentloop.notifications.models import Kind

# The kinds a team channel may post, in the order a form offers them.
TEAM_KINDS: tuple[str, ...] = (Kind.REVIEW_REQUEST_CREATED,)


@dataclass(frozen=True)
class TeamPost:
    """One event for the teams: ``params`` are language-neutral (rendered by ``messages.message_render``), ``link``
    a path inside the site, ``department_id`` the department the event concerns (None: the whole company)."""

    kind: str
    params: dict[str, Any] = field(default_factory=dict)
    link: str = ""
    dedupe_key: str = ""
    department_id: int | None = None


class TeamChannel:
    """A channel that posts to teams. ``post`` stores what it will send and queues it after commit, inside the
    caller's transaction; it returns how many posts it queued (a post already queued under the same
    ``dedupe_key`` is not queued again)."""

    name: str = ""

    def post(self, team_post: TeamPost) -> int:
        raise NotImplementedError


@cache
def _team_channel(dotted_path: str) -> TeamChannel:
    channel_class = import_string(dotted_path)
    if not (isinstance(channel_class, type) and issubclass(channel_class, TeamChannel)):
        raise ImproperlyConfigured(f"TALENTLOOP_TEAM_CHANNELS: {dotted_path} is not a TeamChannel.")
    return channel_class()


def team_channels() -> list[TeamChannel]:
    """The team channels this installation posts to."""
    return [_team_channel(dotted_path) for dotted_path in settings.TALENTLOOP_TEAM_CHANNELS]
