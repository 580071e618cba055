"""Competency dimensions with behaviourally anchored levels, and job profiles (岗位画像) built from them."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from talentloop.core.models import TimeStampedModel

LEVELS = (1, 2, 3, 4, 5)
REQUIRED_ANCHOR_LEVELS = (1, 3, 5)


class Dimension(TimeStampedModel):
    """Something we assess, e.g. 沟通能力 communication. Delivery dimensions (speech rate, pauses…) describe how an
    answer was given, never how the candidate felt; they count only where a job profile weights them."""

    class Kind(models.TextChoices):
        COMPETENCY = "competency", _("Competency")
        DELIVERY = "delivery", _("Delivery")

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("English description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMPETENCY)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")

    def __str__(self) -> str:
        return self.name


class LevelAnchor(models.Model):
    """What an answer at this level looks like, in observable behaviour."""

    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="anchors")
    level = models.PositiveSmallIntegerField(_("level"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    description = models.TextField(_("description"))
    description_en = models.TextField(_("English description"), blank=True)

    class Meta:
        ordering = ["dimension", "level"]
        verbose_name = _("level anchor")
        verbose_name_plural = _("level anchors")
        constraints = [
            models.UniqueConstraint(fields=["dimension", "level"], name="competencies_anchor_unique_level"),
        ]

    def __str__(self) -> str:
        return f"{self.dimension.code} L{self.level}"


class JobProfile(TimeStampedModel):
    """What a position needs: weighted dimensions, the level required in each, and the pass threshold.
    It is the personalised interview model: templates are generated from it and scores are weighed by it."""

    position = models.OneToOneField(
        "org.Position", verbose_name=_("position"), on_delete=models.PROTECT, related_name="job_profile"
    )
    summary = models.TextField(_("what the role requires"), blank=True)
    summary_en = models.TextField(_("what the role requires (English)"), blank=True)
    pass_threshold = models.PositiveSmallIntegerField(
        _("pass threshold"), default=60, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    dimensions: models.ManyToManyField[Dimension, JobProfileDimension] = models.ManyToManyField(
        Dimension, through="JobProfileDimension", related_name="job_profiles"
    )

    class Meta:
        ordering = ["position__title"]
        verbose_name = _("job profile")
        verbose_name_plural = _("job profiles")

    def __str__(self) -> str:
        return str(self.position)


class JobProfileDimension(models.Model):
    profile = models.ForeignKey(JobProfile, on_delete=models.CASCADE, related_name="requirements")
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="requirements")
    weight = models.DecimalField(
        _("weight"), max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    required_level = models.PositiveSmallIntegerField(
        _("required level"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        ordering = ["-weight", "dimension__code"]
        verbose_name = _("profile dimension")
        verbose_name_plural = _("profile dimensions")
        constraints = [
            models.UniqueConstraint(fields=["profile", "dimension"], name="competencies_profile_unique_dimension"),
        ]

    def __str__(self) -> str:
        return f"{self.profile} · {self.dimension.code} ×{self.weight}"
