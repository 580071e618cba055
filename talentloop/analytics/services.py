"""Writes of sensitive attributes and categories.

A person declares their own values in the portal (a separate, optional consent); an HR admin may record them for a
person who consented outside the system, naming the evidence. An empty value is "prefer not to say": any stored
value for that category is removed, and the person counts as *unknown* in audits. The age band is worked out from
a declared birth year and only the band is stored. The audit log records which categories changed, never a value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from talentloop.analytics.access import AUDIT_OBJECT_TYPE
from talentloop.analytics.models import AGE_BAND, SensitiveAttribute, SensitiveCategory
from talentloop.core.exceptions import Conflict, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.org.models import Person

#: Age bands by the age reached this year: (value code, lowest age, highest age or None).
AGE_BANDS = (("under_25", 0, 24), ("25_34", 25, 34), ("35_44", 35, 44), ("45_54", 45, 54), ("55_plus", 55, None))
#: The youngest age a birth year may give (nobody younger applies for a job).
MINIMUM_AGE = 16
OLDEST_BIRTH_YEAR = 1900

_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")

# The two categories most audits need; the migration seeds the same (a migration keeps its own frozen copy).
DEFAULT_CATEGORIES = [
    {
        "code": "sex",
        "name": "性别",
        "name_en": "Sex",
        "description": "用于检查各性别在招聘各环节的通过率是否存在差异。",
        "description_en": "Used to check whether pass rates at each hiring step differ between the sexes.",
        "position": 1,
        "values": [
            {"code": "female", "label": "女", "label_en": "Female"},
            {"code": "male", "label": "男", "label_en": "Male"},
        ],
    },
    {
        "code": "age_band",
        "name": "年龄段",
        "name_en": "Age band",
        "description": "由您填写的出生年份换算得出；只保存年龄段，不保存出生年份。",
        "description_en": "Worked out from the birth year you give; only the band is kept, never the year.",
        "position": 2,
        "values": [
            {"code": "under_25", "label": "25 岁以下", "label_en": "Under 25"},
            {"code": "25_34", "label": "25–34 岁", "label_en": "25–34"},
            {"code": "35_44", "label": "35–44 岁", "label_en": "35–44"},
            {"code": "45_54", "label": "45–54 岁", "label_en": "45–54"},
            {"code": "55_plus", "label": "55 岁及以上", "label_en": "55 and over"},
        ],
    },
]


def sensitive_categories_ensure_defaults() -> int:
    """Create the default categories that are missing (an HR admin's changes to existing ones are kept); returns how
    many were created. The migration seeds them; the demo calls this so a flushed database gets them back."""
    created = 0
    for default in DEFAULT_CATEGORIES:
        _category, was_created = SensitiveCategory.objects.get_or_create(code=default["code"], defaults=default)
        created += int(was_created)
    return created


def age_band_for_birth_year(*, birth_year: int, today: date | None = None) -> str:
    """The age band of someone born in ``birth_year`` (their age reached this calendar year)."""
    year = (today or timezone.localdate()).year
    if not OLDEST_BIRTH_YEAR <= birth_year <= year - MINIMUM_AGE:
        raise ValidationFailed(
            _("Enter a birth year between %(first)s and %(last)s.")
            % {"first": OLDEST_BIRTH_YEAR, "last": year - MINIMUM_AGE},
            fields={"birth_year": [_("This birth year is not possible.")]},
        )
    age = year - birth_year
    for code, lowest, highest in AGE_BANDS:
        if age >= lowest and (highest is None or age <= highest):
            return code
    raise AssertionError("the age bands cover every age")  # pragma: no cover


def _audit_change(
    *, actor: Any, person: Person, action: str, changes: dict[str, Any], request: HttpRequest | None
) -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type=AUDIT_OBJECT_TYPE,
        object_id=str(person.pk),
        object_label=str(person)[:300],
        changes=changes,
        request=request,
    )


def _checked_values(values: Mapping[str, str]) -> dict[SensitiveCategory, str]:
    categories = {category.code: category for category in SensitiveCategory.objects.filter(is_active=True)}
    checked: dict[SensitiveCategory, str] = {}
    for code, value in values.items():
        category = categories.get(code)
        if category is None:
            raise ValidationFailed(_("Unknown category: %(code)s.") % {"code": code}, fields={code: [_("Unknown.")]})
        value = (value or "").strip()
        if value and value not in category.value_codes:
            raise ValidationFailed(
                _("%(value)s is not a value of %(category)s.") % {"value": value, "category": category.label},
                fields={code: [_("Choose one of the listed values.")]},
            )
        checked[category] = value
    return checked


def _write(
    *,
    actor: Any,
    person: Person,
    values: dict[SensitiveCategory, str],
    source: str,
    consent_given_at: datetime,
    consent_evidence: str,
) -> dict[str, str]:
    changes: dict[str, str] = {}
    existing = {attribute.category_id: attribute for attribute in SensitiveAttribute.objects.filter(person=person)}
    for category, value in values.items():
        attribute = existing.get(category.pk)
        if not value:
            if attribute is not None:
                attribute.delete()
                changes[category.code] = "removed"
            continue
        stored = (attribute.value, attribute.source, attribute.consent_evidence) if attribute is not None else None
        if stored == (value, source, consent_evidence):  # nothing to change
            continue
        SensitiveAttribute.objects.update_or_create(
            person=person,
            category=category,
            defaults={
                "value": value,
                "source": source,
                "consent_given_at": consent_given_at,
                "consent_evidence": consent_evidence,
                "recorded_by": actor if getattr(actor, "is_authenticated", False) else None,
            },
        )
        changes[category.code] = "recorded" if attribute is None else "changed"
    return changes


@transaction.atomic
def sensitive_attributes_declare(
    *,
    actor: Any,
    person: Person,
    values: Mapping[str, str],
    consent: bool,
    birth_year: int | None = None,
    request: HttpRequest | None = None,
) -> dict[str, str]:
    """The person declares their own values (``{category code: value code}``; "" = prefer not to say).

    Recording any value needs ``consent``; ``birth_year`` sets the age band (the year itself is not kept).
    Returns what changed per category (``recorded``/``changed``/``removed``)."""
    values = dict(values)
    if birth_year is not None:
        values[AGE_BAND] = age_band_for_birth_year(birth_year=birth_year)
    checked = _checked_values(values)
    if any(checked.values()) and not consent:
        raise ValidationFailed(
            _("To record these answers, tick the consent box. You may also leave every question unanswered."),
            fields={"consent": [_("Consent is needed to record an answer.")]},
        )
    changes = _write(
        actor=actor,
        person=person,
        values=checked,
        source=SensitiveAttribute.Source.SELF_DECLARED,
        consent_given_at=timezone.now(),
        consent_evidence="",
    )
    if changes:
        _audit_change(actor=actor, person=person, action=AuditEvent.Action.UPDATE, changes=changes, request=request)
    return changes


@transaction.atomic
def sensitive_attributes_withdraw(*, actor: Any, person: Person, request: HttpRequest | None = None) -> int:
    """The person withdraws their consent: every value is deleted. Returns how many were."""
    deleted, _by_model = SensitiveAttribute.objects.filter(person=person).delete()
    if deleted:
        _audit_change(
            actor=actor,
            person=person,
            action=AuditEvent.Action.DELETE,
            changes={"consent": "withdrawn", "deleted": deleted},
            request=request,
        )
    return deleted


@transaction.atomic
def sensitive_attribute_record(
    *,
    actor: Any,
    person: Person,
    values: Mapping[str, str],
    consent_given_on: date | None,
    consent_evidence: str,
    request: HttpRequest | None = None,
) -> dict[str, str]:
    """An HR admin records a person's values on their documented consent (``consent_evidence`` says where it is).
    An empty value removes the stored one. Callers check the actor is an HR admin (``analytics.access``)."""
    checked = _checked_values(values)
    evidence = consent_evidence.strip()
    if any(checked.values()):
        errors: dict[str, list[str]] = {}
        if not evidence:
            errors["consent_evidence"] = [_("Say where the person's written consent is kept.")]
        if consent_given_on is None:
            errors["consent_given_on"] = [_("Enter the day the person consented.")]
        elif consent_given_on > timezone.localdate():
            errors["consent_given_on"] = [_("The day of consent cannot be in the future.")]
        if errors:
            raise ValidationFailed(_("Recording a sensitive attribute needs the person's consent."), fields=errors)
    assert consent_given_on is not None or not any(checked.values())
    consent_at = (
        timezone.make_aware(datetime.combine(consent_given_on, datetime.min.time()))
        if consent_given_on is not None
        else timezone.now()
    )
    changes = _write(
        actor=actor,
        person=person,
        values=checked,
        source=SensitiveAttribute.Source.HR_ENTRY,
        consent_given_at=consent_at,
        consent_evidence=evidence,
    )
    if changes:
        _audit_change(actor=actor, person=person, action=AuditEvent.Action.UPDATE, changes=changes, request=request)
    return changes


@transaction.atomic
def sensitive_category_create(
    *,
    actor: Any,
    code: str,
    name: str,
    name_en: str = "",
    description: str = "",
    description_en: str = "",
    values: list[dict[str, str]],
    request: HttpRequest | None = None,
) -> SensitiveCategory:
    """An HR admin adds a category the company records (``values``: ``[{"code", "label", "label_en"}]``)."""
    code = code.strip().lower()
    errors: dict[str, list[str]] = {}
    if not _CODE.match(code):
        errors["code"] = [_("Use lower-case letters, digits, - and _ (up to 40).")]
    if not name.strip():
        errors["name"] = [_("Give the category a name.")]
    value_codes = [value.get("code", "").strip() for value in values]
    if len(values) < 2:
        errors["values"] = [_("List at least two values.")]
    elif any(not _CODE.match(value) for value in value_codes) or len(set(value_codes)) != len(value_codes):
        errors["values"] = [_("Each value needs its own code (lower-case letters, digits, - and _).")]
    elif any(not value.get("label", "").strip() for value in values):
        errors["values"] = [_("Each value needs a label.")]
    if errors:
        raise ValidationFailed(_("The category cannot be saved."), fields=errors)
    if SensitiveCategory.objects.filter(code=code).exists():
        raise Conflict(_("A category with this code exists."), fields={"code": [_("This code is taken.")]})
    last = SensitiveCategory.objects.order_by("-position").values_list("position", flat=True).first() or 0
    category = SensitiveCategory.objects.create(
        code=code,
        name=name.strip(),
        name_en=name_en.strip(),
        description=description.strip(),
        description_en=description_en.strip(),
        values=[
            {
                "code": value["code"].strip(),
                "label": value["label"].strip(),
                "label_en": value.get("label_en", "").strip(),
            }
            for value in values
        ],
        position=last + 1,
    )
    audit_record(actor=actor, action=AuditEvent.Action.CREATE, target=category, request=request)
    return category


@transaction.atomic
def person_sensitive_attributes_erase(*, person_id: int) -> dict[str, int]:
    """Erase every sensitive attribute of the person (the "My data" erasure). Safe to run twice."""
    deleted, _by_model = SensitiveAttribute.objects.filter(person_id=person_id).delete()
    return {"sensitive_attributes_deleted": deleted} if deleted else {}
