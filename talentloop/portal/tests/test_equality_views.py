"""A candidate declares, changes and withdraws their own sensitive attributes in the portal."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from talentloop.accounts.models import User
from talentloop.analytics.models import SensitiveAttribute
from talentloop.analytics.services import age_band_for_birth_year
from talentloop.core.models import AuditEvent

EN: dict[str, Any] = {"HTTP_ACCEPT_LANGUAGE": "en"}
PAGE = "/portal/equal-opportunity/"

pytestmark = pytest.mark.usefixtures("sensitive_categories")


def signed_in(user: User) -> Client:
    client = Client(**EN)
    client.force_login(user)
    return client


def mine(user: User) -> dict[str, str]:
    return {
        attribute.category.code: attribute.value
        for attribute in SensitiveAttribute.objects.filter(person=user.person).select_related("category")
    }


def test_the_page_explains_and_offers_prefer_not_to_say(candidate_a: User):
    response = signed_in(candidate_a).get(PAGE)
    html = response.content.decode()

    assert response.status_code == 200
    assert "These questions are optional." in html
    assert html.count(">Prefer not to say</option>") == 2
    assert 'name="birth_year"' in html and 'name="consent"' in html
    assert "Nothing recorded." in html
    assert reverse("portal:equality") in signed_in(candidate_a).get(reverse("portal:profile")).content.decode()


def test_a_candidate_declares_with_consent_and_only_the_band_of_the_birth_year_is_kept(candidate_a: User):
    client = signed_in(candidate_a)

    response = client.post(PAGE, {"category_sex": "female", "birth_year": "1995", "consent": "on"})

    assert (response.status_code, response["Location"]) == (302, PAGE)
    assert mine(candidate_a) == {"sex": "female", "age_band": age_band_for_birth_year(birth_year=1995)}
    assert "1995" not in str(list(SensitiveAttribute.objects.values()))
    html = client.get(PAGE).content.decode()
    assert "Sex: Female" in html


def test_without_consent_nothing_is_recorded(candidate_a: User):
    response = signed_in(candidate_a).post(PAGE, {"category_sex": "female"})

    assert response.status_code == 400
    assert "Consent is needed to record an answer." in response.content.decode()
    assert mine(candidate_a) == {}


def test_a_bad_birth_year_records_nothing(candidate_a: User):
    response = signed_in(candidate_a).post(PAGE, {"category_sex": "female", "birth_year": "2030", "consent": "on"})

    assert response.status_code == 400
    assert "This birth year is not possible." in response.content.decode()
    assert mine(candidate_a) == {}


def test_prefer_not_to_say_and_withdrawal(candidate_a: User):
    client = signed_in(candidate_a)
    client.post(PAGE, {"category_sex": "female", "category_age_band": "25_34", "consent": "on"})

    client.post(PAGE, {"category_sex": "", "category_age_band": "25_34", "consent": "on"})
    assert mine(candidate_a) == {"age_band": "25_34"}

    response = client.post(reverse("portal:equality_withdraw"))
    assert (response.status_code, response["Location"]) == (302, PAGE)
    assert mine(candidate_a) == {}
    actions = AuditEvent.objects.filter(
        object_type="analytics.sensitive_attributes", object_id=str(candidate_a.person.pk)
    )
    assert sorted(set(actions.values_list("action", flat=True))) == ["delete", "update", "view"]


def test_someone_without_a_person_record_gets_404(db: None):
    user = User.objects.create_user(username="nobody", password="x")
    assert signed_in(user).get(PAGE).status_code == 404
    assert signed_in(user).post(reverse("portal:equality_withdraw")).status_code == 404
