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


class ResultShare(models.Model):
    """HR sends an interview's result card to a hiring manager, who answers it once (``ManagerResponse``).

    The card's words are copied when it is shared (``snippets``, ``card``), so a later re-score does not change what
    the manager was shown. Sharing is what lets the manager see the interview: they are assigned to the candidate
    (``org.services.candidate_colleague_assign``, audited) when the department rule alone would not show it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for the manager")
        ANSWERED = "answered", _("Answered")

    session = models.ForeignKey(
        "interviews.InterviewSession",
        on_delete=models.CASCADE,
        related_name="result_shares",
        verbose_name=_("interview"),
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="result_shares_sent",
        verbose_name=_("shared by"),
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="result_shares_received",
        verbose_name=_("hiring manager"),
    )
    note = models.TextField(_("note"), blank=True)
    # [{"answer": id, "order": n, "question": text, "snippet": text, "score_version": n, "scores": [...]}]
    snippets = models.JSONField(_("answer snippets"), default=list)
    # The card as sent: {"title", "description", "fields", "quote", "buttons", "dimensions", "overall", ...}
    card = models.JSONField(_("result card"), default=dict)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("shared at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("shared result")
        verbose_name_plural = _("shared results")
        indexes = [models.Index(fields=["manager", "status"], name="result_share_manager_status")]

    def __str__(self) -> str:
        return f"{self.session_id} → {self.manager_id}"


class ManagerResponse(models.Model):
    """A hiring manager's one answer to a shared result: advance, reject, or a supplementary interview on some
    dimensions; on the web or by a WeCom card button."""

    class Decision(models.TextChoices):
        ADVANCE = "advance", _("Advance")
        REJECT = "reject", _("Reject")
        SUPPLEMENTARY = "supplementary", _("Supplementary interview")

    class Channel(models.TextChoices):
        WEB = "web", _("Web")
        WECOM = "wecom", _("WeCom")

    share = models.ForeignKey(ResultShare, on_delete=models.CASCADE, related_name="responses", verbose_name=_("share"))
    responder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("answered by")
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    dimensions = models.JSONField(_("dimensions"), default=list, blank=True)
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("comment")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    created_at = models.DateTimeField(_("answered at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("manager's answer")
        verbose_name_plural = _("managers' answers")
        constraints = [models.UniqueConstraint(fields=["share", "responder"], name="manager_response_once_per_share")]

    def __str__(self) -> str:
        return f"{self.share_id} · {self.decision}"


class HrTask(models.Model):
    """Work for HR that a manager's answer set off: today, scheduling a supplementary interview on the requested
    dimensions."""

    class Kind(models.TextChoices):
        SUPPLEMENTARY_INTERVIEW = "supplementary_interview", _("Schedule a supplementary interview")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        SCHEDULED = "scheduled", _("Scheduled")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices, default=Kind.SUPPLEMENTARY_INTERVIEW)
    session = models.ForeignKey(
        "interviews.InterviewSession", on_delete=models.CASCADE, related_name="hr_tasks", verbose_name=_("interview")
    )
    share = models.ForeignKey(
        ResultShare, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks", verbose_name=_("share")
    )
    focus_dimensions = models.JSONField(_("focus dimensions"), default=list)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hr_tasks",
        verbose_name=_("assignee"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    invitation = models.ForeignKey(
        "interviews.Invitation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("supplementary interview"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("HR task")
        verbose_name_plural = _("HR tasks")
        indexes = [models.Index(fields=["status", "created_at"], name="hr_task_status_created")]

    def __str__(self) -> str:
        return f"{self.kind} · {self.session_id} · {self.status}"
