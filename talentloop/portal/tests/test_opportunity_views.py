"""The portal's internal moves: "Internal opportunities", applying, my applications; and "My employee record"."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from talentloop.accounts.models import User
from talentloop.interviews.models import Invitation
from talentloop.recruitment.models import Application
from talentloop.recruitment.tests.fixtures import MOTIVATION, RecruitmentWorld

pytestmark = pytest.mark.django_db


def test_an_employee_sees_open_internal_openings_and_their_applications(
    client: Client, employee: User, recruitment: RecruitmentWorld, application: Application
) -> None:
    # given
    client.force_login(employee)

    # when
    response = client.get(reverse("portal:opportunities"))

    # then
    assert response.status_code == 200
    assert [(i.opening, i.application) for i in response.context["openings"]] == [(recruitment.internal, application)]
    assert [p.application for p in response.context["applications"]] == [application]
    body = response.content.decode()
    assert "后端工程师" not in body and "销售代表（草稿）" not in body


def test_a_candidate_who_is_not_an_employee_gets_404(client: Client, candidate_a: User) -> None:
    client.force_login(candidate_a)
    assert client.get(reverse("portal:opportunities")).status_code == 404


def test_applying_creates_the_application_and_shows_the_interview_link(
    client: Client, employee: User, recruitment: RecruitmentWorld
) -> None:
    # given
    client.force_login(employee)
    url = reverse("portal:opportunity", args=[recruitment.internal.pk])

    # when
    page = client.get(url)
    response = client.post(url, {"motivation": MOTIVATION}, follow=True)

    # then
    assert page.status_code == 200 and page.context["application"] is None
    application = Application.objects.get()
    assert response.redirect_chain == [(reverse("portal:application", args=[application.pk]), 302)]
    progress = response.context["progress"]
    assert (progress.application, progress.interview_status) == (application, "pending")
    assert progress.interview_link in response.content.decode()
    # the new interview is one of "My interviews" on the portal home, with its growth path once submitted
    home = client.get(reverse("portal:profile"))
    assert [invitation for invitation, _status, _link in home.context["interviews"]] == [application.invitation]


def test_applying_twice_shows_the_duplicate_error_and_writes_nothing(
    client: Client, employee: User, recruitment: RecruitmentWorld, application: Application
) -> None:
    # given
    client.force_login(employee)

    # when
    response = client.post(
        reverse("portal:opportunity", args=[recruitment.internal.pk]),
        {"motivation": "再来一次"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    # then
    assert response.status_code == 409
    applied_on = timezone.localtime(application.created_at).strftime("%Y-%m-%d")
    message = f"You already applied to this opening on {applied_on}."
    assert list(response.context["form"].non_field_errors()) == [message]
    assert message in response.content.decode()
    assert (Application.objects.count(), Invitation.objects.count()) == (1, 1)


def test_an_empty_motivation_is_refused_on_the_field(
    client: Client, employee: User, recruitment: RecruitmentWorld
) -> None:
    # given
    client.force_login(employee)

    # when
    response = client.post(reverse("portal:opportunity", args=[recruitment.internal.pk]), {"motivation": "  "})

    # then
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["motivation"]
    assert (Application.objects.count(), Invitation.objects.count()) == (0, 0)


def test_drafts_and_external_openings_are_404_in_the_portal(
    client: Client, employee: User, recruitment: RecruitmentWorld
) -> None:
    client.force_login(employee)
    for opening in (recruitment.draft, recruitment.external):
        assert client.get(reverse("portal:opportunity", args=[opening.pk])).status_code == 404
        assert client.post(reverse("portal:opportunity", args=[opening.pk]), {"motivation": "x"}).status_code == 404
    assert Application.objects.count() == 0


def test_another_employee_cannot_see_or_withdraw_my_application(
    client: Client, colleague: User, application: Application
) -> None:
    # given
    client.force_login(colleague)

    # when
    detail = client.get(reverse("portal:application", args=[application.pk]))
    withdraw = client.post(reverse("portal:application_withdraw", args=[application.pk]))

    # then
    assert (detail.status_code, withdraw.status_code) == (404, 404)
    assert MOTIVATION not in detail.content.decode()
    application.refresh_from_db()
    assert application.status == Application.Status.ACTIVE


def test_the_applicant_withdraws(client: Client, employee: User, application: Application) -> None:
    # given
    client.force_login(employee)

    # when
    response = client.post(reverse("portal:application_withdraw", args=[application.pk]), follow=True)

    # then
    assert response.context["progress"].application.status == Application.Status.WITHDRAWN
    assert response.context["progress"].interview_status == "revoked"


def test_my_employee_record_is_linked_from_the_portal_home(client: Client, employee: User, sales_manager: User) -> None:
    # given
    client.force_login(employee)

    # when
    home = client.get(reverse("portal:profile"))
    response = client.get(reverse("portal:employee_record"))

    # then
    assert reverse("portal:employee_record") in home.content.decode()
    assert reverse("portal:opportunities") in home.content.decode()
    assert response.status_code == 200
    record = response.context["record"]
    assert (record.employee, record.managers) == (employee.person.employee, ["张伟"])
    body = response.content.decode()
    assert "E0102" in body and "总部 › 销售部" in body


def test_my_employee_record_is_404_without_an_employee_record(client: Client, candidate_a: User) -> None:
    client.force_login(candidate_a)
    assert client.get(reverse("portal:employee_record")).status_code == 404


def test_my_development_lists_the_growth_path_of_each_interview(
    client: Client, employee: User, application: Application
) -> None:
    # given
    client.force_login(employee)
    invitation = application.invitation
    assert invitation is not None

    # when (an interview not yet started has no session, so no growth path yet)
    before = client.get(reverse("portal:profile")).context["growth_paths"]
    from talentloop.interviews.services.sessions import session_open

    session_open(invitation=invitation)
    after = client.get(reverse("portal:profile"))

    # then
    assert before == []
    assert [(inv, path) for inv, path, _progress in after.context["growth_paths"]] == [(invitation, None)]
    assert reverse("portal:growth_path", args=[invitation.pk]) in after.content.decode()
