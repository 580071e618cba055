"""Discussion on an interview: comments on the whole interview, on one answer or on one dimension's score, in
threads (a comment and its replies), with @mentions of colleagues and quoted answer snippets. Below them, the
candidate ↔ HR message threads of the self-service portal (``MessageThread``, ``Message``).

A quote is copied into the comment when it is written (``quote``), so a later re-score or edit never changes what
was quoted. A deleted comment keeps its row (``deleted_at``, body emptied) so the thread stays readable.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Comment(models.Model):
    class Target(models.TextChoices):
        SESSION = "session", _("The interview")
        ANSWER = "answer", _("An answer")
        DIMENSION = "dimension", _("A dimension's score")

    session = models.ForeignKey(
        "interviews.InterviewSession", on_delete=models.CASCADE, related_name="comments", verbose_name=_("interview")
    )
    target = models.CharField(_("about"), max_length=20, choices=Target.choices, default=Target.SESSION)
    answer = models.ForeignKey(
        "interviews.Answer", null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    # Dimensions are scored per interview by code (SessionScore.dimensions); the code names the row commented on.
    dimension_code = models.CharField(_("dimension"), max_length=64, blank=True)
    # Replies hang off the thread's first comment; a thread is one level deep.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies", verbose_name=_("reply to")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interview_comments",
        verbose_name=_("author"),
    )
    body = models.TextField(_("comment"), blank=True)
    # {"answer": id, "order": n, "question": text, "snippet": text, "score_version": n|null,
    #  "scores": [{"dimension": code, "name": text, "score": number}]}
    quote = models.JSONField(_("quote"), default=dict, blank=True)
    mentioned = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="interview_comment_mentions", verbose_name=_("mentioned")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("resolved by"),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["session", "parent"], name="comment_session_thread")]

    def __str__(self) -> str:
        return f"{self.session_id} · {self.pk}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None


class MessageThread(models.Model):
    """The one conversation between a candidate and HR, inside the self-service portal.

    ``waiting_since`` is the time of the first candidate message HR has not answered yet (empty when HR spoke last):
    the console's inbox sorts by it and shows it as the waiting time."""

    person = models.OneToOneField(
        "org.Person", on_delete=models.CASCADE, related_name="message_thread", verbose_name=_("candidate")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_message_at = models.DateTimeField(_("last message at"), default=timezone.now)
    waiting_since = models.DateTimeField(_("waiting for HR since"), null=True, blank=True)

    class Meta:
        ordering = ["-last_message_at", "-pk"]
        verbose_name = _("message thread")
        verbose_name_plural = _("message threads")
        indexes = [models.Index(fields=["waiting_since"], name="message_thread_waiting")]

    def __str__(self) -> str:
        return f"{self.person_id}"


class Message(models.Model):
    """One message in a thread. ``read_at`` is when the other side first opened the thread after it was sent (the
    read receipt the writer sees)."""

    class Side(models.TextChoices):
        CANDIDATE = "candidate", _("Candidate")
        HR = "hr", _("HR")

    thread = models.ForeignKey(MessageThread, on_delete=models.CASCADE, related_name="messages")
    side = models.CharField(_("from"), max_length=20, choices=Side.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="portal_messages",
        verbose_name=_("author"),
    )
    body = models.TextField(_("message"))
    # The interview the message is about, when it was written from a report ("Ask HR about this report").
    session = models.ForeignKey(
        "interviews.InterviewSession",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("interview"),
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [models.Index(fields=["thread", "side", "read_at"], name="message_thread_unread")]

    def __str__(self) -> str:
        return f"{self.thread_id} · {self.side} · {self.pk}"
