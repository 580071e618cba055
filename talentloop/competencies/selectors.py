"""Reads owned by competencies."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from talentloop.competencies.models import Dimension, JobProfile, JobProfileDimension
from talentloop.core.exceptions import NotFound


def dimension_list(*, active_only: bool = False) -> QuerySet[Dimension]:
    dimensions = Dimension.objects.prefetch_related("anchors")
    return dimensions.filter(is_active=True) if active_only else dimensions.all()


def job_profile_list() -> QuerySet[JobProfile]:
    return JobProfile.objects.select_related("position__department").prefetch_related(
        Prefetch("requirements", queryset=JobProfileDimension.objects.select_related("dimension"))
    )


def job_profile_get(*, profile_id: int) -> JobProfile | None:
    return job_profile_list().filter(pk=profile_id).first()


def job_profile_weights(profile: JobProfile) -> dict[str, Decimal]:
    """Each dimension's share of the profile, normalised to sum to 1 (what scoring and template generation use)."""
    requirements = list(profile.requirements.all())
    total = sum((r.weight for r in requirements), Decimal("0"))
    if total <= 0:
        return {}
    return {r.dimension.code: r.weight / total for r in requirements}


def dimension_get(*, code: str) -> Dimension:
    """The dimension with this code, or not found."""
    dimension = dimension_list().filter(code=code).first()
    if dimension is None:
        raise NotFound(_("Dimension not found."))
    return dimension
