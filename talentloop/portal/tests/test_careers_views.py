"""The public careers site: which openings it lists, the application form end to end, the friendly refusals,
the honeypot and the per-IP limit."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from talentloop.accounts.models import User
from talentloop.conftest import Organisation
from talentloop.recruitment.models import Application, Opening, Resume
from talentloop.recruitment.services import opening_close
from talentloop.recruitment.tests.fixtures import RecruitmentWorld

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client: Client) -> Iterator[None]:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


def _form(resume: bytes, name: str = "王小明的简历.pdf", **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "full_name": "王小明",
        "email": "wang.xiaoming@example.com",
        "mobile": "13912345678",
        "resume": SimpleUploadedFile(name, resume, content_type="application/pdf"),
        "consent": "on",
        "note": "",
    }
    data.update(changes)
    return data


def test_the_list_shows_only_open_public_openings(
    client: Client, hr: User, recruitment: RecruitmentWorld, django_assert_num_queries: Any
) -> None:
    # given the internal opening made internal-only, and a closed public opening
    Opening.objects.filter(pk=recruitment.internal.pk).update(public=False)
    closed = Opening.objects.get(pk=recruitment.external.pk)
    closed.pk = None
    closed.title = "已关闭的职位"
    closed.save()
    opening_close(actor=hr, opening=closed)

    # when an anonymous visitor opens the page
    with django_assert_num_queries(2):  # the openings, the departments of the filter
        response = client.get(reverse("careers:list"))

    # then
    assert response.status_code == 200
    assert list(response.context["openings"]) == [recruitment.external]
    body = response.content.decode()
    assert "后端工程师" in body and "华南销售代表" not in body and "已关闭的职位" not in body
    assert "销售代表（草稿）" not in body


def test_the_list_filters_by_text_and_department(
    client: Client, org: Organisation, recruitment: RecruitmentWorld
) -> None:
    by_text = client.get(reverse("careers:list"), {"q": "后端"})
    by_department = client.get(reverse("careers:list"), {"department": recruitment.internal.department_id})
    nothing = client.get(reverse("careers:list"), {"q": "不存在的职位"})
    assert list(by_text.context["openings"]) == [recruitment.external]
    assert list(by_department.context["openings"]) == [recruitment.internal]
    assert list(nothing.context["openings"]) == []


def test_drafts_and_internal_only_openings_are_not_found(client: Client, recruitment: RecruitmentWorld) -> None:
    Opening.objects.filter(pk=recruitment.internal.pk).update(public=False)
    assert client.get(reverse("careers:detail", args=[recruitment.draft.pk])).status_code == 404
    assert client.get(reverse("careers:detail", args=[recruitment.internal.pk])).status_code == 404


def test_the_detail_shows_the_requirements_in_words(client: Client, recruitment: RecruitmentWorld) -> None:
    response = client.get(reverse("careers:detail", args=[recruitment.external.pk]))
    assert response.status_code == 200
    assert [(r.dimension, r.level, r.behaviour) for r in response.context["requirements"]] == [
        ("Problem solving", 3, "能拆解问题")
    ]
    assert "Problem solving" in response.content.decode()


def test_applying_redirects_to_the_confirmation_and_emails_the_interview(
    client: Client, recruitment: RecruitmentWorld, pdf_resume: bytes, django_capture_on_commit_callbacks: Any
) -> None:
    # when
    url = reverse("careers:detail", args=[recruitment.external.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _form(pdf_resume), follow=True)

    # then
    assert response.redirect_chain == [(reverse("careers:applied", args=[recruitment.external.pk]), 302)]
    assert "Thank you, your application was sent" in response.content.decode()
    application = Application.objects.get()
    assert (application.source, application.person.email) == ("external", "wang.xiaoming@example.com")
    assert Resume.objects.get().original_name == "王小明的简历.pdf"
    assert [message.to for message in mail.outbox] == [["wang.xiaoming@example.com"]]


def test_a_bad_form_shows_each_message_and_writes_nothing(
    client: Client, recruitment: RecruitmentWorld, pdf_resume: bytes
) -> None:
    url = reverse("careers:detail", args=[recruitment.external.pk])
    response = client.post(url, _form(b"MZ\x90 not a pdf", email="nope", mobile="123", consent=""))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors == {
        "email": ["Enter a valid email address, e.g. name@example.com."],
        "mobile": ["Enter an 11-digit Chinese mobile number or an international one starting with +."],
        "consent": ["We can only process your application with your consent."],
        "resume": ["Upload a PDF or Word (.docx) file; this file is neither, whatever its name says."],
    }
    assert (Application.objects.count(), Resume.objects.count(), len(mail.outbox)) == (0, 0, 0)


def test_applying_again_gets_a_friendly_refusal(
    client: Client, recruitment: RecruitmentWorld, pdf_resume: bytes
) -> None:
    url = reverse("careers:detail", args=[recruitment.external.pk])
    client.post(url, _form(pdf_resume))
    response = client.post(url, _form(pdf_resume, email="WANG.XIAOMING@example.com"))
    assert response.status_code == 409
    assert "You already applied to this opening on " in response.content.decode()
    assert (Application.objects.count(), Resume.objects.count()) == (1, 1)


def test_the_honeypot_gets_the_thank_you_and_writes_nothing(
    client: Client, recruitment: RecruitmentWorld, pdf_resume: bytes
) -> None:
    url = reverse("careers:detail", args=[recruitment.external.pk])
    response = client.post(url, _form(pdf_resume, website="http://spam.example"))
    assert response.status_code == 302
    assert (Application.objects.count(), Resume.objects.count(), len(mail.outbox)) == (0, 0, 0)


@override_settings(CAREERS_APPLICATIONS_PER_HOUR=2)
def test_submissions_are_limited_per_address(client: Client, recruitment: RecruitmentWorld) -> None:
    url = reverse("careers:detail", args=[recruitment.external.pk])
    statuses = [client.post(url, {"full_name": ""}).status_code for _ in range(3)]
    other_address = client.post(url, {"full_name": ""}, REMOTE_ADDR="10.0.0.9").status_code
    assert statuses == [400, 400, 429]
    assert other_address == 400
    assert Application.objects.count() == 0


def test_the_site_speaks_chinese_and_english(client: Client, recruitment: RecruitmentWorld) -> None:
    chinese = client.get(reverse("careers:detail", args=[recruitment.external.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    english = client.get(reverse("careers:detail", args=[recruitment.external.pk]))
    assert [r.dimension for r in chinese.context["requirements"]] == ["问题解决"]
    assert [r.dimension for r in english.context["requirements"]] == ["Problem solving"]


def test_a_signed_in_employee_sees_the_same_list(client: Client, employee: User, recruitment: RecruitmentWorld) -> None:
    client.force_login(employee)
    response = client.get(reverse("careers:list"))
    assert set(response.context["openings"]) == {recruitment.external, recruitment.internal}


def test_an_empty_form_names_every_required_field(client: Client, recruitment: RecruitmentWorld) -> None:
    response = client.post(reverse("careers:detail", args=[recruitment.external.pk]), {})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "full_name": ["This field is required."],
        "email": ["This field is required."],
        "mobile": ["This field is required."],
        "consent": ["We can only process your application with your consent."],
        "resume": ["Required."],
    }
    assert Application.objects.count() == 0
