"""Sensitive attributes, recorded only for fairness audits and only with the person's consent.

A ``SensitiveCategory`` is something the company records (sex, age band, and any category an HR admin adds), with
its allowed values and their labels. A ``SensitiveAttribute`` is one person's value in one category, stored
encrypted (``core.crypto.EncryptedTextField``), with when and how consent was given. "Prefer not to say" is no row:
the person is then counted as *unknown* in audits. Only HR admins see the values (``analytics.access``), and every
view is audited. See docs/decisions/0030-fairness-audit-and-sensitive-attributes.md.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from talentloop.core.crypto import EncryptedTextField
from talentloop.core.models import TimeStampedModel

#: The category whose value is derived from a declared birth year (only the band is stored, never the year).
AGE_BAND = "age_band"
SEX = "sex"


class SensitiveCategory(TimeStampedModel):
    """One kind of sensitive attribute the company records. ``values`` lists the allowed values in display order:
    ``[{"code": "female", "label": "女", "label_en": "Female"}, …]``."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    description = models.TextField(_("why it is recorded"), blank=True)
    description_en = models.TextField(_("why it is recorded (English)"), blank=True)
    values = models.JSONField(_("allowed values"), default=list)
    is_active = models.BooleanField(_("recorded"), default=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("sensitive category")
        verbose_name_plural = _("sensitive categories")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The category's name in the active language."""
        if (get_language() or "").startswith("en") and self.name_en:
            return self.name_en
        return self.name

    @property
    def value_codes(self) -> list[str]:
        return [str(value["code"]) for value in self.values]

    def value_label(self, code: str) -> str:
        """The label of one value in the active language (the code itself if the value was removed since)."""
        english = (get_language() or "").startswith("en")
        for value in self.values:
            if value["code"] == code:
                return str((value.get("label_en") if english else "") or value.get("label") or code)
        return code

    def value_choices(self) -> list[tuple[str, str]]:
        return [(code, self.value_label(code)) for code in self.value_codes]


class SensitiveAttribute(TimeStampedModel):
    """One person's value in one category. The value is ciphertext in the database."""

    class Source(models.TextChoices):
        SELF_DECLARED = "self_declared", _("Declared by the person")
        HR_ENTRY = "hr_entry", _("Entered by an HR admin with consent")

    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="sensitive_attributes")
    category = models.ForeignKey(SensitiveCategory, on_delete=models.PROTECT, related_name="attributes")
    value = EncryptedTextField(_("value"))
    consent_given_at = models.DateTimeField(_("consent given at"))
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    # For an HR admin's entry: where the written consent is (a signed form, a ticket number). Never the value.
    consent_evidence = models.TextField(_("consent evidence"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["person", "category__position", "category__code"]
        verbose_name = _("sensitive attribute")
        verbose_name_plural = _("sensitive attributes")
        constraints = [
            models.UniqueConstraint(fields=["person", "category"], name="analytics_sensitive_attribute_once"),
        ]

    def __str__(self) -> str:
        # Never the value: this string lands in audit labels and admin lists.
        return f"{self.category.code} of person {self.person_id}"

    def value_label(self) -> str:
        return self.category.value_label(self.value)

    def as_export(self) -> dict[str, Any]:
        return {
            "category": self.category.code,
            "category_name": self.category.label,
            "value": self.value,
            "value_label": self.value_label(),
            "consent_given_at": self.consent_given_at,
            "source": self.source,
            "consent_evidence": self.consent_evidence,
            "recorded_at": self.created_at,
            "updated_at": self.updated_at,
        }
