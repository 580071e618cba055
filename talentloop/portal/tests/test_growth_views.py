"""My growth path in the portal: the owner sees and changes it, HR reads it, anyone else gets 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from talentloop.feedback.models import GrowthPath, GrowthPathItem
from talentloop.interviews.models import Invitation
from talentloop.learning.models import Mentor

EN: dict[str, Any] = {"HTTP_ACCEPT_LANGUAGE": "en"}


def path_url(invitation: Invitation) -> str:
    return reverse("portal:growth_path", args=[invitation.pk])


def action_url(item: GrowthPathItem, action: str) -> str:
    return reverse("portal:growth_item_action", args=[item.pk, action])


@pytest.mark.django_db
class TestMyGrowthPath:
    def test_the_owner_opens_the_path_from_my_interviews_and_it_is_built_once(
        self, client: Client, candidate_a: Any, scored_interview_of_a: Invitation, library: Any
    ) -> None:
        client.force_login(candidate_a)
        profile = client.get(reverse("portal:profile"), **EN).content.decode()
        assert f'href="{path_url(scored_interview_of_a)}"' in profile
        # when
        first = client.get(path_url(scored_interview_of_a), **EN)
        second = client.get(path_url(scored_interview_of_a), **EN)
        # then
        assert first.status_code == second.status_code == 200
        page = second.content.decode()
        assert (
            "Because you scored 62.5 on Customer needs where the role needs 100: “Customer needs advanced”, 6 h" in page
        )
        assert 'id="growth-progress" max="7" value="0"' in page
        assert GrowthPath.objects.count() == 1
        assert GrowthPathItem.objects.count() == 7

    def test_an_unscored_interview_shows_a_clear_state_and_builds_nothing(
        self, client: Client, candidate_a: Any, interview_of_a: Invitation
    ) -> None:
        client.force_login(candidate_a)
        response = client.get(path_url(interview_of_a), **EN)
        assert response.status_code == 200
        assert 'id="growth-not-scored"' in response.content.decode()
        assert "Not scored yet" in response.content.decode()
        assert GrowthPath.objects.count() == 0

    def test_enrol_complete_with_evidence_and_note(
        self, client: Client, candidate_a: Any, scored_interview_of_a: Invitation, library: Any
    ) -> None:
        client.force_login(candidate_a)
        client.get(path_url(scored_interview_of_a))
        course = GrowthPathItem.objects.get(rank=1)
        # when
        assert client.post(action_url(course, "enrol")).status_code == 302
        client.post(action_url(course, "note"), {"note": "每晚一小时"})
        response = client.post(
            action_url(course, "complete"), {"evidence_text": "完成了结业测验", "evidence_url": ""}, follow=True, **EN
        )
        # then
        course.refresh_from_db()
        assert (course.status, course.note, course.evidence_text) == ("done", "每晚一小时", "完成了结业测验")
        assert 'id="growth-progress" max="7" value="1"' in response.content.decode()

    def test_completing_without_evidence_says_why_and_changes_nothing(
        self, client: Client, candidate_a: Any, scored_interview_of_a: Invitation, library: Any
    ) -> None:
        client.force_login(candidate_a)
        client.get(path_url(scored_interview_of_a))
        course = GrowthPathItem.objects.get(rank=1)
        response = client.post(action_url(course, "complete"), {"evidence_text": ""}, follow=True, **EN)
        assert "Say what you learnt or produced, or give a link to a certificate or your work." in (
            response.content.decode()
        )
        course.refresh_from_db()
        assert (course.status, course.completed_at) == ("not_started", None)

    def test_another_candidate_gets_404_and_nothing_leaks(
        self, client: Client, candidate_a: Any, candidate_b: Any, scored_interview_of_a: Invitation, library: Any
    ) -> None:
        client.force_login(candidate_a)
        client.get(path_url(scored_interview_of_a))
        item = GrowthPathItem.objects.get(rank=1)
        client.force_login(candidate_b)
        # when
        page = client.get(path_url(scored_interview_of_a), **EN)
        write = client.post(action_url(item, "enrol"))
        missing = client.get(reverse("portal:growth_path", args=[999999]))
        # then
        assert (page.status_code, write.status_code, missing.status_code) == (404, 404, 404)
        assert "客户需求" not in page.content.decode()
        item.refresh_from_db()
        assert item.status == "not_started"

    def test_hr_reads_the_path_on_the_console_but_cannot_change_it(
        self, client: Client, candidate_a: Any, hr: Any, scored_interview_of_a: Invitation, library: Any
    ) -> None:
        client.force_login(candidate_a)
        client.get(path_url(scored_interview_of_a))
        item = GrowthPathItem.objects.get(rank=1)
        client.force_login(hr)
        candidate = scored_interview_of_a.candidate
        # when
        detail = client.get(reverse("console:candidate_detail", args=[candidate.pk]), **EN).content.decode()
        page = client.get(reverse("console:candidate_growth_path", args=[candidate.pk, scored_interview_of_a.pk]), **EN)
        write = client.post(action_url(item, "enrol"))
        # then
        assert "0 of 7 actions done (0%)" in detail
        assert page.status_code == 200
        assert "Customer needs advanced" in page.content.decode()
        assert action_url(item, "enrol") not in page.content.decode()
        assert write.status_code == 403
        item.refresh_from_db()
        assert item.status == "not_started"

    def test_a_manager_of_another_department_gets_404_on_the_console(
        self, client: Client, rnd_manager: Any, scored_interview_of_a: Invitation
    ) -> None:
        client.force_login(rnd_manager)
        candidate = scored_interview_of_a.candidate
        response = client.get(reverse("console:candidate_growth_path", args=[candidate.pk, scored_interview_of_a.pk]))
        assert response.status_code == 404


@pytest.mark.django_db
class TestMentoring:
    def test_an_employee_opts_in_and_out(self, client: Client, employee: Any, scored_interview_of_a: Any) -> None:
        client.force_login(employee)
        response = client.post(
            reverse("portal:mentoring"), {"dimensions": ["communication"], "capacity": "2", "introduction": "十年销售"}
        )
        assert response.status_code == 302
        mentor = Mentor.objects.get()
        assert (mentor.is_active, mentor.capacity, mentor.introduction) == (True, 2, "十年销售")
        assert list(mentor.targets.values_list("dimension__code", flat=True)) == ["communication"]
        client.post(reverse("portal:mentoring"), {"stop": "1"})
        mentor.refresh_from_db()
        assert mentor.is_active is False

    def test_choosing_no_dimension_is_refused(self, client: Client, employee: Any, scored_interview_of_a: Any) -> None:
        client.force_login(employee)
        response = client.post(reverse("portal:mentoring"), {"capacity": "2"}, **EN)
        assert response.status_code == 200
        assert response.context["form"].errors == {"dimensions": ["This field is required."]}
        assert Mentor.objects.count() == 0

    def test_a_candidate_cannot_mentor(self, client: Client, candidate_b: Any) -> None:
        client.force_login(candidate_b)
        assert client.get(reverse("portal:mentoring")).status_code == 404


# persona: (GET the path, POST an action); the owner writes, staff who may see candidate_a read, others learn nothing
GROWTH_MATRIX = {
    "anonymous": (302, 302),
    "hr_admin": (200, 403),
    "hr": (200, 403),
    "sales_manager": (200, 403),
    "rnd_manager": (404, 404),
    "interviewer": (200, 403),
    "employee": (404, 404),
    "candidate_a": (200, 302),
    "candidate_b": (404, 404),
}


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "expected"), GROWTH_MATRIX.items())
def test_every_persona_against_a_growth_path(
    client: Client,
    personas: dict[str, Any],
    scored_interview_of_a: Invitation,
    library: Any,
    persona: str,
    expected: tuple[int, int],
) -> None:
    # given candidate_a has opened their path
    client.force_login(personas["candidate_a"])
    client.get(path_url(scored_interview_of_a))
    item = GrowthPathItem.objects.get(rank=1)
    client.logout()
    if personas[persona] is not None:
        client.force_login(personas[persona])
    # when
    page = client.get(path_url(scored_interview_of_a))
    write = client.post(action_url(item, "enrol"))
    # then
    assert (page.status_code, write.status_code) == expected
    item.refresh_from_db()
    assert item.status == ("enrolled" if persona == "candidate_a" else "not_started")
    if expected[0] != 200:
        assert "客户需求进阶" not in page.content.decode()
