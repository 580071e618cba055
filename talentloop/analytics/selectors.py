"""Reads of the sensitive categories and attributes. Callers authorize first (``analytics.access``)."""

from __future__ import annotations

from django.db.models import QuerySet

from talentloop.analytics.models import SensitiveAttribute, SensitiveCategory


def sensitive_category_list(*, active_only: bool = True) -> QuerySet[SensitiveCategory]:
    """The categories the company records, in display order."""
    categories = SensitiveCategory.objects.all()
    return categories.filter(is_active=True) if active_only else categories


def sensitive_category_get(*, code: str) -> SensitiveCategory | None:
    return SensitiveCategory.objects.filter(code=code).first()


def sensitive_attribute_list(*, person_id: int) -> list[SensitiveAttribute]:
    """One person's recorded attributes (decrypted), in category order."""
    return list(SensitiveAttribute.objects.filter(person_id=person_id).select_related("category"))


def sensitive_values_by_person(*, person_ids: list[int], category_codes: list[str]) -> dict[int, dict[str, str]]:
    """``{person id: {category code: value code}}`` for the audit; people without a value are simply absent."""
    values: dict[int, dict[str, str]] = {}
    attributes = SensitiveAttribute.objects.filter(person_id__in=person_ids, category__code__in=category_codes)
    for person_id, code, value in attributes.values_list("person_id", "category__code", "value"):
        values.setdefault(person_id, {})[code] = value
    return values
