from __future__ import annotations

from typing import Any

import pytest

from talentloop.accounts.models import User
from talentloop.accounts.services import user_create, user_set_preferred_language
from talentloop.core.exceptions import ValidationFailed
from talentloop.core.tests.helpers import translated


@pytest.mark.django_db
def test_user_create_normalises_and_hashes() -> None:
    # when
    user = user_create(
        username="  li.na ",
        password="Lantern-Orchard-2718",
        email=" Li.Na@Example.COM ",
        display_name="李娜",
        preferred_language="en",
    )

    # then
    user.refresh_from_db()
    assert (user.username, user.email, user.display_name, user.preferred_language, str(user)) == (
        "li.na",
        "li.na@example.com",
        "李娜",
        "en",
        "李娜",
    )
    assert user.check_password("Lantern-Orchard-2718")
    assert user.password != "Lantern-Orchard-2718"


@pytest.mark.django_db
def test_user_create_without_a_password_makes_an_account_that_must_reset_it() -> None:
    # when
    user = user_create(username="invited", password=None)

    # then
    assert not user.has_usable_password()


@pytest.mark.parametrize(
    ("arguments", "fields"),
    [
        pytest.param({"username": " "}, {"username": ["This field is required."]}, id="username-required"),
        pytest.param({"username": "TAKEN"}, {"username": ["This username is already taken."]}, id="taken-any-case"),
        pytest.param(
            {"username": "new", "preferred_language": "fr"},
            {"preferred_language": ["Choose one of the offered languages."]},
            id="unknown-language",
        ),
    ],
)
def test_user_create_refuses_invalid_input_and_writes_nothing(
    arguments: dict[str, Any], fields: dict[str, list[str]], db: None
) -> None:
    # given
    user_create(username="taken", password=None)

    # when
    with pytest.raises(ValidationFailed) as error:
        user_create(password="Lantern-Orchard-2718", **arguments)

    # then
    assert error.value.fields == translated(fields)
    assert list(User.objects.values_list("username", flat=True)) == ["taken"]


@pytest.mark.django_db
def test_user_create_validates_the_password_unless_told_not_to() -> None:
    # when
    with pytest.raises(ValidationFailed) as error:
        user_create(username="weak", password="123")
    demo = user_create(username="demo", password="123", validate=False)

    # then
    assert list(error.value.fields) == ["password"]
    assert len(error.value.fields["password"]) == 3  # too short, too common, entirely numeric
    assert list(User.objects.values_list("username", flat=True)) == ["demo"]
    assert demo.check_password("123")


@pytest.mark.django_db
def test_user_set_preferred_language(employee: User) -> None:
    # when
    user_set_preferred_language(user=employee, language="en")
    with pytest.raises(ValidationFailed):
        user_set_preferred_language(user=employee, language="xx")

    # then
    employee.refresh_from_db()
    assert employee.preferred_language == "en"
