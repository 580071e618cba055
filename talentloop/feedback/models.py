"""The candidate report: a stored, versioned snapshot of one session score, and who may see what of it.

A ``Report`` is built once per ``assessments.SessionScore``: re-scoring an interview adds a score version, and the
next build adds a report version next to the old one, so what HR released, and what a later human review looks at,
stays exactly what it was. A ``ReportPolicy`` (one per job profile) says what the candidate's view shows.

Growth paths: the ranked improvement actions built once from a scored interview (``GrowthPath``, ``GrowthPathItem``).

Coming back stronger: when and how a candidate who did not pass may interview again for the same job profile
(``ReapplicationPolicy``), and each re-application, from the failed interview to the new one (``Reapplication``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from talentloop.core.models import TimeStampedModel


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


# Growth paths ---------------------------------------------------------------------------------------------------


class GrowthPath(TimeStampedModel):
    """One person's path for one interview, built from one stored session score. Built once (idempotent); rebuilt
    only on request, keeping the progress of actions that survive the rebuild."""

    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="growth_paths")
    session = models.OneToOneField("interviews.InterviewSession", on_delete=models.PROTECT, related_name="growth_path")
    session_score = models.ForeignKey("assessments.SessionScore", on_delete=models.PROTECT, related_name="growth_paths")
    gaps = models.JSONField(_("gaps"), default=list)
    built_at = models.DateTimeField(_("built at"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("growth path")
        verbose_name_plural = _("growth paths")

    def __str__(self) -> str:
        return f"{self.person} · {self.session_id}"


class GrowthPathItem(TimeStampedModel):
    class Kind(models.TextChoices):
        TIP = "tip", _("Tip")
        COURSE = "course", _("Course")
        PROJECT = "project", _("Practice project")
        MENTOR = "mentor", _("Mentor")

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        ENROLLED = "enrolled", _("Enrolled")
        DONE = "done", _("Done")

    path = models.ForeignKey(GrowthPath, on_delete=models.CASCADE, related_name="items")
    rank = models.PositiveSmallIntegerField(_("rank"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    dimension = models.ForeignKey("competencies.Dimension", on_delete=models.PROTECT, related_name="+")
    course = models.ForeignKey("learning.Course", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    project = models.ForeignKey(
        "learning.PracticeProject", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    mentor = models.ForeignKey("learning.Mentor", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    key_point = models.CharField(_("key point"), max_length=300, blank=True)
    explanation = models.TextField(_("explanation"))
    explanation_en = models.TextField(_("English explanation"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    note = models.TextField(_("note"), blank=True)
    evidence_text = models.TextField(_("completion evidence"), blank=True)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    enrolled_at = models.DateTimeField(_("enrolled at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        ordering = ["path", "rank"]
        verbose_name = _("growth path item")
        verbose_name_plural = _("growth path items")
        constraints = [models.UniqueConstraint(fields=["path", "rank"], name="feedback_growth_item_rank")]

    def __str__(self) -> str:
        return f"{self.path_id} #{self.rank} {self.kind}"

    @property
    def library_item(self) -> object | None:
        return self.course or self.project or self.mentor


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


# ---------------------------------------------------------------------------------------------------------------
# Coming back stronger: re-applying after a failed interview
# ---------------------------------------------------------------------------------------------------------------

REAPPLICATION_MAX_COOLDOWN_DAYS = 730


class ReapplicationPolicy(models.Model):
    """When candidates of one job profile who did not pass may interview again. HR edits it next to the report
    policy; no row means the defaults (re-applying allowed after 90 days, not earlier)."""

    job_profile = models.OneToOneField(
        "competencies.JobProfile",
        verbose_name=_("job profile"),
        on_delete=models.CASCADE,
        related_name="reapplication_policy",
    )
    is_open = models.BooleanField(_("candidates who did not pass may re-apply"), default=True)
    cooldown_days = models.PositiveSmallIntegerField(
        _("cool-down period (days)"), default=90, validators=[MaxValueValidator(REAPPLICATION_MAX_COOLDOWN_DAYS)]
    )
    early_after_growth_path = models.BooleanField(
        _("earlier, once the growth path for the weak dimensions is complete"), default=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("re-application policy")
        verbose_name_plural = _("re-application policies")

    def __str__(self) -> str:
        return f"{self.job_profile_id} {self.cooldown_days}d"


class Reapplication(TimeStampedModel):
    """A candidate re-applying after an interview they did not pass: the failed interview, the new invitation made
    for them, why they could re-apply then, and the weak dimensions the new interview emphasises.

    Where the re-application stands (invited, in progress, passed…) is read from the new interview each time
    (``feedback.reapplication_selectors``), so it can never disagree with the interview room."""

    class Basis(models.TextChoices):
        COOLDOWN_OVER = "cooldown_over", _("The cool-down period was over")
        GROWTH_PATH_COMPLETE = "growth_path_complete", _("The growth path was complete")

    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="reapplications")
    job_profile = models.ForeignKey(
        "competencies.JobProfile", verbose_name=_("job profile"), on_delete=models.PROTECT, related_name="+"
    )
    previous_session = models.OneToOneField(
        "interviews.InterviewSession",
        verbose_name=_("interview not passed"),
        on_delete=models.PROTECT,
        related_name="reapplication",
    )
    invitation = models.OneToOneField(
        "interviews.Invitation",
        verbose_name=_("new interview"),
        on_delete=models.PROTECT,
        related_name="reapplied_from",
    )
    basis = models.CharField(_("re-applied because"), max_length=30, choices=Basis.choices)
    weak_dimensions = models.JSONField(_("weak dimensions"), default=list)
    question_codes = models.JSONField(_("questions"), default=list)
    repeated_question_codes = models.JSONField(_("questions asked again"), default=list)
    requested_at = models.DateTimeField(_("re-applied at"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("re-applied by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("re-application")
        verbose_name_plural = _("re-applications")

    def __str__(self) -> str:
        return f"{self.person_id} · {self.previous_session_id} → {self.invitation_id}"
