"""Writes of the careers site: applying with a résumé, reading the résumé's text, and HR's review of possible
duplicate people (docs/decisions/0029-careers-page-and-resumes.md).

``careers_apply`` checks every field first and writes nothing when one is wrong. It links the applicant to the
person the company already knows by email (else by mobile) instead of creating a second one, and creates the
application through ``services.application_create``, so the pipeline's rules for a new application apply to it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from talentloop.core.exceptions import Conflict, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.org.services import person_create
from talentloop.recruitment.errors import RecruitmentErrorCode
from talentloop.recruitment.models import MAX_MOTIVATION_CHARACTERS, Application, Opening, PossibleDuplicate, Resume
from talentloop.recruitment.resume_text import ResumeUnreadable, resume_content_type, resume_features, resume_text
from talentloop.recruitment.selectors import person_match_by_contact
from talentloop.recruitment.services import ResumeUpload, application_create

MAX_NAME_CHARACTERS = 200
_CHINESE_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_E164 = re.compile(r"^\+[1-9]\d{7,14}$")


def email_normalise(email: str) -> str:
    return email.strip().lower()


def mobile_normalise(mobile: str) -> str | None:
    """The digits of a valid mobile number with a +86 prefix stripped, or None when it is neither a Chinese 11-digit
    mobile (13812345678, +86 138 1234 5678) nor an E.164 number (+447700900123)."""
    compact = re.sub(r"[\s\-().]", "", mobile)
    if _CHINESE_MOBILE.match(compact):
        return compact
    if _E164.match(compact):
        digits = compact[1:]
        if digits.startswith("86"):
            return digits[2:] if _CHINESE_MOBILE.match(digits[2:]) else None
        return digits
    return None


def mobile_stored_form(digits: str) -> str:
    """How a new person's mobile is kept: a Chinese number as its 11 digits, another one in E.164 form."""
    return digits if _CHINESE_MOBILE.match(digits) else f"+{digits}"


def resume_upload_check(upload: Any) -> ResumeUpload:
    """The upload as a ``ResumeUpload`` when it is a PDF or DOCX (by content) within the size limit."""
    limit = settings.CAREERS_RESUME_MAX_MB * 1024 * 1024
    if upload is None:
        raise ValidationFailed(
            _("Attach your résumé."), code=RecruitmentErrorCode.APPLICATION_INVALID, fields={"resume": [_("Required.")]}
        )
    if upload.size > limit:
        message = _("The résumé is larger than %(limit)d MB.") % {"limit": settings.CAREERS_RESUME_MAX_MB}
        raise ValidationFailed(message, code=RecruitmentErrorCode.APPLICATION_INVALID, fields={"resume": [message]})
    content = upload.read(limit + 1)
    content_type = resume_content_type(content) if content else None
    if content_type is None:
        message = _("Upload a PDF or Word (.docx) file; this file is neither, whatever its name says.")
        raise ValidationFailed(message, code=RecruitmentErrorCode.APPLICATION_INVALID, fields={"resume": [message]})
    name = os.path.basename(str(upload.name or "").replace("\\", "/")).strip() or "resume"
    return ResumeUpload(content=content, original_name=name, content_type=content_type)


@dataclass
class CareersApplicationInput:
    """What a visitor fills in on the careers page; ``resume`` is the uploaded file (or None)."""

    full_name: str
    email: str
    mobile: str
    resume: Any
    consent: bool
    note: str = ""


def _careers_validate(data: CareersApplicationInput) -> tuple[str, str, ResumeUpload]:
    errors: dict[str, list[str]] = {}
    full_name = data.full_name.strip()
    if not full_name:
        errors["full_name"] = [_("This field is required.")]
    elif len(full_name) > MAX_NAME_CHARACTERS:
        errors["full_name"] = [_("Use at most 200 characters.")]
    email = email_normalise(data.email)
    if not email:
        errors["email"] = [_("This field is required.")]
    else:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("Enter a valid email address, e.g. name@example.com.")]
    mobile = mobile_normalise(data.mobile)
    if not data.mobile.strip():
        errors["mobile"] = [_("This field is required.")]
    elif mobile is None:
        errors["mobile"] = [_("Enter an 11-digit Chinese mobile number or an international one starting with +.")]
    if len(data.note.strip()) > MAX_MOTIVATION_CHARACTERS:
        errors["note"] = [_("Use at most %(limit)d characters.") % {"limit": MAX_MOTIVATION_CHARACTERS}]
    if not data.consent:
        errors["consent"] = [_("We can only process your application with your consent.")]
    resume: ResumeUpload | None = None
    try:
        resume = resume_upload_check(data.resume)
    except ValidationFailed as error:
        errors.update(error.fields)
    if errors:
        raise ValidationFailed(
            _("Your application could not be sent: check the marked fields."),
            code=RecruitmentErrorCode.APPLICATION_INVALID,
            fields=errors,
        )
    assert resume is not None and mobile is not None
    return email, mobile, resume


@transaction.atomic
def careers_apply(
    *,
    opening: Opening,
    data: CareersApplicationInput,
    request: HttpRequest | None = None,
    invitation_email: bool = True,
) -> Application:
    """An anonymous visitor applies to a public opening from the careers site.

    The applicant is the person already known by this email (else by this mobile), or a new person; their details
    on file are not changed by what a visitor typed. When the email matches one person and the mobile another, the
    application goes to the email's person and HR gets a ``PossibleDuplicate`` to review. Refused with nothing
    written: any invalid field, an opening that is not open and public, a second application by the same person."""
    email, mobile, resume = _careers_validate(data)
    person, other = person_match_by_contact(company_id=opening.company_id, email=email, mobile=mobile)
    if person is None:
        person = person_create(
            company=opening.company, full_name=data.full_name, email=email, mobile=mobile_stored_form(mobile)
        )
    application = application_create(
        actor=None,
        opening=opening,
        person=person,
        motivation=data.note,
        request=request,
        source=Application.Source.EXTERNAL,
        resume=resume,
        consented_at=timezone.now(),
        invitation_email=invitation_email,
    )
    if other is not None:
        pair = {person.pk, other.pk}
        known = PossibleDuplicate.objects.filter(person_id__in=pair, other_person_id__in=pair).exists()
        if not known:
            PossibleDuplicate.objects.create(person=person, other_person=other, application=application)
    return application


def resume_extract(*, resume_id: int) -> bool:
    """Read a stored résumé's text and features. True when text was read; False when the file cannot be read (the
    error is kept on the résumé for HR) or the résumé is gone. Safe to run twice: a finished extraction is kept."""
    resume = Resume.objects.filter(pk=resume_id).first()
    if resume is None:
        return False
    if resume.extracted_at is not None:
        return not resume.extraction_error
    with resume.file.open("rb") as handle:  # an OSError here is retried by the task
        content = handle.read()
    try:
        text = resume_text(content, resume.content_type)
    except ResumeUnreadable as error:
        Resume.objects.filter(pk=resume_id).update(
            text="", features={}, extraction_error=str(error)[:300], extracted_at=timezone.now()
        )
        return False
    Resume.objects.filter(pk=resume_id).update(
        text=text,
        features=resume_features(text, today=timezone.localdate()),
        extraction_error="",
        extracted_at=timezone.now(),
    )
    return True


@transaction.atomic
def possible_duplicate_dismiss(
    *, actor: Any, duplicate: PossibleDuplicate, request: HttpRequest | None = None
) -> PossibleDuplicate:
    """HR looked at the pair and they are two different people: the flag goes away (audited)."""
    duplicate = PossibleDuplicate.objects.select_for_update().get(pk=duplicate.pk)
    if duplicate.status != PossibleDuplicate.Status.OPEN:
        raise Conflict(_("This pair was already reviewed."), code=RecruitmentErrorCode.APPLICATION_STATUS)
    duplicate.status = PossibleDuplicate.Status.DISMISSED
    duplicate.decided_by = actor
    duplicate.decided_at = timezone.now()
    duplicate.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        target=duplicate,
        changes={"status": [PossibleDuplicate.Status.OPEN, PossibleDuplicate.Status.DISMISSED]},
        request=request,
    )
    return duplicate


@transaction.atomic
def person_resumes_erase(*, person_id: int) -> dict[str, int]:
    """Delete the person's résumés, files included, and the duplicate flags that name them. Safe to run twice."""
    counts: dict[str, int] = {}
    resumes = list(Resume.objects.filter(person_id=person_id))
    for resume in resumes:
        resume.file.delete(save=False)
    if resumes:
        counts["resumes_deleted"] = Resume.objects.filter(pk__in=[r.pk for r in resumes]).delete()[0]
    flags = PossibleDuplicate.objects.filter(person_id=person_id) | PossibleDuplicate.objects.filter(
        other_person_id=person_id
    )
    deleted = flags.delete()[0]
    if deleted:
        counts["possible_duplicates_deleted"] = deleted
    return counts
