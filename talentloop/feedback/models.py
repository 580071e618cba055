"""The candidate report: a stored, versioned snapshot of one session score, and who may see what of it.

A ``Report`` is built once per ``assessments.SessionScore``: re-scoring an interview adds a score version, and the
next build adds a report version next to the old one, so what HR released, and what a later human review looks at,
stays exactly what it was. A ``ReportPolicy`` (one per job profile) says what the candidate's view shows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    """The facts of one scored interview, frozen: scores, lost points with tips, evidence, notes, requirements.

    ``content`` is language-neutral (names, summaries, anchors, key points and tips in both languages; notes as
    codes with numbers) so the same snapshot renders in Chinese and English."""

    session = models.ForeignKey("interviews.InterviewSession", on_delete=models.CASCADE, related_name="reports")
    session_score = models.OneToOneField(
        "assessments.SessionScore", on_delete=models.RESTRICT, related_name="report", verbose_name=_("session score")
    )
    version = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"), default=dict)
    built_at = models.DateTimeField(_("built at"), auto_now_add=True)
    released_at = models.DateTimeField(_("released to the candidate at"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("released by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["session", "-version"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [models.UniqueConstraint(fields=["session", "version"], name="feedback_report_version_once")]

    def __str__(self) -> str:
        return f"{self.session_id} v{self.version}"


class ReportPolicy(models.Model):
    """What candidates of one job profile may see of their report. HR edits it; no row means the defaults."""

    class ScoreDisplay(models.TextChoices):
        SCORES = "scores", _("Scores (0–100)")
        BANDS = "bands", _("Levels (1–5) only")

    class Release(models.TextChoices):
        AUTOMATIC = "automatic", _("As soon as it is scored")
        AFTER_HR_RELEASE = "after_hr_release", _("After HR releases it")

    job_profile = models.OneToOneField(
        "competencies.JobProfile",
        verbose_name=_("job profile"),
        on_delete=models.CASCADE,
        related_name="report_policy",
    )
    score_display = models.CharField(
        _("scores shown as"), max_length=20, choices=ScoreDisplay.choices, default=ScoreDisplay.SCORES
    )
    show_overall = models.BooleanField(_("show the overall score"), default=True)
    show_evidence = models.BooleanField(_("show quotes from the answers"), default=True)
    show_delivery_notes = models.BooleanField(_("show delivery notes"), default=True)
    release = models.CharField(
        _("release to the candidate"), max_length=20, choices=Release.choices, default=Release.AUTOMATIC
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("report visibility policy")
        verbose_name_plural = _("report visibility policies")

    def __str__(self) -> str:
        return f"{self.job_profile_id} {self.score_display}"
