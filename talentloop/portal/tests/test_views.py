from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from talentloop.accounts.models import User
from talentloop.core.models import AuditEvent
from talentloop.core.tests.helpers import body_text
from talentloop.org.tests.factories import UserFactory


@pytest.mark.parametrize(
    ("persona", "shows", "hides"),
    [
        ("candidate_a", ["周婷", "zhou.ting@example.com", "13800138001", "销售代表"], ["吴杰", "赵静"]),
        ("candidate_b", ["吴杰", "wu.jie@example.com", "后端工程师"], ["周婷", "赵静"]),
        ("employee", ["赵静", "E0102", "销售部"], ["周婷", "吴杰"]),
    ],
)
def test_the_profile_shows_only_the_persons_own_records(
    persona: str, shows: list[str], hides: list[str], client: Client, personas: dict[str, User | None]
) -> None:
    # given
    user = personas[persona]
    assert user is not None
    client.force_login(user)

    # when
    response = client.get(reverse("portal:profile"))

    # then
    assert response.status_code == 200
    body = body_text(response)
    assert [text for text in shows if text not in body] == []
    assert [text for text in hides if text in body] == []


def test_the_profile_audits_that_the_person_saw_their_own_record(client: Client, candidate_a: User) -> None:
    # given
    client.force_login(candidate_a)

    # when
    client.get(reverse("portal:profile"))

    # then
    events = AuditEvent.objects.filter(action="view")
    assert [(e.actor, e.object_type, e.object_label) for e in events] == [(candidate_a, "org.candidate", "周婷")]


def test_the_profile_of_an_account_without_a_person_is_not_found(client: Client, db: None) -> None:
    # given
    client.force_login(UserFactory.create(username="orphan"))

    # when
    response = client.get(reverse("portal:profile"))

    # then
    assert response.status_code == 404
    assert AuditEvent.objects.count() == 0


def test_saving_the_language_preference(client: Client, employee: User) -> None:
    # given
    client.force_login(employee)

    # when
    response = client.post(reverse("portal:language_update"), {"language": "en"})

    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:profile")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    employee.refresh_from_db()
    assert employee.preferred_language == "en"


def test_an_unknown_language_is_refused(client: Client, employee: User) -> None:
    # given
    client.force_login(employee)

    # when
    response = client.post(reverse("portal:language_update"), {"language": "klingon"})

    # then
    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    employee.refresh_from_db()
    assert employee.preferred_language == ""


def test_the_language_preference_is_saved_by_post_only(client: Client, employee: User) -> None:
    # given
    client.force_login(employee)

    # when
    response = client.get(reverse("portal:language_update"), {"language": "en"})

    # then
    assert response.status_code == 405
    employee.refresh_from_db()
    assert employee.preferred_language == ""


def test_the_front_door_sends_each_persona_where_they_work(client: Client, personas: dict[str, User | None]) -> None:
    # given
    destinations: dict[str, str] = {}

    # when
    for name, user in personas.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(reverse("home"))
        destinations[name] = response["Location"]

    # then
    console, portal = reverse("console:dashboard"), reverse("portal:profile")
    assert destinations == {
        "anonymous": reverse("accounts:login"),
        "hr_admin": console,
        "hr": console,
        "sales_manager": console,
        "rnd_manager": console,
        "interviewer": console,
        "employee": portal,
        "candidate_a": portal,
        "candidate_b": portal,
    }


def test_the_front_door_welcomes_an_account_without_a_role(client: Client, db: None) -> None:
    # given
    client.force_login(UserFactory.create(username="newcomer"))

    # when
    response = client.get(reverse("home"))

    # then
    assert response.status_code == 200
    assert "portal/no_role.html" in [template.name for template in response.templates]
