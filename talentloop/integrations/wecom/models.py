"""WeCom's records: which WeCom member a person is (``WeComAccount``) and what WeCom sent us (``InboundMessage``).

The mapping lives here, not in ``org``: a person is channel-neutral, and the next channel (Feishu/Lark, DingTalk)
keeps its own mapping in its own folder (docs/decisions/0022-wecom-channel.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WeComAccount(models.Model):
    """A person is the WeCom member ``userid`` of this installation's corp."""

    person = models.OneToOneField(
        "org.Person", on_delete=models.CASCADE, related_name="wecom_account", verbose_name=_("person")
    )
    userid = models.CharField(_("WeCom userid"), max_length=64, unique=True)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        ordering = ["userid"]
        verbose_name = _("WeCom account")
        verbose_name_plural = _("WeCom accounts")

    def __str__(self) -> str:
        return f"{self.userid} → {self.person_id}"


class InboundMessage(models.Model):
    """One verified, decrypted callback from WeCom: a button click on a card or a text message to the app. Stored
    before it is acknowledged, processed afterwards by ``process_inbound_message_task``."""

    class Kind(models.TextChoices):
        CARD_CLICK = "card_click", _("Card button clicked")
        TEXT = "text", _("Text message")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        PROCESSED = "processed", _("Processed")
        IGNORED = "ignored", _("Ignored")
        FAILED = "failed", _("Failed")

    FINAL_STATUSES = (Status.PROCESSED, Status.IGNORED, Status.FAILED)

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # WeCom resends a callback it got no answer to: the same message is stored once.
    dedupe_key = models.CharField(_("de-duplication key"), max_length=200, unique=True)
    from_userid = models.CharField(_("from WeCom userid"), max_length=64)
    person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("person")
    )
    content = models.TextField(_("content"), blank=True)
    event_key = models.CharField(_("button"), max_length=200, blank=True)
    task_id = models.CharField(_("card"), max_length=128, blank=True, db_index=True)
    response_code = models.CharField(_("response code"), max_length=200, blank=True)
    payload = models.JSONField(_("message"), default=dict)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    error = models.TextField(_("error"), blank=True)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("WeCom inbound message")
        verbose_name_plural = _("WeCom inbound messages")

    def __str__(self) -> str:
        return f"{self.kind} from {self.from_userid}: {self.status}"
