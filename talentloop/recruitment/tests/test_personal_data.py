"""recruitment's part of "my data": exactly the person's applications; erasing blanks what they wrote."""

from __future__ import annotations

import pytest

from talentloop.accounts.models import User
from talentloop.core.personal_data import Subject
from talentloop.recruitment.models import Application
from talentloop.recruitment.personal_data import ApplicationsPart
from talentloop.recruitment.services import application_create
from talentloop.recruitment.tests.fixtures import MOTIVATION, RecruitmentWorld

pytestmark = pytest.mark.django_db


def test_export_records_and_erase(
    employee: User, colleague: User, recruitment: RecruitmentWorld, application: Application
) -> None:
    # given a colleague's application too
    theirs = application_create(
        actor=colleague, opening=recruitment.internal, person=colleague.person, motivation="想换到销售"
    )
    part = ApplicationsPart()
    subject = Subject(person_id=employee.person.pk)

    # when
    exported = part.export(subject)
    records = list(part.records(subject))
    erased = part.erase(subject)

    # then
    assert exported == {
        "applications": [
            {
                "opening": "华南销售代表",
                "position": "销售代表",
                "department": "华东销售组",
                "source": "internal",
                "status": "active",
                "motivation": MOTIVATION,
                "applied_at": application.created_at,
                "withdrawn_at": None,
                "interview_invitation": application.invitation_id,
            }
        ]
    }
    assert records == [("recruitment.application", str(application.pk))]
    assert erased == {"application_motivations_erased": 1}
    assert part.erase(subject) == {}
    theirs.refresh_from_db()
    assert theirs.motivation == "想换到销售"
