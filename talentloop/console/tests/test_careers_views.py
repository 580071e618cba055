"""HR's side of the careers site: résumé download (access-checked), searching candidates by résumé text, the
candidate page's résumé and duplicate flag, and the possible-duplicates page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from talentloop.accounts.models import User
from talentloop.core.models import AuditEvent
from talentloop.recruitment.careers_services import careers_apply
from talentloop.recruitment.models import Application, PossibleDuplicate, Resume
from talentloop.recruitment.tests.careers_fixtures import application_input, upload
from talentloop.recruitment.tests.fixtures import RecruitmentWorld

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client: Client) -> Iterator[None]:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def applied(recruitment: RecruitmentWorld, pdf_resume: bytes, django_capture_on_commit_callbacks: Any) -> Application:
    """王小明 applied to the external Backend Engineer opening (hiring manager rnd_manager) with a PDF résumé."""
    with django_capture_on_commit_callbacks(execute=True):
        return careers_apply(opening=recruitment.external, data=application_input(upload(pdf_resume)))


@pytest.mark.parametrize(
    ("persona", "status"),
    [("hr", 200), ("rnd_manager", 200), ("sales_manager", 404), ("interviewer", 404), ("employee", 404)],
)
def test_who_may_download_a_resume(
    client_for: Any, personas: dict[str, User], applied: Application, pdf_resume: bytes, persona: str, status: int
) -> None:
    resume = Resume.objects.get()
    response = client_for(personas[persona]).get(reverse("console:resume_download", args=[resume.pk]))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == pdf_resume
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "attachment" in response["Content-Disposition"]
        assert AuditEvent.objects.filter(object_type="recruitment.resume", action="view").count() == 1
    else:
        assert AuditEvent.objects.filter(object_type="recruitment.resume").count() == 0


def test_the_applicant_cannot_download_their_resume_from_the_console(
    client: Client, applied: Application, candidate_a: User
) -> None:
    # given the applicant has a sign-in (linked to their person)
    person = applied.person
    person.user = User.objects.create_user(username="wang", email=person.email)
    person.save()
    client.force_login(person.user)

    # then
    assert client.get(reverse("console:resume_download", args=[Resume.objects.get().pk])).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client: Client, applied: Application) -> None:
    response = client.get(reverse("console:resume_download", args=[Resume.objects.get().pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_hr_finds_the_candidate_by_a_word_from_the_resume(
    client: Client, hr: User, applied: Application, candidate_a: User
) -> None:
    client.force_login(hr)
    response = client.get(reverse("console:candidate_list"), {"q": "kubernetes"})
    assert [candidate.person.full_name for candidate in response.context["page"]] == ["王小明"]
    assert client.get(reverse("console:candidate_list"), {"q": "区块链"}).context["page"].paginator.count == 0


def test_a_hiring_manager_searches_resume_text_only_within_what_they_see(
    client: Client, sales_manager: User, applied: Application
) -> None:
    client.force_login(sales_manager)
    response = client.get(reverse("console:candidate_list"), {"q": "kubernetes"})
    assert response.context["page"].paginator.count == 0


def test_the_candidate_page_shows_the_resume_and_its_features(client: Client, hr: User, applied: Application) -> None:
    client.force_login(hr)
    response = client.get(reverse("console:candidate_detail", args=[applied.candidate_id]))
    assert [resume.original_name for resume in response.context["resumes"]] == ["resume.pdf"]
    body = response.content.decode()
    assert reverse("console:resume_download", args=[Resume.objects.get().pk]) in body
    years = Resume.objects.get().features["years_of_experience"]["value"]  # counts "至今" to today
    assert f"Experience: {years} years" in body and "Highest degree:" in body


def test_possible_duplicates_are_listed_for_hr_and_dismissed(
    client: Client, hr: User, recruitment: RecruitmentWorld, candidate_a: User, candidate_b: User, pdf_resume: bytes
) -> None:
    # given an applicant with candidate_a's email and candidate_b's mobile
    careers_apply(
        opening=recruitment.external,
        data=application_input(upload(pdf_resume), email="zhou.ting@example.com", mobile="13800138002"),
    )
    pair = PossibleDuplicate.objects.get()
    client.force_login(hr)

    # when
    listing = client.get(reverse("console:candidate_duplicates"))
    candidate_page = client.get(reverse("console:candidate_detail", args=[candidate_a.person.candidate.pk]))
    candidates = client.get(reverse("console:candidate_list"))
    dismissed = client.post(reverse("console:candidate_duplicate_dismiss", args=[pair.pk]), follow=True)

    # then
    assert list(listing.context["duplicates"]) == [pair]
    assert "周婷" in listing.content.decode() and "吴杰" in listing.content.decode()
    assert list(candidate_page.context["possible_duplicates"]) == [pair]
    assert candidates.context["duplicate_count"] == 1
    assert list(dismissed.context["duplicates"]) == []
    pair.refresh_from_db()
    assert (pair.status, pair.decided_by) == ("dismissed", hr)


@pytest.mark.parametrize(("persona", "status"), [("sales_manager", 403), ("interviewer", 403), ("employee", 404)])
def test_only_hr_reviews_duplicates(client_for: Any, personas: dict[str, User], persona: str, status: int) -> None:
    client = client_for(personas[persona])
    assert client.get(reverse("console:candidate_duplicates")).status_code == status


def test_others_cannot_dismiss_a_duplicate(
    client: Client, sales_manager: User, recruitment: RecruitmentWorld, candidate_a: User, candidate_b: User,
    pdf_resume: bytes,
) -> None:  # fmt: skip
    careers_apply(
        opening=recruitment.external,
        data=application_input(upload(pdf_resume), email="zhou.ting@example.com", mobile="13800138002"),
    )
    pair = PossibleDuplicate.objects.get()
    client.force_login(sales_manager)
    assert client.post(reverse("console:candidate_duplicate_dismiss", args=[pair.pk])).status_code == 403
    pair.refresh_from_db()
    assert pair.status == "open"
