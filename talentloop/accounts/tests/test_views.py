"""Sign in, sign out, lockout and password reset, through the pages a person uses."""

from __future__ import annotations

import re
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from talentloop.accounts.models import User
from talentloop.core.models import AuditEvent
from talentloop.org.tests.factories import PASSWORD

LOGIN_URL = "/accounts/login/"


def _signed_in_user_id(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


def _sign_in(client: Client, username: str, password: str, **extra: Any) -> Any:
    return client.post(LOGIN_URL, {"username": username, "password": password}, **extra)


def _audit(action: str) -> list[tuple[object, ...]]:
    return list(
        AuditEvent.objects.filter(action=action)
        .order_by("pk")
        .values_list("actor_id", "actor_label", "object_type", "object_id", "object_label", "ip_address", "channel")
    )


def test_login_page_answers(client: Client, db: None) -> None:
    # when
    response = client.get(LOGIN_URL)

    # then
    assert response.status_code == 200
    assert "accounts/login.html" in [template.name for template in response.templates]


def test_signing_in_is_audited(client: Client, hr: User) -> None:
    # when
    response = _sign_in(client, "hr", PASSWORD, REMOTE_ADDR="198.51.100.4")

    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert _signed_in_user_id(client) == str(hr.pk)
    assert _audit("login") == [(hr.pk, "hr", "accounts.user", str(hr.pk), "李娜", "198.51.100.4", "web")]
    assert _audit("login_failed") == []


def test_signing_in_sets_the_preferred_language(client: Client, hr: User) -> None:
    # given
    hr.preferred_language = "en"
    hr.save()

    # when
    response = _sign_in(client, "hr", PASSWORD)

    # then
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_a_failed_sign_in_is_audited_without_an_actor(client: Client, hr: User) -> None:
    # when
    response = _sign_in(client, "hr", "wrong password", REMOTE_ADDR="198.51.100.4")

    # then
    assert response.status_code == 200
    assert _signed_in_user_id(client) is None
    assert _audit("login_failed") == [(None, "", "accounts.user", "", "hr", "198.51.100.4", "web")]
    assert _audit("login") == []


def test_a_failed_sign_in_for_an_unknown_username_is_audited(client: Client, db: None) -> None:
    # when
    _sign_in(client, "ghost", "whatever")

    # then
    assert _audit("login_failed") == [(None, "", "accounts.user", "", "ghost", "127.0.0.1", "web")]


def test_signing_out_is_audited(client: Client, hr: User) -> None:
    # given
    _sign_in(client, "hr", PASSWORD)

    # when
    response = client.post(reverse("accounts:logout"))

    # then
    assert response.status_code == 302
    assert _signed_in_user_id(client) is None
    assert [row[:4] for row in _audit("logout")] == [(hr.pk, "hr", "accounts.user", str(hr.pk))]


def test_repeated_failures_lock_the_account_out(client: Client, hr: User) -> None:
    # given: one failure fewer than the limit still gets the normal page
    assert settings.AXES_FAILURE_LIMIT == 5
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(client, "hr", "wrong password").status_code == 200

    # when: the failure that reaches the limit, then the right password
    locking = _sign_in(client, "hr", "wrong password")
    right_password = _sign_in(client, "hr", PASSWORD)

    # then
    for response in (locking, right_password):
        assert response.status_code == 429
        assert "accounts/locked_out.html" in [template.name for template in response.templates]
    assert _signed_in_user_id(client) is None
    assert _audit("login") == []
    assert len(_audit("login_failed")) == 6
    # five wrong passwords, and the right one refused during the lockout
    assert AccessAttempt.objects.get(username="hr").failures_since_start == 6


def test_lockout_is_per_username(client: Client, hr: User, hr_admin: User) -> None:
    # given
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "hr", "wrong password")

    # when
    response = _sign_in(client, "hr.admin", PASSWORD)

    # then
    assert response.status_code == 302
    assert _signed_in_user_id(client) == str(hr_admin.pk)


def _ask_for_token(client: Client, username: str, password: str) -> Any:
    return client.post(
        reverse("api-v1:token"), {"username": username, "password": password}, content_type="application/json"
    )


def test_the_api_token_endpoint_refuses_an_account_locked_out_on_the_login_page(client: Client, hr: User) -> None:
    # given
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "hr", "wrong password")

    # when
    response = _ask_for_token(client, "hr", PASSWORD)

    # then
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "locked_out"
    assert "token" not in response.json()


def test_failures_at_the_api_token_endpoint_count_towards_the_lockout(client: Client, hr: User) -> None:
    # given
    statuses = [_ask_for_token(client, "hr", "wrong password").status_code for _ in range(settings.AXES_FAILURE_LIMIT)]
    # the attempt that reaches the limit is told the account is now locked
    assert statuses == [400] * (settings.AXES_FAILURE_LIMIT - 1) + [429]

    # when
    response = _sign_in(client, "hr", PASSWORD)

    # then
    assert response.status_code == 429
    assert _signed_in_user_id(client) is None


def _reset_link(message: Any) -> str:
    match = re.search(r"http://testserver(/accounts/password-reset/[^/\s]+/[^/\s]+/)", message.body)
    assert match is not None, message.body
    return match.group(1)


def test_password_reset_sends_a_link_that_works_once(client: Client, hr: User) -> None:
    # given
    new_password = "Quiet-Harbour-9041"

    # when: ask for a link
    asked = client.post(reverse("accounts:password_reset"), {"email": "LI.NA@huateng.example"})

    # then: one email, to the account's address, with a link
    assert asked.status_code == 302
    assert asked["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["li.na@huateng.example"]
    link = _reset_link(mail.outbox[0])

    # when: follow the link and choose a new password
    opened = client.get(link, follow=True)
    form_url = opened.redirect_chain[-1][0]
    chosen = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})

    # then
    assert opened.status_code == 200
    assert opened.context["validlink"] is True
    assert chosen.status_code == 302
    assert chosen["Location"] == reverse("accounts:password_reset_complete")
    hr.refresh_from_db()
    assert hr.check_password(new_password)

    # when: sign in with it, and try the link again
    signed_in = _sign_in(Client(), "hr", new_password)
    reused = Client().get(link, follow=True)

    # then
    assert signed_in.status_code == 302
    assert reused.context["validlink"] is False


def test_password_reset_for_an_unknown_address_sends_nothing(client: Client, hr: User) -> None:
    # when
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@huateng.example"})

    # then: the same answer, so addresses cannot be probed, and no email
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_password_change_needs_the_old_password(client: Client, employee: User) -> None:
    # given
    client.force_login(employee)

    # when
    refused = client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": "Quiet-Harbour-9041", "new_password2": "Quiet-Harbour-9041"},
    )
    changed = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "Quiet-Harbour-9041", "new_password2": "Quiet-Harbour-9041"},
    )

    # then
    assert refused.status_code == 200
    assert changed.status_code == 302
    employee.refresh_from_db()
    assert employee.check_password("Quiet-Harbour-9041")


@pytest.mark.parametrize("path", ["/console/", "/portal/", "/accounts/password/"])
def test_pages_behind_sign_in_redirect_anonymous_visitors(client: Client, path: str, db: None) -> None:
    # when
    response = client.get(path)

    # then
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next={path}"
