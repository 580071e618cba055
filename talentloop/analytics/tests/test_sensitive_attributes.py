"""Sensitive attributes: stored as ciphertext, declared and withdrawn by the person, recorded by HR admins on
evidence, exported to their owner and erased with "My data"."""

from __future__ import annotations

import importlib
import json
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from talentloop.accounts.models import User
from talentloop.analytics.models import SensitiveAttribute, SensitiveCategory
from talentloop.analytics.services import (
    DEFAULT_CATEGORIES,
    age_band_for_birth_year,
    sensitive_attribute_record,
    sensitive_attributes_declare,
    sensitive_attributes_withdraw,
    sensitive_categories_ensure_defaults,
    sensitive_category_create,
)
from talentloop.core.exceptions import Conflict, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.privacy.services import (
    deletion_request_create,
    deletion_request_decide,
    personal_data_export,
    personal_data_export_json,
)

pytestmark = pytest.mark.usefixtures("sensitive_categories")


def raw_values() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM analytics_sensitiveattribute ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


def stored(person_id: int) -> dict[str, tuple[str, str]]:
    return {
        attribute.category.code: (attribute.value, attribute.source)
        for attribute in SensitiveAttribute.objects.filter(person_id=person_id).select_related("category")
    }


def test_the_migration_seeds_the_default_categories_and_they_can_be_restored(db: None):
    migration = importlib.import_module("talentloop.analytics.migrations.0001_sensitive_attributes")
    assert migration.DEFAULT_CATEGORIES == DEFAULT_CATEGORIES
    SensitiveCategory.objects.all().delete()

    assert sensitive_categories_ensure_defaults() == 2
    assert sensitive_categories_ensure_defaults() == 0
    assert [(category.code, category.value_codes) for category in SensitiveCategory.objects.all()] == [
        ("sex", ["female", "male"]),
        ("age_band", ["under_25", "25_34", "35_44", "45_54", "55_plus"]),
    ]


def test_the_database_holds_ciphertext_and_reads_give_the_value_back(candidate_a: User):
    sensitive_attributes_declare(
        actor=candidate_a, person=candidate_a.person, values={"sex": "female", "age_band": "25_34"}, consent=True
    )

    raw = raw_values()
    assert len(raw) == 2
    for value in raw:
        assert "female" not in value and "25_34" not in value
        assert value.startswith("gAAAAA")  # a Fernet token
    assert stored(candidate_a.person.pk) == {
        "sex": ("female", "self_declared"),
        "age_band": ("25_34", "self_declared"),
    }


@pytest.mark.parametrize(
    ("birth_year", "band"),
    [(2001, "25_34"), (2002, "under_25"), (1992, "25_34"), (1991, "35_44"), (1972, "45_54"), (1971, "55_plus")],
)
def test_the_age_band_is_worked_out_from_the_birth_year(birth_year: int, band: str):
    assert age_band_for_birth_year(birth_year=birth_year, today=date(2026, 11, 29)) == band


@pytest.mark.parametrize("birth_year", [1899, 2011, 2030])
def test_an_impossible_birth_year_is_refused(birth_year: int):
    with pytest.raises(ValidationFailed) as caught:
        age_band_for_birth_year(birth_year=birth_year, today=date(2026, 11, 29))
    assert caught.value.fields == {"birth_year": ["此出生年份不合理。"]}


def test_declaring_a_birth_year_stores_only_the_band(candidate_a: User):
    sensitive_attributes_declare(actor=candidate_a, person=candidate_a.person, values={}, birth_year=1990, consent=True)

    band = age_band_for_birth_year(birth_year=1990)
    assert stored(candidate_a.person.pk) == {"age_band": (band, "self_declared")}
    assert "1990" not in str(AuditEvent.objects.filter(object_type="analytics.sensitive_attributes").values())


def test_declaring_without_consent_writes_nothing(candidate_a: User):
    with pytest.raises(ValidationFailed) as caught:
        sensitive_attributes_declare(
            actor=candidate_a, person=candidate_a.person, values={"sex": "male"}, consent=False
        )

    assert caught.value.fields == {"consent": ["保存回答需要您的同意。"]}
    assert SensitiveAttribute.objects.count() == 0
    assert AuditEvent.objects.filter(object_type="analytics.sensitive_attributes").count() == 0


@pytest.mark.parametrize(
    ("values", "field"),
    [({"religion": "x"}, "religion"), ({"sex": "unknown"}, "sex"), ({"age_band": "30"}, "age_band")],
)
def test_an_unknown_category_or_value_writes_nothing(candidate_a: User, values: dict[str, str], field: str):
    with pytest.raises(ValidationFailed) as caught:
        sensitive_attributes_declare(actor=candidate_a, person=candidate_a.person, values=values, consent=True)

    assert list(caught.value.fields) == [field]
    assert SensitiveAttribute.objects.count() == 0


def test_prefer_not_to_say_removes_a_value_and_withdrawal_deletes_all(candidate_a: User):
    person = candidate_a.person
    sensitive_attributes_declare(
        actor=candidate_a, person=person, values={"sex": "female", "age_band": "25_34"}, consent=True
    )

    changes = sensitive_attributes_declare(actor=candidate_a, person=person, values={"sex": ""}, consent=False)
    assert changes == {"sex": "removed"}
    assert stored(person.pk) == {"age_band": ("25_34", "self_declared")}

    assert sensitive_attributes_withdraw(actor=candidate_a, person=person) == 1
    assert stored(person.pk) == {}
    assert list(
        AuditEvent.objects.filter(object_type="analytics.sensitive_attributes")
        .order_by("id")
        .values_list("action", "changes")
    ) == [
        ("update", {"sex": "recorded", "age_band": "recorded"}),
        ("update", {"sex": "removed"}),
        ("delete", {"consent": "withdrawn", "deleted": 1}),
    ]


def test_an_hr_admin_records_values_only_with_consent_evidence(hr_admin: User, candidate_b: User):
    person = candidate_b.person
    with pytest.raises(ValidationFailed) as caught:
        sensitive_attribute_record(
            actor=hr_admin, person=person, values={"sex": "male"}, consent_given_on=None, consent_evidence=" "
        )
    assert sorted(caught.value.fields) == ["consent_evidence", "consent_given_on"]
    assert SensitiveAttribute.objects.count() == 0

    sensitive_attribute_record(
        actor=hr_admin,
        person=person,
        values={"sex": "male", "age_band": ""},
        consent_given_on=date(2026, 11, 1),
        consent_evidence="Signed form HR-2026-117",
    )

    attribute = SensitiveAttribute.objects.get()
    assert (attribute.value, attribute.source, attribute.consent_evidence, attribute.recorded_by) == (
        "male",
        "hr_entry",
        "Signed form HR-2026-117",
        hr_admin,
    )
    assert timezone.localtime(attribute.consent_given_at).date() == date(2026, 11, 1)


def test_an_hr_admin_adds_a_custom_category(hr_admin: User):
    category = sensitive_category_create(
        actor=hr_admin,
        code="disability",
        name="残疾状况",
        name_en="Disability",
        values=[
            {"code": "yes", "label": "有", "label_en": "Yes"},
            {"code": "no", "label": "无", "label_en": "No"},
        ],
    )

    assert (category.code, category.value_codes, category.position) == ("disability", ["yes", "no"], 3)
    with pytest.raises(Conflict):
        sensitive_category_create(
            actor=hr_admin,
            code="disability",
            name="x",
            values=[{"code": "a", "label": "A"}, {"code": "b", "label": "B"}],
        )
    with pytest.raises(ValidationFailed) as caught:
        sensitive_category_create(actor=hr_admin, code="Bad Code", name="", values=[{"code": "a", "label": "A"}])
    assert sorted(caught.value.fields) == ["code", "name", "values"]
    assert SensitiveCategory.objects.count() == 3


def test_my_data_exports_the_values_to_their_owner_and_erasure_deletes_them(
    hr: User, candidate_a: User, candidate_b: User, django_capture_on_commit_callbacks: Any
):
    person = candidate_a.person
    sensitive_attributes_declare(actor=candidate_a, person=person, values={"sex": "female"}, consent=True)
    sensitive_attributes_declare(actor=candidate_b, person=candidate_b.person, values={"sex": "male"}, consent=True)

    document = json.loads(personal_data_export_json(personal_data_export(actor=candidate_a, person_id=person.pk)))

    rows = document["sections"]["sensitive_attributes"]["data"]["sensitive_attributes"]
    assert [(row["category"], row["value"], row["value_label"], row["source"]) for row in rows] == [
        ("sex", "female", "女", "self_declared")
    ]
    trail = document["sections"]["audit_trail"]["data"]
    assert "analytics.sensitive_attributes" in json.dumps(trail)

    request = deletion_request_create(actor=candidate_a, person_id=person.pk, confirmed=True)
    with django_capture_on_commit_callbacks(execute=True):
        deletion_request_decide(actor=hr, deletion_request_id=request.pk, decision="approve")

    assert [attribute.person_id for attribute in SensitiveAttribute.objects.all()] == [candidate_b.person.pk]


def test_new_consent_evidence_for_the_same_value_is_saved_and_the_same_entry_again_changes_nothing(
    hr_admin: User, candidate_b: User
):
    person = candidate_b.person

    def record(evidence: str) -> dict[str, str]:
        return sensitive_attribute_record(
            actor=hr_admin,
            person=person,
            values={"sex": "male"},
            consent_given_on=date(2026, 11, 1),
            consent_evidence=evidence,
        )

    record("Form 117")

    assert record("Form 117") == {}
    assert record("Form 118 (renewed)") == {"sex": "changed"}
    assert SensitiveAttribute.objects.get().consent_evidence == "Form 118 (renewed)"
