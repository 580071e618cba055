"""Signing in by an emailed one-time link, through the pages a person uses."""

from __future__ import annotations

import re
import time
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from talentloop.accounts.models import User
from talentloop.accounts.services import SIGN_IN_LINKS_PER_HOUR, sign_in_link_send
from talentloop.core.models import AuditEvent

REQUEST_URL = "/accounts/sign-in-link/"


def _link(message: Any) -> str:
    match = re.search(r"http://127\.0\.0\.1:8000(/accounts/sign-in-link/[^/\s]+/)", message.body)
    assert match is not None, message.body
    return match.group(1)


def test_a_sign_in_link_signs_in_once(client: Client, candidate_a: User) -> None:
    # when: ask for a link
    asked = client.post(REQUEST_URL, {"email": "Zhou.Ting@example.com"})

    # then: one email, to the account's address
    assert asked.status_code == 302
    assert asked["Location"] == reverse("accounts:sign_in_link_sent")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["zhou.ting@example.com"]
    link = _link(mail.outbox[0])

    # when: open it (a mail scanner would stop here) and press the button
    opened = client.get(link)
    assert opened.status_code == 200
    assert client.session.get("_auth_user_id") is None
    signed_in = client.post(link, {"next": "/me/"})

    # then: signed in as the candidate, audited, sent on to where they were going
    assert signed_in.status_code == 302
    assert signed_in["Location"] == "/me/"
    assert client.session.get("_auth_user_id") == str(candidate_a.pk)
    assert list(AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN).values_list("actor_id", flat=True)) == [
        candidate_a.pk
    ]

    # when: the same link again, in another browser
    reused = Client().post(link)

    # then: refused, nobody signed in, nothing more audited
    assert reused.status_code == 410
    assert "该登录链接已过期或已被使用" in reused.content.decode()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN).count() == 1


def test_an_unknown_address_gets_the_same_page_and_no_email(client: Client, candidate_a: User) -> None:
    # when
    response = client.post(REQUEST_URL, {"email": "nobody@example.com"})

    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:sign_in_link_sent")
    assert mail.outbox == []


def test_a_disabled_account_gets_no_link(client: Client, candidate_a: User) -> None:
    # given
    candidate_a.is_active = False
    candidate_a.save(update_fields=["is_active"])

    # when
    response = client.post(REQUEST_URL, {"email": "zhou.ting@example.com"})

    # then
    assert response.status_code == 302
    assert mail.outbox == []


def test_a_malformed_address_is_refused_with_the_reason(client: Client, candidate_a: User) -> None:
    # when
    response = client.post(REQUEST_URL, {"email": "zhou.ting"}, HTTP_ACCEPT_LANGUAGE="en")

    # then
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert mail.outbox == []


def test_an_expired_link_is_refused(client: Client, candidate_a: User, monkeypatch: pytest.MonkeyPatch) -> None:
    # given
    sign_in_link_send(email="zhou.ting@example.com")
    link = _link(mail.outbox[0])

    # when: sixteen minutes later (links work for fifteen)
    later = time.time() + timedelta(minutes=16).total_seconds()
    monkeypatch.setattr(signing.time, "time", lambda: later)  # type: ignore[attr-defined]
    response = client.post(link)

    # then
    assert response.status_code == 410
    assert client.session.get("_auth_user_id") is None


@pytest.mark.parametrize("token", ["forged", "eyJ1IjoxfQ:1abc:xyz"])
def test_a_forged_link_is_refused(client: Client, candidate_a: User, token: str) -> None:
    # when
    response = client.get(f"/accounts/sign-in-link/{token}/")

    # then
    assert response.status_code == 410
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN).count() == 0


def test_links_are_limited_per_address_per_hour(candidate_a: User) -> None:
    # when
    sent = [sign_in_link_send(email="zhou.ting@example.com") for _ in range(SIGN_IN_LINKS_PER_HOUR + 2)]

    # then
    assert sent == [1] * SIGN_IN_LINKS_PER_HOUR + [0, 0]
    assert len(mail.outbox) == SIGN_IN_LINKS_PER_HOUR


def test_a_link_does_not_send_the_visitor_off_site(client: Client, candidate_a: User) -> None:
    # given
    sign_in_link_send(email="zhou.ting@example.com")
    link = _link(mail.outbox[0])

    # when
    response = client.post(link, {"next": "https://evil.example/"})

    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
