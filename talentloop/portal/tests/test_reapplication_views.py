"""The "Re-apply" panel on My growth path: it says when and why, and its button starts the new interview."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from talentloop.feedback.models import Reapplication
from talentloop.feedback.services.reapplications import reapplication_policy_update
from talentloop.feedback.services.reports import report_policy_update
from talentloop.interviews.models import InterviewSession, Invitation
from talentloop.interviews.services.invitations import invitation_link

EN: dict[str, Any] = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _page(client: Client, invitation: Invitation) -> str:
    response = client.get(reverse("portal:growth_path", args=[invitation.pk]), **EN)
    assert response.status_code == 200
    return response.content.decode()


def _submitted_days_ago(invitation: Invitation, days: int) -> None:
    InterviewSession.objects.filter(invitation=invitation).update(submitted_at=timezone.now() - timedelta(days=days))


@pytest.mark.django_db
class TestReapplyPanel:
    def test_cooling_down_says_until_when_and_how_to_go_earlier(
        self, client: Client, hr: Any, candidate_a: Any, scored_interview_of_a: Invitation
    ) -> None:
        reapplication_policy_update(
            job_profile=scored_interview_of_a.template.job_profile,
            actor=hr,
            is_open=True,
            cooldown_days=30,
            early_after_growth_path=True,
        )
        _submitted_days_ago(scored_interview_of_a, 10)
        client.force_login(candidate_a)
        page = _page(client, scored_interview_of_a)
        assert 'id="reapply"' in page
        assert "there is a cool-down period of 30 days for this role: you can re-apply from" in page
        assert "as soon as every action of your growth path for the dimensions you were weak in is done (0 of" in page
        assert "The new interview gives more questions to the dimensions you were weak in:" in page
        assert 'id="reapply-start"' not in page

    def test_eligible_button_starts_the_new_interview(
        self, client: Client, candidate_a: Any, scored_interview_of_a: Invitation
    ) -> None:
        _submitted_days_ago(scored_interview_of_a, 91)
        client.force_login(candidate_a)
        page = _page(client, scored_interview_of_a)
        assert "you can re-apply now." in page
        assert 'id="reapply-start"' in page
        # when
        response = client.post(reverse("portal:reapplication_start", args=[scored_interview_of_a.pk]), **EN)
        # then the candidate lands on the new interview's page
        reapplication = Reapplication.objects.get()
        assert response.status_code == 302
        assert invitation_link(reapplication.invitation).endswith(response["Location"])
        assert client.get(response["Location"], **EN).status_code == 200
        after = _page(client, scored_interview_of_a)
        assert 'id="reapply-done"' in after and "Open your new interview" in after

    def test_refusal_is_shown_and_writes_nothing(
        self, client: Client, candidate_a: Any, scored_interview_of_a: Invitation
    ) -> None:
        client.force_login(candidate_a)
        url = reverse("portal:reapplication_start", args=[scored_interview_of_a.pk])
        response = client.post(url, follow=True, **EN)
        assert "cool-down period of 90 days" in response.content.decode()
        assert Reapplication.objects.count() == 0

    def test_hr_reading_the_path_sees_no_panel_and_cannot_reapply(
        self, client: Client, hr: Any, scored_interview_of_a: Invitation
    ) -> None:
        _submitted_days_ago(scored_interview_of_a, 91)
        client.force_login(hr)
        assert 'id="reapply"' not in _page(client, scored_interview_of_a)
        response = client.post(reverse("portal:reapplication_start", args=[scored_interview_of_a.pk]))
        assert response.status_code == 403
        assert Reapplication.objects.count() == 0

    def test_another_candidate_gets_404(
        self, client: Client, candidate_b: Any, scored_interview_of_a: Invitation
    ) -> None:
        client.force_login(candidate_b)
        response = client.post(reverse("portal:reapplication_start", args=[scored_interview_of_a.pk]))
        assert response.status_code == 404
        assert Reapplication.objects.count() == 0


@pytest.mark.django_db
class TestReportPage:
    def test_the_released_report_shows_the_panel(
        self, client: Client, candidate_a: Any, scored_interview_of_a: Invitation
    ) -> None:
        _submitted_days_ago(scored_interview_of_a, 91)
        client.force_login(candidate_a)
        page = client.get(reverse("portal:report", args=[scored_interview_of_a.session.pk]), **EN).content.decode()
        assert 'id="reapply-start"' in page
        assert f'action="{reverse("portal:reapplication_start", args=[scored_interview_of_a.pk])}"' in page

    def test_no_panel_before_hr_releases_the_report(
        self, client: Client, hr: Any, candidate_a: Any, scored_interview_of_a: Invitation
    ) -> None:
        report_policy_update(
            job_profile=scored_interview_of_a.template.job_profile,
            actor=hr,
            score_display="scores",
            show_overall=True,
            show_evidence=True,
            show_delivery_notes=True,
            release="after_hr_release",
        )
        _submitted_days_ago(scored_interview_of_a, 91)
        client.force_login(candidate_a)
        page = client.get(reverse("portal:report", args=[scored_interview_of_a.session.pk]), **EN).content.decode()
        assert 'id="reapply"' not in page
