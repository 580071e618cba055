"""Stored scores: one row per answer × dimension × rubric version × scorer version, and numbered score versions
per session.

Scores are append-only and reproducible: each keeps the scorer's name and version, the exact rubric version used,
the scorer's whole serialised output (key-point statuses, evidence, points lost, features, reasons, the inputs it
was given such as the cohort average) and a digest of the inputs it saw. A new rubric or scorer version adds rows
next to the old ones, and a re-score adds a session score version next to the old ones.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
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


class RescoreBatch(models.Model):
    """HR's request to re-score a set of interviews with the current rubrics and scorer, and how it went."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        FINISHED_WITH_FAILURES = "finished_with_failures", _("Finished with failures")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rescore_batches",
    )
    # What HR picked: {"template_id", "job_profile_id", "session_ids"}; kept as asked, for the record.
    filter = models.JSONField(_("filter"), default=dict)
    # The interviews the filter matched when HR confirmed; the task works on exactly these.
    session_ids = models.JSONField(_("interviews"), default=list)
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.PENDING)
    total = models.PositiveIntegerField(_("interviews"), default=0)
    rescored = models.PositiveIntegerField(_("re-scored"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    # One entry per processed interview, keyed by its id: {"outcome", "version", "error"}.
    results = models.JSONField(_("results"), default=dict)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("re-score batch")
        verbose_name_plural = _("re-score batches")

    def __str__(self) -> str:
        return f"re-score #{self.pk} ({self.status})"


class SessionScore(models.Model):
    """One numbered score version of an interview: the job profile's weighted mean of its dimension scores, and
    pass/fail, computed by one scorer version from one set of rubric versions."""

    class Reason(models.TextChoices):
        INITIAL = "initial", _("Initial scoring")
        RESCORE = "rescore", _("Re-score")

    session = models.ForeignKey("interviews.InterviewSession", on_delete=models.CASCADE, related_name="scores")
    # Numbered per interview on creation (see save): 1, 2, … in the order the versions were made.
    version = models.PositiveIntegerField(_("version"))
    scorer_name = models.CharField(_("scorer"), max_length=100)
    scorer_version = models.CharField(_("scorer version"), max_length=20)
    # Exactly which rubric version judged each question × dimension:
    # [{"question", "dimension", "version", "rubric"}] sorted by question and dimension.
    rubric_versions = models.JSONField(_("rubric versions"), default=list)
    # sha256 of the scorer and the rubric ids: the same scorer and rubric set is the same version.
    rubric_set_digest = models.CharField(_("rubric set digest"), max_length=64, default="")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, default=Reason.INITIAL)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    batch = models.ForeignKey(
        RescoreBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="session_scores"
    )
    overall = models.FloatField(_("overall score"), validators=SCORE_VALIDATORS)
    passed = models.BooleanField(_("passed"))
    threshold = models.FloatField(_("pass threshold"), validators=SCORE_VALIDATORS)
    dimensions = models.JSONField(_("dimension scores"), default=dict)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["session", "-version"]
        verbose_name = _("session score")
        verbose_name_plural = _("session scores")
        constraints = [
            models.UniqueConstraint(fields=["session", "version"], name="assessments_session_score_version"),
            models.UniqueConstraint(
                fields=["session", "scorer_name", "scorer_version", "rubric_set_digest"],
                name="assessments_session_score_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session_id} v{self.version} {self.overall} ({self.scorer_name}.{self.scorer_version})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A new version takes the interview's next number; callers that may race lock the interview first
        # (assessments.services.scores.session_score), and the unique constraint refuses a duplicate regardless.
        if self._state.adding and not self.version:
            last = SessionScore.objects.filter(session_id=self.session_id).aggregate(last=models.Max("version"))
            self.version = (last["last"] or 0) + 1
        super().save(*args, **kwargs)


class HumanRating(models.Model):
    """One person's 1–5 level for one answer on one dimension, on the dimension's anchored scale.

    One row per answer × dimension × rater: rating again updates the row, and the audit log keeps the old value.
    """

    answer = models.ForeignKey("interviews.Answer", on_delete=models.CASCADE, related_name="human_ratings")
    dimension = models.ForeignKey("competencies.Dimension", on_delete=models.PROTECT, related_name="human_ratings")
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("rater"), on_delete=models.PROTECT, related_name="human_ratings"
    )
    level = models.PositiveSmallIntegerField(_("level"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    note = models.TextField(_("note"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["answer", "dimension__code", "created_at", "pk"]
        verbose_name = _("human rating")
        verbose_name_plural = _("human ratings")
        constraints = [
            models.UniqueConstraint(fields=["answer", "dimension", "rater"], name="assessments_human_rating_once"),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5), name="assessments_human_rating_level_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.answer_id} · {self.dimension_id} = {self.level} ({self.rater_id})"


class Calibration(models.Model):
    """A monotone map from one scorer version's raw 0–100 score to the human 1–5 scale, fitted on human ratings.

    Its scope is a question (every rated answer to it) or a dimension across a job profile (every rated answer on
    that dimension in interviews built from the profile). One row per scope × scorer version, refitted in place as
    ratings arrive; ``parameters`` is `talentloop.scoring.calibration.IsotonicCalibration.to_dict()`'s output.
    """

    class Scope(models.TextChoices):
        QUESTION = "question", _("Question")
        PROFILE_DIMENSION = "profile_dimension", _("Dimension in a job profile")

    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    question = models.ForeignKey(
        "questionbank.Question", null=True, blank=True, on_delete=models.CASCADE, related_name="calibrations"
    )
    job_profile = models.ForeignKey(
        "competencies.JobProfile", null=True, blank=True, on_delete=models.CASCADE, related_name="calibrations"
    )
    dimension = models.ForeignKey(
        "competencies.Dimension", null=True, blank=True, on_delete=models.CASCADE, related_name="calibrations"
    )
    scorer_name = models.CharField(_("scorer"), max_length=100)
    scorer_version = models.CharField(_("scorer version"), max_length=20)
    parameters = models.JSONField(_("fitted parameters"), default=dict)
    rating_count = models.PositiveIntegerField(_("number of ratings"))
    fitted_at = models.DateTimeField(_("fitted at"))

    class Meta:
        ordering = ["scope", "pk"]
        verbose_name = _("calibration")
        verbose_name_plural = _("calibrations")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "scorer_name", "scorer_version"],
                condition=models.Q(scope="question"),
                name="assessments_calibration_question_once",
            ),
            models.UniqueConstraint(
                fields=["job_profile", "dimension", "scorer_name", "scorer_version"],
                condition=models.Q(scope="profile_dimension"),
                name="assessments_calibration_profile_dimension_once",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(scope="question", question__isnull=False, job_profile__isnull=True, dimension__isnull=True)
                    | models.Q(
                        scope="profile_dimension",
                        question__isnull=True,
                        job_profile__isnull=False,
                        dimension__isnull=False,
                    )
                ),
                name="assessments_calibration_scope_fields",
            ),
        ]

    def __str__(self) -> str:
        target = self.question_id or f"{self.job_profile_id}/{self.dimension_id}"
        return f"{self.scope} {target} {self.scorer_name}.{self.scorer_version} (n={self.rating_count})"
