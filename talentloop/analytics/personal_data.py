"""analytics' part of "my data": the sensitive attributes the person declared or an HR admin recorded with their
consent (see talentloop/core/personal_data.py). The owner gets the values in clear; erasure deletes them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from talentloop.analytics.access import AUDIT_OBJECT_TYPE
from talentloop.analytics.selectors import sensitive_attribute_list
from talentloop.analytics.services import person_sensitive_attributes_erase
from talentloop.core.personal_data import PersonalDataPart, Subject, personal_data_part_register


@personal_data_part_register
class SensitiveAttributesPart(PersonalDataPart):
    key = "sensitive_attributes"
    floor = 7
    title = _("Sensitive attributes (equal opportunity monitoring)")

    def export(self, subject: Subject) -> dict[str, Any]:
        return {
            "sensitive_attributes": [
                attribute.as_export() for attribute in sensitive_attribute_list(person_id=subject.person_id)
            ]
        }

    def records(self, subject: Subject) -> Iterable[tuple[str, str]]:
        # Every view and change of the attributes is audited under the person's id (analytics.access).
        return [(AUDIT_OBJECT_TYPE, str(subject.person_id))]

    def erase(self, subject: Subject) -> dict[str, int]:
        return person_sensitive_attributes_erase(person_id=subject.person_id)
