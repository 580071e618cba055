"""Who sees which opening and which application: exact sets per persona; everyone else gets 404."""

from __future__ import annotations

import pytest

from talentloop.accounts.models import User
from talentloop.core.exceptions import NotFound, PermissionDenied
from talentloop.recruitment.access import (
    application_get_for_user,
    application_list_for_user,
    internal_opening_get_for_user,
    internal_opening_list_for_user,
    opening_get_for_user,
    opening_list_for_user,
    openings_check_manage,
    openings_check_view,
    own_application_get,
)
from talentloop.recruitment.models import Application
from talentloop.recruitment.tests.fixtures import RecruitmentWorld

pytestmark = pytest.mark.django_db


def test_console_openings_per_persona(
    personas: dict[str, User | None], colleague: User, recruitment: RecruitmentWorld
) -> None:
    # when
    seen = {
        name: sorted(opening.title for opening in opening_list_for_user(user))
        for name, user in {**personas, "colleague": colleague}.items()
    }

    # then
    assert seen == {
        "anonymous": [],
        "hr_admin": ["华南销售代表", "后端工程师", "销售代表（草稿）"],
        "hr": ["华南销售代表", "后端工程师", "销售代表（草稿）"],
        # Sales manages the internal opening and sees the draft, which is in East China Sales below Sales
        "sales_manager": ["华南销售代表", "销售代表（草稿）"],
        "rnd_manager": ["后端工程师"],
        "interviewer": [],
        "employee": [],
        "candidate_a": [],
        "candidate_b": [],
        "colleague": [],
    }


def test_page_checks(personas: dict[str, User | None]) -> None:
    # when
    outcomes: dict[str, list[str | int]] = {}
    for name, user in personas.items():
        outcome: list[str | int] = []
        for check in (openings_check_view, openings_check_manage):
            try:
                check(user)
                outcome.append("ok")
            except PermissionDenied:
                outcome.append(403)
            except NotFound:
                outcome.append(404)
        outcomes[name] = outcome

    # then
    assert outcomes == {
        "anonymous": [404, 404],
        "hr_admin": ["ok", "ok"],
        "hr": ["ok", "ok"],
        "sales_manager": ["ok", 403],
        "rnd_manager": ["ok", 403],
        "interviewer": [403, 403],
        "employee": [404, 404],
        "candidate_a": [404, 404],
        "candidate_b": [404, 404],
    }


def test_a_hiring_manager_may_read_but_not_change_an_opening(
    sales_manager: User, rnd_manager: User, recruitment: RecruitmentWorld
) -> None:
    assert opening_get_for_user(sales_manager, recruitment.internal.pk) == recruitment.internal
    with pytest.raises(PermissionDenied):
        opening_get_for_user(sales_manager, recruitment.internal.pk, intent="change")
    with pytest.raises(NotFound):
        opening_get_for_user(rnd_manager, recruitment.internal.pk)
    with pytest.raises(NotFound):
        opening_get_for_user(sales_manager, "nonsense")


def test_the_hiring_manager_named_on_an_opening_sees_it_outside_their_department(
    org: object, hr: User, rnd_manager: User, recruitment: RecruitmentWorld
) -> None:
    # given an opening in Sales whose hiring manager is rnd_manager (named directly, as HR may not do through the
    # service; the rule still holds for openings whose department moved)
    recruitment.draft.hiring_manager = rnd_manager
    recruitment.draft.save(update_fields=["hiring_manager"])

    # then
    assert sorted(o.title for o in opening_list_for_user(rnd_manager)) == ["后端工程师", "销售代表（草稿）"]


def test_employees_see_open_internal_openings_only(
    personas: dict[str, User | None], colleague: User, recruitment: RecruitmentWorld
) -> None:
    # when
    seen = {
        name: sorted(opening.title for opening in internal_opening_list_for_user(user))
        for name, user in {**personas, "colleague": colleague}.items()
    }

    # then: every active employee, staff included; never the draft or the external opening
    expected = ["华南销售代表"]
    assert seen == {
        "anonymous": [],
        "hr_admin": expected,
        "hr": expected,
        "sales_manager": expected,
        "rnd_manager": expected,
        "interviewer": expected,
        "employee": expected,
        "candidate_a": [],
        "candidate_b": [],
        "colleague": expected,
    }
    for opening in (recruitment.draft, recruitment.external):
        with pytest.raises(NotFound):
            internal_opening_get_for_user(colleague, opening.pk)


def test_applications_per_persona(personas: dict[str, User | None], colleague: User, application: Application) -> None:
    # when
    seen = {
        name: [a.pk for a in application_list_for_user(user)]
        for name, user in {**personas, "colleague": colleague}.items()
    }

    # then
    mine = [application.pk]
    assert seen == {
        "anonymous": [],
        "hr_admin": mine,
        "hr": mine,
        "sales_manager": mine,
        "rnd_manager": [],
        "interviewer": [],
        "employee": mine,
        "candidate_a": [],
        "candidate_b": [],
        "colleague": [],
    }


def test_another_employee_cannot_fetch_my_application(
    employee: User, colleague: User, hr: User, application: Application
) -> None:
    assert own_application_get(employee, application.pk) == application
    assert application_get_for_user(hr, application.pk) == application
    with pytest.raises(NotFound):
        own_application_get(colleague, application.pk)
    with pytest.raises(NotFound):
        application_get_for_user(colleague, application.pk)
    # The portal's "my application" is the applicant's only, even for HR.
    with pytest.raises(NotFound):
        own_application_get(hr, application.pk)
