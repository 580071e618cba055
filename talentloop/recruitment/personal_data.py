"""recruitment's part of "my data": the person's applications and what they wrote in them
(see talentloop/core/personal_data.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from talentloop.core.personal_data import PersonalDataPart, Subject, personal_data_part_register
from talentloop.recruitment.careers_services import person_resumes_erase
from talentloop.recruitment.models import Application, Resume
from talentloop.recruitment.services import person_applications_erase


@personal_data_part_register
class ApplicationsPart(PersonalDataPart):
    key = "applications"
    floor = 5
    title = _("Applications")

    def export(self, subject: Subject) -> dict[str, Any]:
        applications = (
            Application.objects.filter(person_id=subject.person_id)
            .select_related("opening__position", "opening__department", "stage")
            .order_by("created_at", "pk")
        )
        return {
            "applications": [
                {
                    "opening": application.opening.title,
                    "position": application.opening.position.title,
                    "department": application.opening.department.name,
                    "source": application.source,
                    "status": application.status,
                    "motivation": application.motivation,
                    "applied_at": application.created_at,
                    "withdrawn_at": application.withdrawn_at,
                    "stage": application.stage.name if application.stage else None,
                    "rejection_reason": application.rejection_reason,
                    "decided_at": application.decided_at,
                    "interview_invitation": application.invitation_id,
                }
                for application in applications
            ]
        }

    def records(self, subject: Subject) -> Iterable[tuple[str, str]]:
        ids = Application.objects.filter(person_id=subject.person_id).values_list("pk", flat=True)
        return [("recruitment.application", str(pk)) for pk in ids]

    def erase(self, subject: Subject) -> dict[str, int]:
        return person_applications_erase(person_id=subject.person_id)


@personal_data_part_register
class ResumesPart(PersonalDataPart):
    """The résumés the person uploaded on the careers site: file details, the text read from them and the features
    derived from that text. Erasure deletes the files and their rows."""

    key = "resumes"
    floor = 5
    title = _("Résumés")

    def export(self, subject: Subject) -> dict[str, Any]:
        resumes = (
            Resume.objects.filter(person_id=subject.person_id)
            .select_related("application__opening")
            .order_by("created_at", "pk")
        )
        return {
            "resumes": [
                {
                    "opening": resume.application.opening.title,
                    "file_name": resume.original_name,
                    "content_type": resume.content_type,
                    "size_bytes": resume.size,
                    "sha256": resume.sha256,
                    "uploaded_at": resume.created_at,
                    "extracted_text": resume.text,
                    "structured_features": resume.features,
                    "extraction_error": resume.extraction_error,
                }
                for resume in resumes
            ]
        }

    def records(self, subject: Subject) -> Iterable[tuple[str, str]]:
        ids = Resume.objects.filter(person_id=subject.person_id).values_list("pk", flat=True)
        return [("recruitment.resume", str(pk)) for pk in ids]

    def erase(self, subject: Subject) -> dict[str, int]:
        return person_resumes_erase(person_id=subject.person_id)
