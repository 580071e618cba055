"""Growth paths: the ranked improvement actions built once from a scored interview.

(The report model of this app is added by the report work; see docs/architecture.md.)
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from talentloop.core.models import TimeStampedModel


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
