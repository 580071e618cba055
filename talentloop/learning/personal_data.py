"""learning's part of "my data": an employee's mentor profile (see talentloop/core/personal_data.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from talentloop.core.personal_data import PersonalDataPart, Subject, personal_data_part_register
from talentloop.learning.models import Mentor
from talentloop.learning.services import mentor_erase


@personal_data_part_register
class LearningPart(PersonalDataPart):
    """Courses and practice projects are the company's library; only a mentor profile is about a person. (A
    candidate's enrolments and completion evidence live on their growth path, in ``feedback``'s part.)"""

    key = "learning"
    floor = 2
    title = _("Mentor profile")

    def export(self, subject: Subject) -> dict[str, Any]:
        mentor = (
            Mentor.objects.prefetch_related("targets__dimension").filter(employee__person_id=subject.person_id).first()
        )
        if mentor is None:
            return {}
        return {
            "mentor": {
                "published": mentor.is_active,
                "capacity": mentor.capacity,
                "introduction": mentor.introduction,
                "coaches": [
                    {"dimension": target.dimension.name, "from_level": target.level_from, "to_level": target.level_to}
                    for target in mentor.targets.all()
                ],
                "recorded_at": mentor.created_at,
                "updated_at": mentor.updated_at,
            }
        }

    def records(self, subject: Subject) -> Iterable[tuple[str, str]]:
        for mentor_id in Mentor.objects.filter(employee__person_id=subject.person_id).values_list("pk", flat=True):
            yield ("learning.mentor", str(mentor_id))

    def erase(self, subject: Subject) -> dict[str, int]:
        return mentor_erase(person_id=subject.person_id)
