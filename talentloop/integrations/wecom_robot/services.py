"""Group robots' writes: add, change, switch on or off, send a test message; store and queue team posts, and
attempt one post (sent, retried with back-off, or failed with the robot marked failing).

Every change to a robot is audited without its key. A post is attempted by ``robot_post_attempt``, which records
every outcome on the post and the robot's last outcome on the robot.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from talentloop.core.exceptions import ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.integrations.wecom_robot.errors import RobotErrorCode
from talentloop.integrations.wecom_robot.models import GroupRobot, RobotPost
from talentloop.integrations.wecom_robot.webhook import (
    MESSAGES_PER_ROBOT_PER_MINUTE,
    WebhookKeyInvalid,
    markdown_content,
    rate_take,
    webhook_key_parse,
    webhook_send,
)
from talentloop.notifications.messages import message_render
from talentloop.notifications.team import TEAM_KINDS, TeamPost
from talentloop.notifications.transports import PermanentError, RetryableError, TransportError
from talentloop.org.models import Department

logger = logging.getLogger(__name__)


# --- robots -------------------------------------------------------------------------------------------------------


def _clean(*, name: str, kinds: list[str]) -> tuple[str, list[str]]:
    name = name.strip()
    if not name:
        raise ValidationFailed(_("Some required fields are empty."), fields={"name": [_("This field is required.")]})
    unknown = [kind for kind in kinds if kind not in TEAM_KINDS]
    if unknown:
        raise ValidationFailed(
            _("A group robot can only post team events."),
            code=RobotErrorCode.KIND_INVALID,
            fields={"kinds": [_("A group robot can only post team events.")]},
        )
    return name, [kind for kind in TEAM_KINDS if kind in kinds]


def _key(webhook: str) -> str:
    try:
        return webhook_key_parse(webhook)
    except WebhookKeyInvalid:
        message = _(
            "Paste the robot's webhook address (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…) or its key."
        )
        raise ValidationFailed(message, code=RobotErrorCode.WEBHOOK_INVALID, fields={"webhook": [message]}) from None


def _audit_changes(robot: GroupRobot) -> dict[str, Any]:
    return {
        "name": robot.name,
        "kinds": list(robot.kinds),
        "department": robot.department_id,
        "enabled": robot.enabled,
    }


def robot_create(
    *, actor: Any, name: str, webhook: str, kinds: list[str], department: Department | None = None
) -> GroupRobot:
    """Add a group robot from its webhook address or key; it posts ``kinds`` (team kinds) about ``department`` and
    below (the whole company when None). The key is stored encrypted; the audit log says only that it was set."""
    name, kinds = _clean(name=name, kinds=kinds)
    key = _key(webhook)
    with transaction.atomic():
        robot = GroupRobot.objects.create(
            name=name, webhook_key=key, key_hint=key[-4:], kinds=kinds, department=department, created_by=actor
        )
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            target=robot,
            changes={**_audit_changes(robot), "webhook_key": "set"},
        )
    return robot


def robot_update(
    *,
    actor: Any,
    robot: GroupRobot,
    name: str,
    kinds: list[str],
    department: Department | None,
    webhook: str = "",
) -> GroupRobot:
    """Change a robot's name, events and department; a non-empty ``webhook`` replaces its key (and its state is
    "not used yet" again)."""
    name, kinds = _clean(name=name, kinds=kinds)
    key = _key(webhook) if webhook.strip() else ""
    with transaction.atomic():
        robot.name, robot.kinds, robot.department = name, kinds, department
        changes = _audit_changes(robot)
        fields = ["name", "kinds", "department", "updated_at"]
        if key:
            robot.webhook_key, robot.key_hint = key, key[-4:]
            robot.health, robot.last_outcome, robot.last_outcome_at = GroupRobot.Health.UNTESTED, "", None
            fields += ["webhook_key", "key_hint", "health", "last_outcome", "last_outcome_at"]
            changes["webhook_key"] = "replaced"
        robot.save(update_fields=fields)
        audit_record(actor=actor, action=AuditEvent.Action.UPDATE, target=robot, changes=changes)
    return robot


def robot_enabled_set(*, actor: Any, robot: GroupRobot, enabled: bool) -> GroupRobot:
    """Switch a robot on or off. An off robot posts nothing; what was queued for it fails when attempted."""
    if robot.enabled == enabled:
        return robot
    with transaction.atomic():
        robot.enabled = enabled
        robot.save(update_fields=["enabled", "updated_at"])
        audit_record(actor=actor, action=AuditEvent.Action.UPDATE, target=robot, changes={"enabled": enabled})
    return robot


def robot_test_send(*, actor: Any, robot: GroupRobot) -> RobotPost:
    """Send a test message to the robot's group now (not queued) and return the post with its outcome: the admin
    sees at once whether the key works."""
    post = RobotPost.objects.create(robot=robot, kind=RobotPost.TEST_KIND)
    audit_record(actor=actor, action=AuditEvent.Action.UPDATE, target=robot, changes={"test_message": post.pk})
    try:
        return robot_post_attempt(post_id=post.pk, final_attempt=True, allow_disabled=True) or post
    except RetryableError:  # pragma: no cover - final_attempt never re-raises
        post.refresh_from_db()
        return post


# --- team posts ---------------------------------------------------------------------------------------------------


def _robot_takes(robot: GroupRobot, team_post: TeamPost, departments: dict[int, str]) -> bool:
    if team_post.kind not in robot.kinds:
        return False
    if robot.department is None:
        return True
    if team_post.department_id is None:
        return False
    path = departments.get(team_post.department_id, "")
    return bool(path) and path.startswith(robot.department.path)


def _post_enqueue(post_id: int) -> None:
    from celery.exceptions import Retry

    from talentloop.integrations.wecom_robot.tasks import send_robot_post_task

    try:
        send_robot_post_task.delay(post_id)
    except (Retry, RetryableError):
        # Without a broker the task runs in-process and its retry surfaces here: the post stays queued with its
        # last error, for `talentloop manage wecom_robots_send`.
        logger.warning("Robot post %s could not be sent now; it stays queued.", post_id)


def robot_posts_queue(*, team_post: TeamPost) -> int:
    """Store one post per enabled robot that takes ``team_post`` (its kind, its department) and queue each after
    commit. A robot already holding a post with the same de-duplication key gets nothing new. Returns how many
    posts were queued."""
    robots = [robot for robot in GroupRobot.objects.filter(enabled=True).select_related("department")]
    departments = dict(
        Department.objects.filter(pk=team_post.department_id).values_list("pk", "path")
        if team_post.department_id
        else []
    )
    queued = []
    with transaction.atomic():
        for robot in robots:
            if not _robot_takes(robot, team_post, departments):
                continue
            if team_post.dedupe_key and robot.posts.filter(dedupe_key=team_post.dedupe_key).exists():
                continue
            try:
                with transaction.atomic():
                    post = RobotPost.objects.create(
                        robot=robot,
                        kind=team_post.kind,
                        params=team_post.params,
                        link=team_post.link,
                        dedupe_key=team_post.dedupe_key,
                    )
            except IntegrityError:  # another worker stored the same key first
                continue
            queued.append(post.pk)
        for post_id in queued:
            transaction.on_commit(partial(_post_enqueue, post_id))
    return len(queued)


def _render(post: RobotPost) -> str:
    link = settings.TALENTLOOP_BASE_URL.rstrip("/") + post.link if post.link else ""
    # A group reads the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        if post.kind == RobotPost.TEST_KIND:
            return markdown_content(
                title=_("TalentLoop test message"),
                body=_("This robot is set up: TalentLoop will post team events to this group."),
                link=link,
            )
        rendered = message_render(kind=post.kind, params=post.params)
        return markdown_content(title=rendered.title, body=rendered.body, link=link)


def _robot_outcome(robot: GroupRobot, *, health: str, outcome: str) -> None:
    robot.health, robot.last_outcome, robot.last_outcome_at = health, outcome[:2000], timezone.now()
    robot.save(update_fields=["health", "last_outcome", "last_outcome_at"])


SENT_MARK_SECONDS = 7 * 24 * 3600


def _sent_key(post_id: int) -> str:
    return f"wecom_robot:sent:{post_id}"


def robot_post_send(post: RobotPost) -> None:
    """Send one post to its robot (no database writes). Raises ``TransportError``. A post is sent once: a successful
    send is remembered in the cache, so a task that runs again after a worker was lost before recording the outcome
    does not post twice."""
    robot = post.robot
    if cache.get(_sent_key(post.pk)):
        return None
    if not rate_take(robot.pk):
        raise RetryableError(
            _("A group robot takes %(count)d messages a minute; sending later.")
            % {"count": MESSAGES_PER_ROBOT_PER_MINUTE}
        )
    webhook_send(key=robot.webhook_key, content=_render(post))
    cache.set(_sent_key(post.pk), 1, timeout=SENT_MARK_SECONDS)
    return None


def robot_post_attempt(*, post_id: int, final_attempt: bool = False, allow_disabled: bool = False) -> RobotPost | None:
    """Attempt one queued post and record the outcome on it and on its robot. Safe to run twice: a sent or failed
    post is left alone.

    A ``RetryableError`` is re-raised (the task retries with back-off) unless this is the ``final_attempt``; then,
    like a ``PermanentError``, the post fails. A permanent error marks the robot failing; a sent post, working."""
    with transaction.atomic():
        post = RobotPost.objects.select_for_update(of=("self",)).select_related("robot").filter(pk=post_id).first()
        if post is None or post.status in RobotPost.FINAL_STATUSES:
            return post
        post.attempts += 1
        retry: TransportError | None = None
        try:
            if not post.robot.enabled and not allow_disabled:
                raise PermanentError(_("The robot is switched off."))
            robot_post_send(post)
        except TransportError as error:
            post.last_error = error.message[:2000]
            if isinstance(error, RetryableError) and not final_attempt:
                post.save(update_fields=["attempts", "last_error", "updated_at"])
                logger.warning("Robot post %s to robot %s will be retried: %s", post.pk, post.robot_id, error.message)
                retry = error
            else:
                post.status = RobotPost.Status.FAILED
                post.save(update_fields=["attempts", "status", "last_error", "updated_at"])
                if post.robot.enabled or allow_disabled:
                    health = GroupRobot.Health.FAILING if error.permanent else post.robot.health
                    _robot_outcome(post.robot, health=health, outcome=error.message)
                logger.warning("Robot post %s to robot %s failed: %s", post.pk, post.robot_id, error.message)
        else:
            post.status = RobotPost.Status.SENT
            post.sent_at = timezone.now()
            post.last_error = ""
            post.save(update_fields=["attempts", "status", "sent_at", "last_error", "updated_at"])
            _robot_outcome(post.robot, health=GroupRobot.Health.WORKING, outcome=_("Sent."))
    if retry is not None:
        raise retry
    return post


def robot_posts_attempt_queued() -> dict[str, int]:
    """Attempt every queued post once, oldest first (``talentloop manage wecom_robots_send``). A retryable failure
    leaves it queued for the next run. Returns how many were sent, are still queued, and failed."""
    counts = {"sent": 0, "queued": 0, "failed": 0}
    for post_id in RobotPost.objects.filter(status=RobotPost.Status.QUEUED).order_by("pk").values_list("pk", flat=True):
        try:
            post = robot_post_attempt(post_id=post_id)
        except RetryableError:
            counts["queued"] += 1
            continue
        if post is None:
            continue
        counts["sent" if post.status == RobotPost.Status.SENT else "failed"] += 1
    return counts
