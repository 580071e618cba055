"""org's part of "my data": the person, their candidate and employee records (see talentloop/core/personal_data.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from talentloop.core.personal_data import Hold, PersonalDataPart, Subject, personal_data_part_register
from talentloop.org.models import Candidate, Employee, Person
from talentloop.org.services import person_anonymise


@personal_data_part_register
class OrganisationPart(PersonalDataPart):
    key = "organisation"
    floor = 1
    title = _("Person, candidate and employee records")

    def export(self, subject: Subject) -> dict[str, Any]:
        person = Person.objects.filter(pk=subject.person_id).first()
        if person is None:
            return {}
        data: dict[str, Any] = {
            "person": {
                "full_name": person.full_name,
                "email": person.email,
                "mobile": person.mobile,
                "company": person.company.name,
                "recorded_at": person.created_at,
                "erased_at": person.erased_at,
            }
        }
        candidate = Candidate.objects.select_related("applied_position__department").filter(person=person).first()
        if candidate is not None:
            # Interviewer assignments are left out: they name other people.
            data["candidate"] = {
                "applied_position": candidate.applied_position.title,
                "department": candidate.applied_position.department.name,
                "source": candidate.source,
                "status": candidate.status,
                "notes": candidate.notes,
                "recorded_at": candidate.created_at,
                "updated_at": candidate.updated_at,
            }
        employee = Employee.objects.select_related("department", "position").filter(person=person).first()
        if employee is not None:
            data["employee"] = {
                "employee_number": employee.employee_number,
                "department": employee.department.name,
                "position": employee.position.title if employee.position else None,
                "hired_on": employee.hired_on,
                "status": employee.status,
                "recorded_at": employee.created_at,
            }
        return data

    def records(self, subject: Subject) -> Iterable[tuple[str, str]]:
        yield ("org.person", str(subject.person_id))
        for candidate_id in Candidate.objects.filter(person_id=subject.person_id).values_list("pk", flat=True):
            yield ("org.candidate", str(candidate_id))
        for employee_id in Employee.objects.filter(person_id=subject.person_id).values_list("pk", flat=True):
            yield ("org.employee", str(employee_id))

    def holds(self, subject: Subject) -> list[Hold]:
        employee = Employee.objects.filter(person_id=subject.person_id, status=Employee.Status.ACTIVE).first()
        if employee is None:
            return []
        return [
            Hold(
                code="active_employment",
                message=str(_("The person is an active employee; employment records are kept while they work here.")),
                params={"employee_id": employee.pk},
            )
        ]

    def erase(self, subject: Subject) -> dict[str, int]:
        return person_anonymise(person_id=subject.person_id)
