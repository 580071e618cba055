"""Openings and the applications to them: the first slice of the recruitment pipeline.

An opening is a role the company is hiring for (position, department, job profile, hiring manager, headcount) with
the AI interview template every applicant takes. ``internal`` makes it visible to employees in the portal's
"Internal opportunities". An application is one person applying to one opening; it keeps the interview invitation
it led to, so the employee takes the same structured interview, and gets the same report and growth path, as an
external candidate. ``public`` lists it on the careers site, where anyone applies with a résumé (``Resume``: the
uploaded file, its extracted text and structured features); an applicant whose email matches one person and whose
mobile another is flagged as a ``PossibleDuplicate`` for HR.

The pipeline: every opening has its ordered stages (``PipelineStage``, default 简历筛选 → AI 面试 → 部门复试 →
背景调查 → Offer → 入职, which HR can rename, reorder, add to and remove from). An active application sits at one
stage; every move, rejection and hire is a ``StageMove`` row (actor None = automatic). Human interview rounds are
judged with ``Scorecard``s rated 1–5 on the job profile's dimensions, the same anchored scale as the AI interview.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from talentloop.core.models import TimeStampedModel
from talentloop.recruitment import resume_text

MAX_HEADCOUNT = 999
MAX_MOTIVATION_CHARACTERS = 1000


class Opening(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    company = models.ForeignKey("org.Company", on_delete=models.PROTECT, related_name="openings")
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("English title"), max_length=200, blank=True)
    position = models.ForeignKey(
        "org.Position", verbose_name=_("position"), on_delete=models.PROTECT, related_name="openings"
    )
    # The position's department when the opening was saved: hiring managers see openings in their subtree.
    department = models.ForeignKey(
        "org.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="openings"
    )
    job_profile = models.ForeignKey(
        "competencies.JobProfile",
        verbose_name=_("job profile"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="openings",
    )
    interview_template = models.ForeignKey(
        "interviews.InterviewTemplate",
        verbose_name=_("AI interview template"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="openings",
    )
    hiring_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hiring manager"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="managed_openings",
    )
    headcount = models.PositiveSmallIntegerField(
        _("headcount"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_HEADCOUNT)]
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    internal = models.BooleanField(
        _("open to internal applicants"),
        default=False,
        help_text=_("Employees see it under Internal opportunities in the portal and can apply."),
    )
    # Listed on the public careers site and open to applications from anyone (docs/decisions/0029). New openings
    # are public; an internal-only opening is ``internal`` and not ``public``.
    public = models.BooleanField(
        _("listed on the careers site"),
        default=True,
        help_text=_("Anyone can see it on the public careers page and apply with a résumé."),
    )
    description = models.TextField(_("description"), blank=True)
    auto_advance_on_ai_pass = models.BooleanField(
        _("advance automatically when the AI interview is passed"),
        default=False,
        help_text=_(
            "A passed AI interview moves the application to the next stage. A failed one is never rejected "
            "automatically, and nothing automatic happens when the candidate asked for a human review."
        ),
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("opening")
        verbose_name_plural = _("openings")

    def __str__(self) -> str:
        return self.title


class PipelineStage(models.Model):
    """One step of an opening's pipeline. ``name`` is the (Chinese / default) label, ``name_en`` the English one."""

    class Kind(models.TextChoices):
        SCREENING = "screening", _("Screening")
        AI_INTERVIEW = "ai_interview", _("AI interview")
        HUMAN_INTERVIEW = "human_interview", _("Human interview")
        BACKGROUND_CHECK = "background_check", _("Background check")
        OFFER = "offer", _("Offer")
        HIRED = "hired", _("Hired")

    opening = models.ForeignKey(Opening, verbose_name=_("opening"), on_delete=models.CASCADE, related_name="stages")
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering = ("opening", "position")
        verbose_name = _("pipeline stage")
        verbose_name_plural = _("pipeline stages")
        constraints = [
            models.UniqueConstraint(fields=["opening", "position"], name="recruitment_stage_position_once"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The name in the active language: the English name when the UI is English and one is set."""
        from django.utils.translation import get_language

        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


# (name, English name, kind) of the stages every new opening starts with.
DEFAULT_STAGES: tuple[tuple[str, str, str], ...] = (
    ("简历筛选", "Screening", PipelineStage.Kind.SCREENING),
    ("AI 面试", "AI interview", PipelineStage.Kind.AI_INTERVIEW),
    ("部门复试", "Department interview", PipelineStage.Kind.HUMAN_INTERVIEW),
    ("背景调查", "Background check", PipelineStage.Kind.BACKGROUND_CHECK),
    ("Offer", "Offer", PipelineStage.Kind.OFFER),
    ("入职", "Hired", PipelineStage.Kind.HIRED),
)


class Application(TimeStampedModel):
    class Source(models.TextChoices):
        INTERNAL = "internal", _("Internal")
        EXTERNAL = "external", _("External")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        HIRED = "hired", _("Hired")

    class RejectionReason(models.TextChoices):
        SKILLS_GAP = "skills_gap", _("Skills do not match the role yet")
        EXPERIENCE = "experience", _("Experience does not match the role")
        COMPENSATION = "compensation", _("Compensation expectations do not match")
        POSITION_FILLED = "position_filled", _("Position filled")
        CANDIDATE_DECLINED = "candidate_declined", _("Candidate declined")
        UNREACHABLE = "unreachable", _("Candidate could not be reached")
        OTHER = "other", _("Other (see note)")

    opening = models.ForeignKey(
        Opening, verbose_name=_("opening"), on_delete=models.PROTECT, related_name="applications"
    )
    person = models.ForeignKey(
        "org.Person", verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="applications"
    )
    # The candidate record the interview invitation is addressed to (an employee gets one when first applying).
    candidate = models.ForeignKey(
        "org.Candidate", verbose_name=_("candidate"), on_delete=models.PROTECT, related_name="applications"
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    stage = models.ForeignKey(
        PipelineStage,
        verbose_name=_("stage"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    stage_entered_at = models.DateTimeField(_("in this stage since"), null=True, blank=True)
    rejection_reason = models.CharField(
        _("rejection reason"), max_length=30, choices=RejectionReason.choices, blank=True
    )
    rejection_note = models.TextField(_("rejection note"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    motivation = models.TextField(_("motivation"), blank=True)
    invitation = models.OneToOneField(
        "interviews.Invitation",
        verbose_name=_("AI interview invitation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="application",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    # When an external applicant ticked the data-processing consent (PIPL) on the careers page.
    consented_at = models.DateTimeField(_("data processing consented at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(fields=["opening", "person"], name="recruitment_application_once_per_opening")
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.opening}"


class StageMove(models.Model):
    """One step in an application's history: a move between stages, a rejection, a hire or a withdrawal.

    ``actor`` None means the system did it (the AI-interview auto-advance). ``reason`` is the rejection reason for a
    rejection, else blank (or a machine note of why automation did nothing, with no stage change)."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="moves"
    )
    from_stage = models.ForeignKey(
        PipelineStage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("from")
    )
    to_stage = models.ForeignKey(
        PipelineStage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("to")
    )
    from_status = models.CharField(_("status before"), max_length=20, choices=Application.Status.choices)
    to_status = models.CharField(_("status after"), max_length=20, choices=Application.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=40, blank=True)
    note = models.TextField(_("note"), blank=True)
    moved_at = models.DateTimeField(_("moved at"))

    class Meta:
        ordering = ("moved_at", "pk")
        verbose_name = _("stage move")
        verbose_name_plural = _("stage moves")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_stage_id}/{self.from_status} → {self.to_stage_id}/{self.to_status}"


class Scorecard(models.Model):
    """An interviewer's judgement of one human interview round, on the job profile's dimensions (1–5 anchored)."""

    class Recommendation(models.TextChoices):
        STRONG_NO = "strong_no", _("Strong no")
        NO = "no", _("No")
        YES = "yes", _("Yes")
        STRONG_YES = "strong_yes", _("Strong yes")

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="scorecards"
    )
    stage = models.ForeignKey(PipelineStage, verbose_name=_("stage"), on_delete=models.PROTECT, related_name="+")
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("interviewer"), on_delete=models.PROTECT, related_name="scorecards"
    )
    recommendation = models.CharField(_("recommendation"), max_length=20, choices=Recommendation.choices)
    notes = models.TextField(_("notes"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        ordering = ("submitted_at", "pk")
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")

    def __str__(self) -> str:
        return f"{self.application_id} · {self.interviewer_id} · {self.recommendation}"


class ScorecardRating(models.Model):
    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="ratings")
    dimension = models.ForeignKey(
        "competencies.Dimension", verbose_name=_("dimension"), on_delete=models.PROTECT, related_name="+"
    )
    rating = models.PositiveSmallIntegerField(_("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ("scorecard", "dimension")
        verbose_name = _("scorecard rating")
        verbose_name_plural = _("scorecard ratings")
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "dimension"], name="recruitment_scorecard_rating_once"),
        ]

    def __str__(self) -> str:
        return f"{self.scorecard_id} · {self.dimension_id}: {self.rating}"


def resume_upload_path(instance: Resume, filename: str) -> str:
    """A random name under ``resumes/``: the applicant's file name is kept in ``original_name`` only."""
    return f"resumes/{secrets.token_hex(16)}{resume_text.EXTENSIONS.get(instance.content_type, '')}"


class Resume(TimeStampedModel):
    """A résumé uploaded with an application, its extracted text (searched by HR) and structured features.

    Extraction runs after the application commits (``recruitment.tasks.extract_resume_text_task``); until then
    ``extracted_at`` is empty, and a file that cannot be read keeps the application with ``extraction_error`` set."""

    PDF = resume_text.PDF
    DOCX = resume_text.DOCX
    CONTENT_TYPES = ((PDF, "PDF"), (DOCX, "DOCX"))

    application = models.OneToOneField(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="resume"
    )
    person = models.ForeignKey(
        "org.Person", verbose_name=_("applicant"), on_delete=models.CASCADE, related_name="resumes"
    )
    file = models.FileField(_("file"), upload_to=resume_upload_path, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100, choices=CONTENT_TYPES)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    text = models.TextField(_("extracted text"), blank=True)
    # {"years_of_experience": {"value": 5, "rule": "..."}, "highest_degree": {"value": "master", "rule": "..."}}
    features = models.JSONField(_("structured features"), default=dict, blank=True)
    extracted_at = models.DateTimeField(_("extracted at"), null=True, blank=True)
    extraction_error = models.CharField(_("extraction error"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("résumé")
        verbose_name_plural = _("résumés")

    def __str__(self) -> str:
        return self.original_name


class PossibleDuplicate(TimeStampedModel):
    """Two people who may be one: an applicant's email matched ``person`` and their mobile ``other_person``.

    The application was linked to ``person``; HR looks at the pair and dismisses it (merging is not offered)."""

    class Status(models.TextChoices):
        OPEN = "open", _("To review")
        DISMISSED = "dismissed", _("Dismissed")

    person = models.ForeignKey(
        "org.Person", verbose_name=_("person (email match)"), on_delete=models.CASCADE, related_name="+"
    )
    other_person = models.ForeignKey(
        "org.Person", verbose_name=_("person (mobile match)"), on_delete=models.CASCADE, related_name="+"
    )
    application = models.ForeignKey(
        Application, verbose_name=_("application"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        constraints = [
            models.UniqueConstraint(fields=["person", "other_person"], name="recruitment_possible_duplicate_once")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} ~ {self.other_person_id}"
