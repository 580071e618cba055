"""Questions and their versioned rubrics.

A rubric says, for one question and one dimension, which key points a good answer makes. Rubrics are never
edited in place: a revision is a new version, and an answer keeps the version it was given, so every score can be
explained against the exact rubric that produced it.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from talentloop.core.models import TimeStampedModel


class Question(TimeStampedModel):
    class Kind(models.TextChoices):
        BEHAVIOURAL = "behavioural", _("Behavioural")
        SITUATIONAL = "situational", _("Situational")
        TECHNICAL = "technical", _("Technical")

    code = models.SlugField(_("code"), max_length=80, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("question (Chinese)"), blank=True)
    text_en = models.TextField(_("question (English)"), blank=True)
    reference_answer = models.TextField(_("reference answer"), blank=True)
    positions = models.ManyToManyField(
        "org.Position",
        verbose_name=_("positions"),
        blank=True,
        related_name="questions",
        help_text=_("Positions this question was written for. Leave empty for a generic question."),
    )
    expected_answer_seconds = models.PositiveIntegerField(_("expected answer duration (s)"), default=120)
    preparation_seconds = models.PositiveIntegerField(_("preparation time (s)"), default=30)
    max_answer_seconds = models.PositiveIntegerField(_("maximum answer time (s)"), default=180)
    allowed_retries = models.PositiveSmallIntegerField(_("allowed retries"), default=1)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text or self.text_en

    def text_for(self, language: str) -> str:
        """The question in ``language``, falling back to the other language when one is missing."""
        if language.startswith("en"):
            return self.text_en or self.text
        return self.text or self.text_en


class Rubric(TimeStampedModel):
    """How answers to one question are judged on one dimension; one version of it."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="rubrics")
    dimension = models.ForeignKey("competencies.Dimension", on_delete=models.PROTECT, related_name="rubrics")
    version = models.PositiveIntegerField(_("version"))
    is_current = models.BooleanField(_("current"), default=True)
    level_anchors = models.JSONField(_("level anchors"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["question", "dimension", "-version"]
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")
        constraints = [
            models.UniqueConstraint(fields=["question", "dimension", "version"], name="questionbank_rubric_version"),
            models.UniqueConstraint(
                fields=["question", "dimension"], condition=Q(is_current=True), name="questionbank_rubric_one_current"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question.code} · {self.dimension.code} v{self.version}"


class KeyPoint(models.Model):
    """One thing a good answer says, with how to recognise it and how to improve when it is missing."""

    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="key_points")
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.CharField(_("key point"), max_length=300)
    text_en = models.CharField(_("key point (English)"), max_length=300, blank=True)
    weight = models.DecimalField(
        _("weight"), max_digits=5, decimal_places=2, default=Decimal("1"), validators=[MinValueValidator(0)]
    )
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    synonyms = models.JSONField(_("synonyms"), default=list, blank=True)
    example_phrases = models.JSONField(_("example phrases"), default=list, blank=True)
    improvement_tip = models.TextField(_("improvement tip"), blank=True)
    improvement_tip_en = models.TextField(_("improvement tip (English)"), blank=True)

    class Meta:
        ordering = ["rubric", "order"]
        verbose_name = _("key point")
        verbose_name_plural = _("key points")
        constraints = [models.UniqueConstraint(fields=["rubric", "order"], name="questionbank_keypoint_order")]

    def __str__(self) -> str:
        return self.text
