"""Stored scores: one row per answer × dimension × rubric version × scorer version, and one per session × scorer.

Scores are append-only and reproducible: each keeps the scorer's name and version, the exact rubric version the
answer was given, the scorer's whole serialised output (key-point statuses, evidence, points lost, features,
reasons) and a digest of the inputs it saw. A new rubric or scorer version adds rows next to the old ones.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

SCORE_VALIDATORS = [MinValueValidator(0.0), MaxValueValidator(100.0)]


class AnswerScore(models.Model):
    """How one answer did on one dimension, judged by one rubric version and one scorer version."""

    answer = models.ForeignKey("interviews.Answer", on_delete=models.CASCADE, related_name="scores")
    dimension = models.ForeignKey("competencies.Dimension", on_delete=models.PROTECT, related_name="answer_scores")
    rubric = models.ForeignKey("questionbank.Rubric", on_delete=models.PROTECT, related_name="answer_scores")
    scorer_name = models.CharField(_("scorer"), max_length=100)
    scorer_version = models.CharField(_("scorer version"), max_length=20)
    score = models.FloatField(_("score"), validators=SCORE_VALIDATORS)
    result = models.JSONField(_("scorer output"), default=dict)
    inputs_digest = models.CharField(_("inputs digest"), max_length=64)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["answer", "dimension__code", "-created_at"]
        verbose_name = _("answer score")
        verbose_name_plural = _("answer scores")
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "dimension", "scorer_name", "scorer_version", "rubric"],
                name="assessments_answer_score_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.answer_id} · {self.dimension_id} {self.score} ({self.scorer_name}.{self.scorer_version})"


class SessionScore(models.Model):
    """The interview's overall score: the job profile's weighted mean of its dimension scores, and pass/fail."""

    session = models.ForeignKey("interviews.InterviewSession", on_delete=models.CASCADE, related_name="scores")
    scorer_name = models.CharField(_("scorer"), max_length=100)
    scorer_version = models.CharField(_("scorer version"), max_length=20)
    overall = models.FloatField(_("overall score"), validators=SCORE_VALIDATORS)
    passed = models.BooleanField(_("passed"))
    threshold = models.FloatField(_("pass threshold"), validators=SCORE_VALIDATORS)
    dimensions = models.JSONField(_("dimension scores"), default=dict)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["session", "-created_at"]
        verbose_name = _("session score")
        verbose_name_plural = _("session scores")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "scorer_name", "scorer_version"], name="assessments_session_score_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session_id} {self.overall} ({self.scorer_name}.{self.scorer_version})"
