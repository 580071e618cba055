# ruff: noqa: F811  (the imported fixtures are used as test arguments)
"""HR's "Re-applications" funnel page and the per-job-profile re-application policy page."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from talentloop.core.models import AuditEvent
from talentloop.feedback.models import ReapplicationPolicy
from talentloop.feedback.services.reapplications import reapplication_create
from talentloop.feedback.tests.growth_fixtures import interview_of_a, scored_interview_of_a  # noqa: F401
from talentloop.interviews.models import InterviewSession, Invitation

EN: dict[str, Any] = {"HTTP_ACCEPT_LANGUAGE": "en"}
FUNNEL = "/console/reapplications/"
POLICY = "/console/setup/job-profiles/sales-rep/reapplication-policy/"


@pytest.fixture
def reapplied(candidate_a: Any, scored_interview_of_a: Invitation) -> Any:
    InterviewSession.objects.filter(invitation=scored_interview_of_a).update(
        submitted_at=timezone.now() - timedelta(days=91)
    )
    return reapplication_create(
        actor=candidate_a, session=InterviewSession.objects.get(invitation=scored_interview_of_a)
    )


@pytest.mark.django_db
class TestFunnelPage:
    def test_hr_sees_the_funnel_and_the_list(self, client: Client, hr: Any, reapplied: Any) -> None:
        client.force_login(hr)
        response = client.get(FUNNEL, {"job_profile": "sales-rep"}, **EN)
        assert response.status_code == 200
        assert [(stage.key, stage.count) for stage, _percent in response.context["stages"]] == [
            ("failed", 1),
            ("started_path", 0),
            ("finished_path", 0),
            ("reapplied", 1),
            ("passed", 0),
            ("hired", 0),
        ]
        page = response.content.decode()
        assert 'data-stage="reapplied"><strong>1</strong><br>Re-applied <span class="muted">(100%)</span>' in page
        assert "周婷" in page and "The cool-down period was over" in page and "customer-needs, communication" in page

    def test_an_unknown_job_profile_is_not_found(self, client: Client, hr: Any) -> None:
        client.force_login(hr)
        assert client.get(FUNNEL, {"job_profile": "nope"}).status_code == 404

    @pytest.mark.parametrize(
        ("persona", "expected"), [("interviewer", 403), ("sales_manager", 403), ("candidate_a", 404)]
    )
    def test_only_hr(self, client: Client, personas: dict[str, Any], persona: str, expected: int) -> None:
        client.force_login(personas[persona])
        assert client.get(FUNNEL).status_code == expected

    def test_queries_do_not_grow_with_the_rows(
        self, client: Client, hr: Any, reapplied: Any, django_assert_max_num_queries: Any
    ) -> None:
        client.force_login(hr)
        with django_assert_max_num_queries(25):
            client.get(FUNNEL)


@pytest.mark.django_db
class TestPolicyPage:
    def test_hr_sets_the_policy(self, client: Client, hr: Any, scored_interview_of_a: Invitation) -> None:
        client.force_login(hr)
        assert client.get(POLICY, **EN).status_code == 200
        response = client.post(POLICY, {"is_open": "on", "cooldown_days": "30", "early_after_growth_path": "on"})
        assert response.status_code == 302
        policy = ReapplicationPolicy.objects.get()
        assert (policy.is_open, policy.cooldown_days, policy.early_after_growth_path) == (True, 30, True)
        assert AuditEvent.objects.filter(object_type="feedback.reapplicationpolicy").count() == 1

    def test_invalid_days_are_shown_and_nothing_is_saved(
        self, client: Client, hr: Any, scored_interview_of_a: Invitation
    ) -> None:
        client.force_login(hr)
        response = client.post(POLICY, {"is_open": "on", "cooldown_days": "800"}, **EN)
        assert response.status_code == 200
        assert "Ensure this value is less than or equal to 730." in response.content.decode()
        assert ReapplicationPolicy.objects.count() == 0

    def test_linked_from_the_job_profiles_and_the_report_policy(
        self, client: Client, hr: Any, scored_interview_of_a: Invitation
    ) -> None:
        client.force_login(hr)
        assert f'href="{POLICY}"' in client.get(reverse("console:job_profile_list"), **EN).content.decode()
        report_policy = reverse("console:report_policy", args=["sales-rep"])
        assert f'href="{POLICY}"' in client.get(report_policy, **EN).content.decode()

    def test_a_hiring_manager_cannot_change_it(
        self, client: Client, sales_manager: Any, scored_interview_of_a: Invitation
    ) -> None:
        client.force_login(sales_manager)
        assert client.post(POLICY, {"cooldown_days": "1"}).status_code == 403
        assert ReapplicationPolicy.objects.count() == 0
