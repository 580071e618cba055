"""Applying from the careers site: validation (nothing written on any bad field), the résumé and its extraction,
linking to the person already known, possible duplicates, and "my data" / erasure of the résumé."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import translation

from talentloop.accounts.models import User
from talentloop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.personal_data import Subject
from talentloop.interviews.models import Invitation
from talentloop.org.models import Candidate, Person
from talentloop.recruitment.careers_services import (
    careers_apply,
    mobile_normalise,
    possible_duplicate_dismiss,
    resume_extract,
)
from talentloop.recruitment.errors import RecruitmentErrorCode
from talentloop.recruitment.models import Application, PossibleDuplicate, Resume
from talentloop.recruitment.personal_data import ResumesPart
from talentloop.recruitment.resume_text import DOCX, PDF
from talentloop.recruitment.selectors import ResumeFeatures, resume_features_list
from talentloop.recruitment.tests.careers_fixtures import DOCX_LINES, PDF_LINES, application_input, upload
from talentloop.recruitment.tests.fixtures import RecruitmentWorld

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _nothing_written() -> None:
    assert Application.objects.count() == 0
    assert Resume.objects.count() == 0
    assert Person.objects.filter(full_name="王小明").count() == 0
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("mobile", "expected"),
    [
        ("13912345678", "13912345678"),
        ("+86 139 1234 5678", "13912345678"),
        ("139-1234-5678", "13912345678"),
        ("+44 7700 900123", "447700900123"),
        ("+8612345", None),  # +86 but not a Chinese mobile
        ("12912345678", None),  # 12x is not a mobile prefix
        ("1391234567", None),  # 10 digits
        ("07700 900123", None),  # national format without +
        ("+0123456789", None),
    ],
)
def test_mobile_normalise(mobile: str, expected: str | None) -> None:
    assert mobile_normalise(mobile) == expected


def test_applying_creates_person_candidate_application_resume_and_emails_the_interview(
    recruitment: RecruitmentWorld, pdf_resume: bytes, django_capture_on_commit_callbacks: Any
) -> None:
    # when
    with django_capture_on_commit_callbacks(execute=True):
        application = careers_apply(opening=recruitment.external, data=application_input(upload(pdf_resume)))

    # then
    application.refresh_from_db()
    person = application.person
    assert (person.full_name, person.email, person.mobile) == ("王小明", "wang.xiaoming@example.com", "13912345678")
    assert (application.source, application.motivation) == ("external", "期待加入。")
    assert application.consented_at is not None
    candidate = application.candidate
    assert (candidate.person, candidate.source, candidate.applied_position) == (
        person,
        "Careers site",
        recruitment.external.position,
    )
    resume = Resume.objects.get()
    assert (resume.application, resume.person, resume.original_name, resume.content_type) == (
        application,
        person,
        "resume.pdf",
        PDF,
    )
    assert resume.size == len(pdf_resume)
    assert resume.file.name.startswith("resumes/") and resume.file.name.endswith(".pdf")
    assert "resume" not in resume.file.name.removeprefix("resumes/")  # a random name, not the applicant's
    assert resume.text == "\n".join(PDF_LINES)
    assert resume.features["highest_degree"] == {"value": "master", "rule": "degree keyword '硕士'"}
    assert resume.extraction_error == "" and resume.extracted_at is not None
    assert application.invitation is not None and application.invitation.send_count == 1
    assert [message.to for message in mail.outbox] == [["wang.xiaoming@example.com"]]
    assert AuditEvent.objects.filter(object_type="recruitment.application", action="create").count() == 1


def test_a_docx_resume_is_read_too(
    recruitment: RecruitmentWorld, docx_resume: bytes, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        careers_apply(opening=recruitment.external, data=application_input(upload(docx_resume, "cv.docx")))
    resume = Resume.objects.get()
    assert (resume.content_type, resume.text) == (DOCX, "\n".join(DOCX_LINES))
    assert resume.features == {
        "years_of_experience": {"value": 5, "rule": "stated '5 years of experience'"},
        "highest_degree": {"value": "bachelor", "rule": "degree keyword 'Bachelor'"},
    }


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"full_name": "  "}, "full_name", "This field is required."),
        ({"email": ""}, "email", "This field is required."),
        ({"email": "wang@"}, "email", "Enter a valid email address, e.g. name@example.com."),
        ({"mobile": ""}, "mobile", "This field is required."),
        (
            {"mobile": "12345"},
            "mobile",
            "Enter an 11-digit Chinese mobile number or an international one starting with +.",
        ),
        ({"consent": False}, "consent", "We can only process your application with your consent."),
        ({"note": "字" * 1001}, "note", "Use at most 1000 characters."),
        ({"resume": None}, "resume", "Required."),
    ],
)
def test_each_bad_field_is_refused_with_its_message_and_nothing_is_written(
    recruitment: RecruitmentWorld, pdf_resume: bytes, changes: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        careers_apply(opening=recruitment.external, data=application_input(**{"resume": upload(pdf_resume), **changes}))
    assert caught.value.code == RecruitmentErrorCode.APPLICATION_INVALID
    assert caught.value.fields == {field: [message]}
    _nothing_written()


@pytest.mark.parametrize(
    "content",
    [b"MZ\x90\x00 an exe called resume.pdf", b"PK\x03\x04 not a real zip", b"%!PS-Adobe-3.0 PostScript"],
)
def test_a_file_that_is_not_pdf_or_docx_by_content_is_refused(recruitment: RecruitmentWorld, content: bytes) -> None:
    with pytest.raises(ValidationFailed) as caught:
        careers_apply(opening=recruitment.external, data=application_input(upload(content, "resume.pdf")))
    assert caught.value.fields == {
        "resume": ["Upload a PDF or Word (.docx) file; this file is neither, whatever its name says."]
    }
    _nothing_written()


@override_settings(CAREERS_RESUME_MAX_MB=1)
def test_a_resume_over_the_size_limit_is_refused(recruitment: RecruitmentWorld) -> None:
    too_big = b"%PDF-1.7\n" + b"0" * (1024 * 1024)
    with pytest.raises(ValidationFailed) as caught:
        careers_apply(opening=recruitment.external, data=application_input(upload(too_big)))
    assert caught.value.fields == {"resume": ["The résumé is larger than 1 MB."]}
    _nothing_written()


def test_an_internal_only_opening_is_refused(recruitment: RecruitmentWorld, pdf_resume: bytes) -> None:
    # given
    recruitment.internal.public = False
    recruitment.internal.save()

    # when / then
    with pytest.raises(PermissionDenied) as caught:
        careers_apply(opening=recruitment.internal, data=application_input(upload(pdf_resume)))
    assert caught.value.code == RecruitmentErrorCode.APPLICATION_NOT_ALLOWED
    _nothing_written()


def test_a_broken_pdf_keeps_the_application_with_a_clear_error(
    recruitment: RecruitmentWorld, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        application = careers_apply(
            opening=recruitment.external, data=application_input(upload(b"%PDF-1.4\n garbage, no objects"))
        )
    resume = Resume.objects.get()
    assert resume.application == application
    assert (resume.text, resume.features) == ("", {})
    assert resume.extraction_error.startswith("The PDF could not be read (")
    assert resume.extracted_at is not None
    # and running the task again changes nothing
    first = resume.extracted_at
    assert resume_extract(resume_id=resume.pk) is False
    resume.refresh_from_db()
    assert resume.extracted_at == first


def test_extraction_is_idempotent_and_a_missing_resume_is_no_error(
    recruitment: RecruitmentWorld, pdf_resume: bytes, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        careers_apply(opening=recruitment.external, data=application_input(upload(pdf_resume)))
    resume = Resume.objects.get()
    assert resume_extract(resume_id=resume.pk) is True
    assert Resume.objects.get().extracted_at == resume.extracted_at
    assert resume_extract(resume_id=resume.pk + 1000) is False


def test_applying_twice_to_the_same_opening_is_refused_even_with_other_spelling(
    recruitment: RecruitmentWorld, pdf_resume: bytes
) -> None:
    # given
    careers_apply(opening=recruitment.external, data=application_input(upload(pdf_resume)))

    # when: same email in other case, mobile written another way
    with pytest.raises(Conflict) as caught:
        careers_apply(
            opening=recruitment.external,
            data=application_input(upload(pdf_resume), email="WANG.xiaoming@example.com ", mobile="13912345678"),
        )

    # then
    assert caught.value.code == RecruitmentErrorCode.APPLICATION_DUPLICATE
    assert caught.value.message.startswith("You already applied to this opening on ")
    assert (Application.objects.count(), Resume.objects.count(), Person.objects.filter(full_name="王小明").count()) == (
        1,
        1,
        1,
    )


def test_an_applicant_known_by_mobile_is_linked_to_that_person(
    recruitment: RecruitmentWorld, candidate_b: User, pdf_resume: bytes
) -> None:
    # given candidate_b (吴杰, 13800138002, already a candidate) applies with a new email and +86 mobile
    people = Person.objects.count()

    # when
    application = careers_apply(
        opening=recruitment.external,
        data=application_input(upload(pdf_resume), full_name="吴杰", email="new@example.com", mobile="+8613800138002"),
    )

    # then no second person, the existing candidate record, and the person's details unchanged
    assert Person.objects.count() == people
    assert application.person == candidate_b.person
    assert application.candidate == Candidate.objects.get(person=candidate_b.person)
    candidate_b.person.refresh_from_db()
    assert candidate_b.person.email == "wu.jie@example.com"
    assert PossibleDuplicate.objects.count() == 0


def test_email_of_one_person_and_mobile_of_another_is_a_possible_duplicate(
    hr: User, recruitment: RecruitmentWorld, candidate_a: User, candidate_b: User, pdf_resume: bytes
) -> None:
    # when: candidate_a's email, candidate_b's mobile
    application = careers_apply(
        opening=recruitment.external,
        data=application_input(upload(pdf_resume), email="zhou.ting@example.com", mobile="138 0013 8002"),
    )

    # then linked to the email's person, flagged once
    assert application.person == candidate_a.person
    pair = PossibleDuplicate.objects.get()
    assert (pair.person, pair.other_person, pair.application, pair.status) == (
        candidate_a.person,
        candidate_b.person,
        application,
        "open",
    )

    # when HR dismisses it
    possible_duplicate_dismiss(actor=hr, duplicate=pair)

    # then
    pair.refresh_from_db()
    assert (pair.status, pair.decided_by) == ("dismissed", hr)
    assert AuditEvent.objects.filter(object_type="recruitment.possibleduplicate", actor=hr).count() == 1
    with pytest.raises(Conflict):
        possible_duplicate_dismiss(actor=hr, duplicate=pair)


def test_my_data_exports_the_resume_and_erasure_deletes_it(
    recruitment: RecruitmentWorld,
    candidate_a: User,
    candidate_b: User,
    pdf_resume: bytes,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given
    with django_capture_on_commit_callbacks(execute=True):
        application = careers_apply(
            opening=recruitment.external,
            data=application_input(upload(pdf_resume), email="zhou.ting@example.com", mobile="13800138002"),
        )
    resume = Resume.objects.get()
    storage, name = resume.file.storage, resume.file.name
    part = ResumesPart()
    subject = Subject(person_id=candidate_a.person.pk)

    # when
    exported = part.export(subject)
    records = list(part.records(subject))
    erased = part.erase(subject)

    # then
    assert exported == {
        "resumes": [
            {
                "opening": "后端工程师",
                "file_name": "resume.pdf",
                "content_type": PDF,
                "size_bytes": len(pdf_resume),
                "sha256": resume.sha256,
                "uploaded_at": resume.created_at,
                "extracted_text": "\n".join(PDF_LINES),
                "structured_features": resume.features,
                "extraction_error": "",
            }
        ]
    }
    assert records == [("recruitment.resume", str(resume.pk))]
    assert erased == {"resumes_deleted": 1, "possible_duplicates_deleted": 1}
    assert Resume.objects.count() == 0 and not storage.exists(name)
    assert Application.objects.filter(pk=application.pk).exists()  # the application row stays for the funnel
    assert part.erase(subject) == {}  # safe to run twice
    assert part.export(Subject(person_id=candidate_b.person.pk)) == {"resumes": []}


def test_resume_features_list_for_analytics(
    recruitment: RecruitmentWorld,
    pdf_resume: bytes,
    docx_resume: bytes,
    candidate_a: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a read PDF, a read DOCX and an unreadable file
    with django_capture_on_commit_callbacks(execute=True):
        pdf = careers_apply(opening=recruitment.external, data=application_input(upload(pdf_resume)))
        docx = careers_apply(
            opening=recruitment.external,
            data=application_input(upload(docx_resume, "cv.docx"), email="li.lei@example.com", mobile="13700000001"),
        )
        broken = careers_apply(
            opening=recruitment.external,
            data=application_input(upload(b"%PDF-1.4 broken"), email="x@example.com", mobile="13700000002"),
        )

    # when
    features = resume_features_list(application_ids=[pdf.pk, docx.pk, broken.pk])

    # then (the PDF's "至今" counts to today, so only its degree is pinned here)
    assert set(features) == {pdf.pk, docx.pk}
    assert features[pdf.pk].highest_degree == "master"
    assert features[docx.pk] == ResumeFeatures(years_of_experience=5, highest_degree="bachelor")
