"""Openings and the applications to them: the first slice of the recruitment pipeline.

An opening is a role the company is hiring for (position, department, job profile, hiring manager, headcount) with
the AI interview template every applicant takes. ``internal`` makes it visible to employees in the portal's
"Internal opportunities". An application is one person applying to one opening; it keeps the interview invitation
it led to, so the employee takes the same structured interview, and gets the same report and growth path, as an
external candidate. Configurable stages, scorecards and the careers page come with the full pipeline.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from talentloop.core.models import TimeStampedModel

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
    description = models.TextField(_("description"), blank=True)
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


class Application(TimeStampedModel):
    class Source(models.TextChoices):
        INTERNAL = "internal", _("Internal")
        EXTERNAL = "external", _("External")

    class Status(models.TextChoices):
        AI_INTERVIEW = "ai_interview", _("AI interview")
        WITHDRAWN = "withdrawn", _("Withdrawn")

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
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.AI_INTERVIEW)
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

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(fields=["opening", "person"], name="recruitment_application_once_per_opening")
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.opening}"
