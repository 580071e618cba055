"""Openings and applications: validation with every problem named, refusals that write nothing, and the
application that creates its AI interview invitation through the interviews app's own service."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from talentloop.accounts.models import User
from talentloop.conftest import Organisation
from talentloop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.tests.helpers import translated
from talentloop.interviews.models import Invitation
from talentloop.interviews.services.invitations import InvitationStatus, invitation_status
from talentloop.org.access import actor_get
from talentloop.org.models import Candidate, Role
from talentloop.recruitment.errors import RecruitmentErrorCode
from talentloop.recruitment.models import Application, Opening
from talentloop.recruitment.services import (
    OpeningInput,
    application_create,
    application_withdraw,
    opening_close,
    opening_create,
    opening_open,
    opening_update,
    person_applications_erase,
)
from talentloop.recruitment.tests.fixtures import MOTIVATION, RecruitmentWorld

pytestmark = pytest.mark.django_db


def _written() -> dict[str, int]:
    return {
        "openings": Opening.objects.count(),
        "applications": Application.objects.count(),
        "invitations": Invitation.objects.count(),
        "candidates": Candidate.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


# --- openings -------------------------------------------------------------------------------------------------


def test_opening_create_saves_a_draft_with_the_position_department_and_job_profile(
    org: Organisation, hr: User, sales_manager: User, recruitment: RecruitmentWorld
) -> None:
    # when
    opening = opening_create(
        actor=hr,
        company=org.company,
        data=OpeningInput(
            title="  大客户销售代表 ",
            position=org.sales_representative,
            interview_template=recruitment.sales_template,
            hiring_manager=sales_manager,
            headcount="3",
            internal=True,
        ),
    )

    # then
    opening.refresh_from_db()
    assert (opening.title, opening.status, opening.headcount, opening.internal) == (
        "大客户销售代表",
        Opening.Status.DRAFT,
        3,
        True,
    )
    assert opening.department == org.sales_east
    assert opening.job_profile == recruitment.sales_template.job_profile
    assert opening.created_by == hr
    assert AuditEvent.objects.filter(action="create", object_type="recruitment.opening").count() == 4


def test_opening_create_names_every_bad_field_and_writes_nothing(
    org: Organisation, hr: User, rnd_manager: User, recruitment: RecruitmentWorld
) -> None:
    # given
    before = _written()

    # when
    with pytest.raises(ValidationFailed) as caught:
        opening_create(
            actor=hr,
            company=org.company,
            data=OpeningInput(title=" ", position=None, headcount="zero"),
        )

    # then
    assert caught.value.code == RecruitmentErrorCode.OPENING_INVALID
    assert caught.value.fields == translated(
        {
            "title": ["This field is required."],
            "headcount": ["Enter a whole number of people, e.g. 1."],
            "position": ["This field is required."],
        }
    )
    assert _written() == before


@pytest.mark.parametrize("headcount", ["0", "1000", "-1"])
def test_opening_headcount_must_be_between_1_and_999(
    org: Organisation, hr: User, recruitment: RecruitmentWorld, headcount: str
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        opening_create(
            actor=hr,
            company=org.company,
            data=OpeningInput(title="销售", position=org.sales_representative, headcount=headcount),
        )
    assert caught.value.fields == translated({"headcount": ["Headcount must be between 1 and 999."]})


def test_opening_refuses_another_positions_template_and_a_manager_of_another_department(
    org: Organisation, hr: User, rnd_manager: User, recruitment: RecruitmentWorld
) -> None:
    # given
    before = _written()

    # when
    with pytest.raises(ValidationFailed) as caught:
        opening_create(
            actor=hr,
            company=org.company,
            data=OpeningInput(
                title="销售",
                position=org.sales_representative,
                interview_template=recruitment.backend_template,
                hiring_manager=rnd_manager,
            ),
        )

    # then
    assert sorted(caught.value.fields) == ["hiring_manager", "interview_template"]
    assert _written() == before


def test_opening_open_needs_a_template(org: Organisation, hr: User, recruitment: RecruitmentWorld) -> None:
    # given
    opening = opening_create(
        actor=hr, company=org.company, data=OpeningInput(title="销售", position=org.sales_representative)
    )
    before = _written()

    # when
    with pytest.raises(ValidationFailed) as caught:
        opening_open(actor=hr, opening=opening)

    # then
    assert caught.value.code == RecruitmentErrorCode.OPENING_INVALID
    assert list(caught.value.fields) == ["interview_template"]
    opening.refresh_from_db()
    assert opening.status == Opening.Status.DRAFT
    assert _written() == before


def test_opening_open_close_and_reopen(hr: User, recruitment: RecruitmentWorld) -> None:
    # when
    opened = opening_open(actor=hr, opening=recruitment.draft)
    with pytest.raises(Conflict) as again:
        opening_open(actor=hr, opening=opened)
    closed = opening_close(actor=hr, opening=opened)
    with pytest.raises(Conflict) as closed_again:
        opening_close(actor=hr, opening=closed)
    reopened = opening_open(actor=hr, opening=closed)

    # then
    assert again.value.code == closed_again.value.code == RecruitmentErrorCode.OPENING_STATUS
    assert (opened.status, closed.status, reopened.status) == ("open", "closed", "open")
    assert reopened.closed_at is None
    changes = list(
        AuditEvent.objects.filter(
            object_type="recruitment.opening", object_id=str(recruitment.draft.pk), action="update"
        )
        .order_by("pk")
        .values_list("changes", flat=True)
    )
    assert changes == [
        {"status": ["draft", "open"]},
        {"status": ["open", "closed"]},
        {"status": ["closed", "open"]},
    ]


def test_opening_update_records_old_and_new_values(hr: User, recruitment: RecruitmentWorld) -> None:
    # given
    opening = recruitment.draft

    # when
    opening_update(
        actor=hr,
        opening=opening,
        data=OpeningInput(
            title="销售代表（华南）",
            position=opening.position,
            interview_template=opening.interview_template,
            headcount=4,
            internal=True,
        ),
    )

    # then
    event = AuditEvent.objects.get(object_id=str(opening.pk), object_type="recruitment.opening", action="update")
    assert event.changes == {"title": ["销售代表（草稿）", "销售代表（华南）"], "headcount": [2, 4]}


def test_opening_update_keeps_position_and_interview_once_people_applied(
    org: Organisation, hr: User, recruitment: RecruitmentWorld, application: Application
) -> None:
    # given
    opening = recruitment.internal

    # when
    with pytest.raises(ValidationFailed) as caught:
        opening_update(
            actor=hr,
            opening=opening,
            data=OpeningInput(title="后端", position=org.backend_engineer, interview_template=None),
        )

    # then
    assert sorted(caught.value.fields) == ["interview_template", "position"]
    opening.refresh_from_db()
    assert (opening.title, opening.position) == ("华南销售代表", org.sales_representative)


# --- applications ---------------------------------------------------------------------------------------------


def test_application_create_makes_the_employee_a_candidate_and_invites_them_to_the_ai_interview(
    org: Organisation, employee: User, recruitment: RecruitmentWorld
) -> None:
    # given
    assert actor_get(employee).roles == frozenset({Role.EMPLOYEE})

    # when
    application = application_create(
        actor=employee, opening=recruitment.internal, person=employee.person, motivation=f"  {MOTIVATION}  "
    )

    # then
    application.refresh_from_db()
    assert (application.source, application.status, application.motivation) == ("internal", "active", MOTIVATION)
    candidate = application.candidate
    assert (candidate.person, candidate.applied_position) == (employee.person, org.sales_representative)
    invitation = application.invitation
    assert invitation is not None
    assert (invitation.candidate, invitation.template) == (candidate, recruitment.sales_template)
    assert invitation_status(invitation) == InvitationStatus.PENDING
    assert invitation.send_count == 0 and mail.outbox == []  # the link is shown in the portal, not emailed
    assert actor_get(employee).roles == frozenset({Role.EMPLOYEE, Role.CANDIDATE})
    assert sorted(AuditEvent.objects.filter(actor=employee, action="create").values_list("object_type", flat=True)) == [
        "interviews.invitation",
        "org.candidate",
        "recruitment.application",
    ]


def test_a_second_application_keeps_the_candidate_record(
    org: Organisation, hr: User, employee: User, recruitment: RecruitmentWorld, application: Application
) -> None:
    # given another open internal opening with another template
    other = opening_open(
        actor=hr,
        opening=opening_create(
            actor=hr,
            company=org.company,
            data=OpeningInput(
                title="后端（内部）",
                position=org.backend_engineer,
                interview_template=recruitment.backend_template,
                internal=True,
            ),
        ),
    )

    # when
    second = application_create(actor=employee, opening=other, person=employee.person, motivation="想转技术岗")

    # then
    assert second.candidate == application.candidate
    assert second.candidate.applied_position == org.sales_representative
    assert Candidate.objects.filter(person=employee.person).count() == 1
    assert Invitation.objects.filter(candidate=second.candidate).count() == 2


def test_applying_twice_is_refused_and_writes_nothing(
    employee: User, recruitment: RecruitmentWorld, application: Application
) -> None:
    # given
    before = _written()

    # when
    with pytest.raises(Conflict) as caught:
        application_create(actor=employee, opening=recruitment.internal, person=employee.person, motivation="再来")

    # then
    assert caught.value.code == RecruitmentErrorCode.APPLICATION_DUPLICATE
    assert _written() == before


def test_a_withdrawn_application_still_counts_as_applied(
    employee: User, recruitment: RecruitmentWorld, application: Application
) -> None:
    # given
    application_withdraw(actor=employee, application=application)

    # when / then
    with pytest.raises(Conflict) as caught:
        application_create(actor=employee, opening=recruitment.internal, person=employee.person, motivation="再来")
    assert caught.value.code == RecruitmentErrorCode.APPLICATION_DUPLICATE


@pytest.mark.parametrize(
    ("motivation", "message"),
    [
        ("   ", "This field is required."),
        ("很" * 1001, "Too long."),
    ],
)
def test_the_motivation_is_required_and_short(
    employee: User, recruitment: RecruitmentWorld, motivation: str, message: str
) -> None:
    # given
    before = _written()

    # when
    with pytest.raises(ValidationFailed) as caught:
        application_create(actor=employee, opening=recruitment.internal, person=employee.person, motivation=motivation)

    # then
    assert caught.value.code == RecruitmentErrorCode.APPLICATION_INVALID
    assert caught.value.fields == translated({"motivation": [message]})
    assert _written() == before


def test_only_open_internal_openings_take_internal_applications(
    hr: User, employee: User, recruitment: RecruitmentWorld
) -> None:
    # given
    closed = opening_close(actor=hr, opening=opening_open(actor=hr, opening=recruitment.draft))
    before = _written()

    # when
    refusals: dict[str, Any] = {}
    for name, opening in (("closed", closed), ("external", recruitment.external)):
        with pytest.raises((Conflict, PermissionDenied)) as caught:
            application_create(actor=employee, opening=opening, person=employee.person, motivation=MOTIVATION)
        refusals[name] = caught.value.code

    # then
    assert refusals == {
        "closed": RecruitmentErrorCode.OPENING_NOT_OPEN,
        "external": RecruitmentErrorCode.APPLICATION_NOT_ALLOWED,
    }
    assert _written() == before


def test_a_candidate_who_is_not_an_employee_cannot_apply_internally(
    candidate_a: User, recruitment: RecruitmentWorld
) -> None:
    # given
    before = _written()

    # when
    with pytest.raises(PermissionDenied) as caught:
        application_create(
            actor=candidate_a, opening=recruitment.internal, person=candidate_a.person, motivation=MOTIVATION
        )

    # then
    assert caught.value.code == RecruitmentErrorCode.APPLICATION_NOT_ALLOWED
    assert _written() == before


def test_an_open_invitation_to_the_same_interview_refuses_the_application_whole(
    org: Organisation, hr: User, employee: User, recruitment: RecruitmentWorld, application: Application
) -> None:
    # given a second opening that uses the same template, while the first interview is still open
    twin = opening_open(
        actor=hr,
        opening=opening_create(
            actor=hr,
            company=org.company,
            data=OpeningInput(
                title="销售（双岗）",
                position=org.sales_representative,
                interview_template=recruitment.sales_template,
                internal=True,
            ),
        ),
    )
    before = _written()

    # when
    with pytest.raises(Conflict):
        application_create(actor=employee, opening=twin, person=employee.person, motivation=MOTIVATION)

    # then
    assert _written() == before


def test_withdrawing_revokes_an_interview_not_yet_taken(employee: User, application: Application) -> None:
    # when
    withdrawn = application_withdraw(actor=employee, application=application)
    with pytest.raises(Conflict) as again:
        application_withdraw(actor=employee, application=withdrawn)

    # then
    assert withdrawn.status == Application.Status.WITHDRAWN
    assert withdrawn.withdrawn_at is not None
    assert withdrawn.invitation is not None
    withdrawn.invitation.refresh_from_db()
    assert invitation_status(withdrawn.invitation) == InvitationStatus.REVOKED
    assert again.value.code == RecruitmentErrorCode.APPLICATION_STATUS


def test_person_applications_erase_blanks_the_motivation_once(employee: User, application: Application) -> None:
    # when
    first = person_applications_erase(person_id=employee.person.pk)
    second = person_applications_erase(person_id=employee.person.pk)

    # then
    application.refresh_from_db()
    assert (first, second, application.motivation) == ({"application_motivations_erased": 1}, {}, "")
    assert Application.objects.count() == 1
