"""The candidate's interview pages, which work with plain forms (no JavaScript needed)."""

from __future__ import annotations

import pytest
from django.test import Client

from talentloop.interviews.models import Answer, InterviewSession, Invitation, SessionEvent
from talentloop.interviews.services.invitations import invitation_link, invitation_revoke


def page(invitation: Invitation, action: str = "") -> str:
    path = invitation_link(invitation).split("://", 1)[1].split("/", 1)[1]
    return "/" + path + (f"{action}/" if action else "")


@pytest.fixture
def browser() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.django_db
def test_a_candidate_takes_the_interview_with_forms_only(browser: Client, invitation: Invitation) -> None:
    # given the link, the notice is shown first
    landing = browser.get(page(invitation))
    assert landing.status_code == 200
    assert b"What we collect and why" in landing.content
    assert b"We never infer emotions" in landing.content
    # when the candidate consents, answers the first question, skips the other two and submits
    consented = browser.post(page(invitation, "consent"), {"consent": "yes"})
    assert consented["Location"].endswith("?continue=1")
    question = browser.get(consented["Location"])
    assert b"Question 1 of 3" in question.content
    browser.post(page(invitation, "answer"), {"order": 1, "revision": 0, "text": "先了解客户需求"})
    browser.post(page(invitation, "next"), {"order": 1})
    for order in (2, 3):
        browser.get(page(invitation) + "?continue=1")
        browser.post(page(invitation, "skip"), {"order": order})
        browser.post(page(invitation, "next"), {"order": order})
    done = browser.get(page(invitation) + "?continue=1")
    assert b"All questions are done" in done.content
    browser.post(page(invitation, "submit"))
    # then the link only shows the status, and the log holds no "resumed" for the page's own redirects
    status = browser.get(page(invitation))
    assert b"your interview is submitted" in status.content
    session = InterviewSession.objects.get()
    assert session.status == InterviewSession.Status.SUBMITTED
    assert list(Answer.objects.order_by("order").values_list("status", flat=True)) == [
        "answered",
        "skipped",
        "skipped",
    ]
    assert not SessionEvent.objects.filter(kind="resumed").exists()


@pytest.mark.django_db
def test_reopening_the_link_is_logged_as_resumed(browser: Client, started: InterviewSession) -> None:
    browser.get(page(started.invitation))
    browser.get(page(started.invitation))
    assert SessionEvent.objects.filter(session=started, kind="resumed").count() == 2


@pytest.mark.django_db
def test_consent_without_the_box_ticked_starts_nothing(browser: Client, invitation: Invitation) -> None:
    browser.get(page(invitation))
    response = browser.post(page(invitation, "consent"), {}, follow=True)
    assert b"only start after you agree" in response.content
    session = InterviewSession.objects.get()
    assert (session.status, session.consented_at) == ("consenting", None)


@pytest.mark.django_db
def test_an_empty_answer_is_explained_and_nothing_is_saved(browser: Client, started: InterviewSession) -> None:
    browser.get(page(started.invitation))
    response = browser.post(page(started.invitation, "answer"), {"order": 1, "revision": 0, "text": " "}, follow=True)
    assert b"Write an answer, or skip the question." in response.content
    assert Answer.objects.get(session=started, order=1).status == "preparing"


@pytest.mark.django_db
def test_a_revoked_link_says_so_with_410(browser: Client, invitation: Invitation) -> None:
    invitation_revoke(actor=None, invitation=invitation)
    response = browser.get(page(invitation))
    assert response.status_code == 410
    assert b"withdrawn by the company" in response.content
    assert InterviewSession.objects.count() == 0


@pytest.mark.django_db
def test_a_forged_link_is_not_found(browser: Client, invitation: Invitation) -> None:
    response = browser.get("/i/forged-token/")
    assert response.status_code == 404
    assert InterviewSession.objects.count() == 0
