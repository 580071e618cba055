"""The feedback app's models. Several streams add to this file; each keeps its models under its own heading."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from talentloop.core.models import TimeStampedModel

# ---------------------------------------------------------------------------------------------------------------
# Explanation and human review (PIPL Art. 24; EU AI Act Art. 86)
# ---------------------------------------------------------------------------------------------------------------

REVIEW_TEXT_MAX_LENGTH = 2000


class ReviewRequest(TimeStampedModel):
    """A candidate's request about one scored interview: an explanation, or a human review of the AI decision.

    The request is HR's task (with its due date) until it is resolved. A resolved human review *is* the human
    decision on the interview's outcome: ``decision``, ``response`` (the reason), ``resolved_by`` and
    ``resolved_at`` say what was decided, why, by whom and when; everywhere the outcome is shown it replaces the AI
    outcome (``feedback.review_selectors.interview_outcome_get``).
    """

    class Kind(models.TextChoices):
        EXPLANATION = "explanation", _("Explanation")
        HUMAN_REVIEW = "human_review", _("Human review")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    class Decision(models.TextChoices):
        UPHOLD = "uphold", _("Uphold the decision")
        OVERTURN_PASS = "overturn_pass", _("Overturn: passed")
        NEW_INTERVIEW = "new_interview", _("Ask for a new interview")

    session = models.ForeignKey("interviews.InterviewSession", on_delete=models.CASCADE, related_name="review_requests")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    text = models.TextField(_("question or reason"), max_length=REVIEW_TEXT_MAX_LENGTH)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="review_requests",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"))
    due_at = models.DateTimeField(_("due"), db_index=True)
    # The AI outcome the candidate saw when asking, kept so the decision can be read against it later.
    ai_overall = models.FloatField(_("AI overall score"))
    ai_passed = models.BooleanField(_("AI passed"))
    response = models.TextField(_("answer or reason"), blank=True, max_length=REVIEW_TEXT_MAX_LENGTH)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    notified_at = models.DateTimeField(_("candidate notified at"), null=True, blank=True)

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("review request")
        verbose_name_plural = _("review requests")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "kind"], condition=Q(status="open"), name="feedback_review_request_one_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} · {self.session_id}"
