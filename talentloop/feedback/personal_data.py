"""feedback's part of "my data" (see talentloop/core/personal_data.py).

For now it holds the person's re-applications after an interview they did not pass; the reports, growth paths and
review requests of this room can join this part (or a sibling part) through the same contract."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from talentloop.core.personal_data import PersonalDataPart, Subject, personal_data_part_register
from talentloop.feedback.reapplication_selectors import reapplication_list_for_person, reapplication_rows
from talentloop.feedback.services.reapplications import person_reapplications_erase


@personal_data_part_register
class ReapplicationsPart(PersonalDataPart):
    key = "reapplications"
    floor = 5
    title = _("Re-applications")

    def export(self, subject: Subject) -> dict[str, Any]:
        rows = reapplication_rows(reapplication_list_for_person(person_id=subject.person_id).order_by("requested_at"))
        return {
            "reapplications": [
                {
                    "position": row.reapplication.job_profile.position.title,
                    "interview_not_passed_submitted_at": row.reapplication.previous_session.submitted_at,
                    "reapplied_at": row.reapplication.requested_at,
                    "reapplied_because": row.reapplication.basis,
                    "weak_dimensions": row.reapplication.weak_dimensions,
                    "questions": row.reapplication.question_codes,
                    "questions_asked_again": row.reapplication.repeated_question_codes,
                    "new_interview_invited_at": row.reapplication.invitation.created_at,
                    "status": row.status,
                }
                for row in rows
            ]
        }

    def records(self, subject: Subject) -> Iterable[tuple[str, str]]:
        for pk in reapplication_list_for_person(person_id=subject.person_id).values_list("pk", flat=True):
            yield ("feedback.reapplication", str(pk))

    def erase(self, subject: Subject) -> dict[str, int]:
        return person_reapplications_erase(person_id=subject.person_id)
