"""The learning library (培训资源库): courses, practice projects and mentors, each tagged with the competency
dimensions and the levels (from–to, 1–5) it develops.

Items are never deleted once a growth path points at them: HR deactivates them, so a candidate's path keeps
showing what was recommended and new paths stop offering it.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from talentloop.core.models import TimeStampedModel

LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Language(models.TextChoices):
    ZH = "zh", _("Chinese")
    EN = "en", _("English")


class Course(TimeStampedModel):
    class Format(models.TextChoices):
        ONLINE = "online", _("Online course")
        CLASSROOM = "classroom", _("Classroom training")
        BOOK = "book", _("Book")
        VIDEO = "video", _("Video")

    code = models.SlugField(_("code"), max_length=50, unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("English title"), max_length=200, blank=True)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    duration_hours = models.DecimalField(
        _("duration (hours)"), max_digits=6, decimal_places=1, validators=[MinValueValidator(Decimal("0.1"))]
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    content = models.TextField(_("internal content"), blank=True)
    language = models.CharField(_("language"), max_length=5, choices=Language.choices, default=Language.ZH)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return self.title


class PracticeProject(TimeStampedModel):
    code = models.SlugField(_("code"), max_length=50, unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("English title"), max_length=200, blank=True)
    brief = models.TextField(_("brief"))
    expected_outcome = models.TextField(_("expected outcome"))
    effort_hours = models.DecimalField(
        _("effort (hours)"), max_digits=6, decimal_places=1, validators=[MinValueValidator(Decimal("0.1"))]
    )
    language = models.CharField(_("language"), max_length=5, choices=Language.choices, default=Language.ZH)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("practice project")
        verbose_name_plural = _("practice projects")

    def __str__(self) -> str:
        return self.title


class Mentor(TimeStampedModel):
    """An employee who opted in (or whom HR added) to coach others on some dimensions."""

    employee = models.OneToOneField(
        "org.Employee", verbose_name=_("employee"), on_delete=models.PROTECT, related_name="mentor"
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity (mentees at a time)"), default=2, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    introduction = models.TextField(_("introduction"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["employee__employee_number"]
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")

    def __str__(self) -> str:
        return self.employee.person.full_name


class LearningTarget(models.Model):
    """One dimension an item develops, from one level to another. Exactly one of course, project and mentor."""

    dimension = models.ForeignKey("competencies.Dimension", on_delete=models.PROTECT, related_name="learning_targets")
    level_from = models.PositiveSmallIntegerField(_("from level"), validators=LEVEL_VALIDATORS)
    level_to = models.PositiveSmallIntegerField(_("to level"), validators=LEVEL_VALIDATORS)
    course = models.ForeignKey(Course, null=True, blank=True, on_delete=models.CASCADE, related_name="targets")
    project = models.ForeignKey(
        PracticeProject, null=True, blank=True, on_delete=models.CASCADE, related_name="targets"
    )
    mentor = models.ForeignKey(Mentor, null=True, blank=True, on_delete=models.CASCADE, related_name="targets")

    class Meta:
        ordering = ["dimension__code", "level_from", "level_to"]
        verbose_name = _("learning target")
        verbose_name_plural = _("learning targets")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(course__isnull=False, project__isnull=True, mentor__isnull=True)
                    | Q(course__isnull=True, project__isnull=False, mentor__isnull=True)
                    | Q(course__isnull=True, project__isnull=True, mentor__isnull=False)
                ),
                name="learning_target_one_item",
            ),
            models.CheckConstraint(
                condition=Q(level_from__lt=models.F("level_to")), name="learning_target_levels_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension_id} L{self.level_from}→L{self.level_to}"
