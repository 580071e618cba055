"""Group robots (群机器人): a WeCom group chat's webhook that team events are posted to, and the log of each post.

The webhook key is the robot's only credential (whoever has it can post to the group), so it is stored encrypted
(``core.crypto.EncryptedTextField``) and never shown again in full: the console shows its last four characters.
A post is not a ``notifications.Delivery``: a delivery belongs to a notification for one person, and a team post
has no recipient (docs/decisions/0026-group-robots-and-contact-sync.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from talentloop.core.crypto import EncryptedTextField


class GroupRobot(models.Model):
    class Health(models.TextChoices):
        UNTESTED = "untested", _("Not used yet")
        WORKING = "working", _("Working")
        FAILING = "failing", _("Failing")

    name = models.CharField(_("name"), max_length=100)
    webhook_key = EncryptedTextField(_("webhook key"))
    key_hint = models.CharField(_("key ends with"), max_length=8, blank=True)
    # notifications.team.TEAM_KINDS values: the events this robot posts.
    kinds = models.JSONField(_("events"), default=list, blank=True)
    department = models.ForeignKey(
        "org.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("department"),
        help_text=_("Only events about this department and the departments below it. Empty: the whole company."),
    )
    enabled = models.BooleanField(_("on"), default=True)
    health = models.CharField(_("state"), max_length=10, choices=Health.choices, default=Health.UNTESTED)
    last_outcome = models.TextField(_("last outcome"), blank=True)
    last_outcome_at = models.DateTimeField(_("last outcome at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("group robot")
        verbose_name_plural = _("group robots")

    def __str__(self) -> str:
        return self.name


class RobotPost(models.Model):
    """One message to one robot: queued, then sent or failed; attempts and the last error are kept. A test message
    from the console has the kind ``test``."""

    TEST_KIND = "test"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    FINAL_STATUSES = (Status.SENT, Status.FAILED)

    robot = models.ForeignKey(GroupRobot, on_delete=models.CASCADE, related_name="posts", verbose_name=_("robot"))
    kind = models.CharField(_("kind"), max_length=40)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    dedupe_key = models.CharField(_("de-duplication key"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("robot post")
        verbose_name_plural = _("robot posts")
        constraints = [
            models.UniqueConstraint(
                fields=["robot", "dedupe_key"], condition=~Q(dedupe_key=""), name="robot_post_dedupe_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.robot_id} · {self.kind}: {self.status}"
