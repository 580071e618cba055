"""The rating form on the session page (with and without HTMX) and the AI–human agreement page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from talentloop.assessments.models import HumanRating
from talentloop.assessments.tests.rating_helpers import answer_of
from talentloop.competencies.models import Dimension
from talentloop.core.models import AuditEvent
from talentloop.interviews.models import InterviewSession

pytest_plugins = ["talentloop.assessments.tests.rating_fixtures"]

HTMX = {"HX-Request": "true"}


def client_for(user: Any) -> Client:
    client = Client(headers={"Accept-Language": "en"})
    if user is not None:
        client.force_login(user)
    return client


def rate_url(session: InterviewSession, order: int = 1, code: str = "customer-needs") -> str:
    return reverse("console:rating_edit", args=[answer_of(session, order).pk, Dimension.objects.get(code=code).pk])


def nothing_written() -> bool:
    return (
        HumanRating.objects.count() == 0
        and not AuditEvent.objects.filter(object_type="assessments.humanrating").exists()
    )


@pytest.mark.django_db
class TestSessionPage:
    def test_hr_sees_a_rating_form_per_scored_answer_and_dimension_with_anchors(
        self, scored: InterviewSession, people: dict
    ) -> None:
        response = client_for(people["hr"]).get(reverse("console:interview_session", args=[scored.pk]))
        content = response.content.decode()
        assert response.status_code == 200
        assert content.count('class="rating-cell"') == 3
        assert f'id="rating-{answer_of(scored, 1).pk}-{Dimension.objects.get(code="customer-needs").pk}"' in content
        assert "5 · 系统识别并验证需求" in content
        assert "Human ratings" in content and "not calibrated yet" in content
        # every form's fields have their own ids, so each label selects its own radio button
        ids = re.findall(r' id="([^"]+)"', content)
        assert len(ids) == len(set(ids))

    def test_the_page_speaks_chinese(self, scored: InterviewSession, people: dict) -> None:
        client = Client()
        client.force_login(people["hr"])
        content = client.get(reverse("console:interview_session", args=[scored.pk])).content.decode()
        assert "人工评分" in content and "保存评分" in content


@pytest.mark.django_db
class TestRatingForm:
    def test_without_javascript_a_rating_saves_and_returns_to_the_session_page(
        self, scored: InterviewSession, people: dict
    ) -> None:
        url = rate_url(scored)
        response = client_for(people["hr"]).post(url, {"level": "4", "note": "需求识别到位"})
        answer = answer_of(scored, 1)
        dimension = Dimension.objects.get(code="customer-needs")
        assert response.status_code == 302
        assert response["Location"] == (
            reverse("console:interview_session", args=[scored.pk]) + f"#rating-{answer.pk}-{dimension.pk}"
        )
        assert list(HumanRating.objects.values_list("rater__username", "level", "note")) == [
            ("hr-user", 4, "需求识别到位")
        ]
        audit = AuditEvent.objects.get(object_type="assessments.humanrating")
        assert (audit.action, audit.channel) == ("create", "web")

    def test_with_htmx_the_cell_comes_back_with_the_rating(self, scored: InterviewSession, people: dict) -> None:
        response = client_for(people["hr"]).post(rate_url(scored), {"level": "2"}, headers=HTMX)
        content = response.content.decode()
        assert response.status_code == 200
        assert content.lstrip().startswith('<div class="rating-cell"')
        assert "hr-user: <strong>2</strong>" in content and "Your rating is saved." in content
        key = f"rating-{answer_of(scored, 1).pk}-{Dimension.objects.get(code='customer-needs').pk}"
        assert f'value="2" id="{key}-level_1" required checked' in content

    @pytest.mark.parametrize("data", [{"level": "7"}, {"level": ""}, {"note": "x"}, {"level": "abc"}])
    def test_a_bad_level_is_refused_with_the_reason_and_nothing_written(
        self, scored: InterviewSession, people: dict, data: dict
    ) -> None:
        page = client_for(people["hr"]).post(rate_url(scored), data)
        cell = client_for(people["hr"]).post(rate_url(scored), data, headers=HTMX)
        assert page.status_code == 400 and "Choose a level from 1 to 5." in page.content.decode()
        assert cell.status_code == 200 and "Choose a level from 1 to 5." in cell.content.decode()
        assert nothing_written()

    def test_a_note_too_long_is_refused_on_the_form(self, scored: InterviewSession, people: dict) -> None:
        response = client_for(people["hr"]).post(rate_url(scored), {"level": "3", "note": "长" * 2001})
        assert response.status_code == 400
        assert "Keep the note under 2000 characters." in response.content.decode()
        assert nothing_written()

    def test_a_dimension_the_answer_was_not_scored_on_is_not_found(
        self, scored: InterviewSession, people: dict
    ) -> None:
        response = client_for(people["hr"]).post(rate_url(scored, 1, "communication"), {"level": "3"})
        assert response.status_code == 404 and nothing_written()

    def test_get_shows_the_form_on_its_own_page(self, scored: InterviewSession, people: dict) -> None:
        response = client_for(people["hr"]).get(rate_url(scored))
        assert response.status_code == 200 and "Rate this answer" in response.content.decode()

    @pytest.mark.parametrize(
        ("persona", "status"),
        [
            ("hr", 302),
            ("interviewer", 302),
            ("sales_manager", 302),
            ("other_interviewer", 404),
            ("rnd_manager", 404),
            ("candidate", 404),
            ("nobody", 404),
        ],
    )
    def test_permission_matrix(self, scored: InterviewSession, people: dict, persona: str, status: int) -> None:
        response = client_for(people[persona]).post(rate_url(scored), {"level": "3"})
        assert response.status_code == status
        assert HumanRating.objects.count() == (1 if status == 302 else 0)

    def test_anonymous_is_sent_to_sign_in(self, scored: InterviewSession, people: dict) -> None:
        response = Client().post(rate_url(scored), {"level": "3"})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        assert nothing_written()


@pytest.mark.django_db
class TestAgreementPage:
    @pytest.mark.parametrize(
        ("persona", "status"),
        [("hr", 200), ("interviewer", 403), ("sales_manager", 403), ("candidate", 404), ("nobody", 404)],
    )
    def test_only_hr_reads_it(self, scored: InterviewSession, people: dict, persona: str, status: int) -> None:
        assert client_for(people[persona]).get(reverse("console:agreement")).status_code == status

    def test_hr_sees_the_tables_and_the_nav_link(
        self, scored: InterviewSession, people: dict, django_assert_num_queries: Any
    ) -> None:
        client = client_for(people["hr"])
        client.post(rate_url(scored, 1), {"level": "4"})
        client.post(rate_url(scored, 2), {"level": "2"})
        client_for(people["hr2"]).post(rate_url(scored, 1), {"level": "5"})
        # session + user, actor (grants, person), the six of agreement_tables_get, the open review requests, the
        # threads waiting for HR and the open tasks (nav), the unread notifications (top bar)
        with django_assert_num_queries(14):
            response = client.get(reverse("console:agreement"))
        content = response.content.decode()
        assert response.status_code == 200
        assert "q1 · 问题1" in content and "customer-needs · 销售代表" in content
        assert "All ratings: 3" in content
        assert "not yet (needs 20 ratings)" in content
        assert f'href="{reverse("console:agreement")}"' in content

    def test_the_nav_link_is_for_hr_only(self, scored: InterviewSession, people: dict) -> None:
        content = client_for(people["interviewer"]).get(reverse("console:dashboard")).content.decode()
        assert reverse("console:agreement") not in content
