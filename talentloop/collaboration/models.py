"""Discussion on an interview: comments on the whole interview, on one answer or on one dimension's score, in
threads (a comment and its replies), with @mentions of colleagues and quoted answer snippets.

A quote is copied into the comment when it is written (``quote``), so a later re-score or edit never changes what
was quoted. A deleted comment keeps its row (``deleted_at``, body emptied) so the thread stays readable.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
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
