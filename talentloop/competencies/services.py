"""Writes owned by competencies: dimensions with their level anchors, and job profiles."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from talentloop.competencies.models import (
    LEVELS,
    REQUIRED_ANCHOR_LEVELS,
    Dimension,
    JobProfile,
    JobProfileDimension,
    LevelAnchor,
)
from talentloop.core.exceptions import ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.org.models import Position


@dataclass(frozen=True)
class AnchorInput:
    description: str
    description_en: str = ""


@dataclass(frozen=True)
class RequirementInput:
    dimension_code: str
    weight: Decimal | float | int | str
    required_level: int


def _anchors_validate(anchors: Mapping[int, AnchorInput]) -> None:
    errors: dict[str, list[str]] = {}
    for level in anchors:
        if level not in LEVELS:
            errors[f"anchor_{level}"] = [_("Levels go from 1 to 5.")]
    for level in REQUIRED_ANCHOR_LEVELS:
        anchor = anchors.get(level)
        if anchor is None or not anchor.description.strip():
            errors[f"anchor_{level}"] = [_("Describe what a level %(level)s answer looks like.") % {"level": level}]
    if errors:
        raise ValidationFailed(_("Levels 1, 3 and 5 need a behavioural description."), fields=errors)


def _anchors_write(dimension: Dimension, anchors: Mapping[int, AnchorInput]) -> None:
    LevelAnchor.objects.bulk_create(
        LevelAnchor(
            dimension=dimension, level=level, description=a.description.strip(), description_en=a.description_en
        )
        for level, a in sorted(anchors.items())
    )


@transaction.atomic
def dimension_create(
    *,
    code: str,
    name: str,
    anchors: Mapping[int, AnchorInput],
    name_en: str = "",
    description: str = "",
    description_en: str = "",
    kind: str = Dimension.Kind.COMPETENCY,
) -> Dimension:
    """Add a dimension to the library with its 1–5 anchored scale (levels 1, 3 and 5 are required)."""
    code = slugify(code)
    errors: dict[str, list[str]] = {}
    if not code:
        errors["code"] = [_("This field is required.")]
    elif Dimension.objects.filter(code=code).exists():
        errors["code"] = [_("A dimension with this code already exists.")]
    if not name.strip():
        errors["name"] = [_("This field is required.")]
    if kind not in Dimension.Kind.values:
        errors["kind"] = [_("Choose one of the offered values.")]
    if errors:
        raise ValidationFailed(_("The dimension has invalid fields."), fields=errors)
    _anchors_validate(anchors)
    dimension = Dimension.objects.create(
        code=code,
        name=name.strip(),
        name_en=name_en.strip(),
        description=description.strip(),
        description_en=description_en.strip(),
        kind=kind,
    )
    _anchors_write(dimension, anchors)
    return dimension


@transaction.atomic
def dimension_update(
    *,
    dimension: Dimension,
    name: str,
    anchors: Mapping[int, AnchorInput],
    name_en: str = "",
    description: str = "",
    description_en: str = "",
    is_active: bool = True,
) -> Dimension:
    """Rename or re-describe a dimension and replace its anchors."""
    if not name.strip():
        raise ValidationFailed(_("The dimension has invalid fields."), fields={"name": [_("This field is required.")]})
    _anchors_validate(anchors)
    dimension.name = name.strip()
    dimension.name_en = name_en.strip()
    dimension.description = description.strip()
    dimension.description_en = description_en.strip()
    dimension.is_active = is_active
    dimension.save()
    dimension.anchors.all().delete()
    _anchors_write(dimension, anchors)
    return dimension


def _requirements_clean(requirements: Sequence[RequirementInput]) -> list[tuple[Dimension, Decimal, int]]:
    if not requirements:
        raise ValidationFailed(
            _("A job profile needs at least one dimension."), fields={"requirements": [_("Add a dimension.")]}
        )
    dimensions = {d.code: d for d in Dimension.objects.filter(code__in=[r.dimension_code for r in requirements])}
    cleaned: list[tuple[Dimension, Decimal, int]] = []
    errors: dict[str, list[str]] = {}
    seen: set[str] = set()
    for index, requirement in enumerate(requirements):
        key = f"requirements.{index}"
        dimension = dimensions.get(requirement.dimension_code)
        if dimension is None:
            errors[key] = [_("Unknown dimension “%(code)s”.") % {"code": requirement.dimension_code}]
            continue
        if dimension.code in seen:
            errors[key] = [_("“%(code)s” is listed twice.") % {"code": dimension.code}]
            continue
        seen.add(dimension.code)
        try:
            weight = Decimal(str(requirement.weight))
        except (InvalidOperation, ValueError):
            errors[key] = [_("The weight must be a number.")]
            continue
        if weight < 0 or weight > 100 or not weight.is_finite():
            errors[key] = [_("The weight must be between 0 and 100.")]
            continue
        if weight == 0 and dimension.kind == Dimension.Kind.COMPETENCY:
            errors[key] = [_("A competency needs a weight above 0; remove it instead.")]
            continue
        if requirement.required_level not in LEVELS:
            errors[key] = [_("The required level goes from 1 to 5.")]
            continue
        cleaned.append((dimension, weight.quantize(Decimal("0.01")), requirement.required_level))
    if errors:
        raise ValidationFailed(_("Some dimensions of the profile are invalid."), fields=errors)
    if sum(weight for _dimension, weight, _level in cleaned) <= 0:
        raise ValidationFailed(_("The weights must add up to more than 0."), fields={"requirements": [""]})
    return cleaned


def _threshold_clean(pass_threshold: Any) -> int:
    try:
        value = int(pass_threshold)
    except (TypeError, ValueError):
        value = -1
    if not 0 <= value <= 100:
        raise ValidationFailed(
            _("The pass threshold goes from 0 to 100."), fields={"pass_threshold": [_("Use 0 to 100.")]}
        )
    return value


@transaction.atomic
def job_profile_save(
    *,
    actor: Any,
    position: Position,
    requirements: Sequence[RequirementInput],
    pass_threshold: int = 60,
    summary: str = "",
    summary_en: str = "",
) -> JobProfile:
    """Create or replace the job profile of a position (its dimensions, weights, levels and threshold)."""
    threshold = _threshold_clean(pass_threshold)
    cleaned = _requirements_clean(requirements)
    profile, created = JobProfile.objects.update_or_create(
        position=position,
        defaults={"pass_threshold": threshold, "summary": summary.strip(), "summary_en": summary_en.strip()},
    )
    profile.requirements.all().delete()
    JobProfileDimension.objects.bulk_create(
        JobProfileDimension(profile=profile, dimension=dimension, weight=weight, required_level=level)
        for dimension, weight, level in cleaned
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        target=profile,
        changes={
            "pass_threshold": threshold,
            "requirements": {d.code: [str(w), level] for d, w, level in cleaned},
        },
    )
    return profile
