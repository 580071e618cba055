"""The report pages: HR's, the preview, the candidate's, release, policy, not-scored state, and 404s."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from talentloop.core.models import AuditEvent
from talentloop.feedback.models import Report, ReportPolicy
from talentloop.feedback.services.reports import report_policy_update
from talentloop.feedback.tests.conftest import EVIDENCE_QUOTE, submit
from talentloop.interviews.models import InterviewSession


def article(html: str) -> str:
    match = re.search(r'<article class="report".*?</article>', html, re.S)
    assert match is not None
    return match.group(0)


def test_hr_report_page_shows_scores_radar_lost_points_and_links(
    scored: InterviewSession, client_for: Any, hr: Any
) -> None:
    response = client_for(hr).get(reverse("console:interview_report", args=[scored.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "问题解决" in html and "45分（满分100）" in html
    assert "用一个数字说明结果" in html and EVIDENCE_QUOTE in html
    assert "回答比该问题的平均长度短 30%。" in html
    assert reverse("console:interview_report_preview", args=[scored.pk]) in html
    assert reverse("console:interview_report_pdf", args=[scored.pk]) in html


def test_session_page_links_to_the_report(scored: InterviewSession, client_for: Any, hr: Any) -> None:
    html = client_for(hr).get(reverse("console:interview_session", args=[scored.pk])).content.decode()
    assert reverse("console:interview_report", args=[scored.pk]) in html


@pytest.mark.parametrize(
    "policy",
    [
        {},
        {"score_display": "bands", "show_overall": False, "show_evidence": False, "show_delivery_notes": False},
        {"score_display": "scores", "show_overall": True, "show_evidence": False, "show_delivery_notes": True},
    ],
)
def test_preview_equals_the_candidate_page(
    scored: InterviewSession, client_for: Any, hr: Any, candidate_a: Any, report_world: Any, policy: dict[str, Any]
) -> None:
    if policy:
        report_policy_update(job_profile=report_world["profile"], actor=hr, release="automatic", **policy)
    client = client_for(hr)
    preview = client.get(reverse("console:interview_report_preview", args=[scored.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.logout()
    page = client_for(candidate_a).get(reverse("portal:report", args=[scored.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert (preview.status_code, page.status_code) == (200, 200)
    assert article(preview.content.decode()) == article(page.content.decode())
    assert ('data-audience="candidate"' in article(page.content.decode())) is True
    assert (EVIDENCE_QUOTE in article(page.content.decode())) == policy.get("show_evidence", True)


def test_candidate_waits_for_hr_release_when_the_policy_says_so(
    scored: InterviewSession, client_for: Any, hr: Any, candidate_a: Any, report_world: Any
) -> None:
    report_policy_update(
        job_profile=report_world["profile"],
        actor=hr,
        score_display="scores",
        show_overall=True,
        show_evidence=True,
        show_delivery_notes=True,
        release="after_hr_release",
    )
    client = client_for(candidate_a)
    url = reverse("portal:report", args=[scored.pk])
    html = client.get(url).content.decode()
    assert 'class="report-not-released"' in html and "<article" not in html
    assert client.get(reverse("portal:report_pdf", args=[scored.pk])).status_code == 404
    client.logout()
    # HR releases it
    client_for(hr).post(reverse("console:interview_report_release", args=[scored.pk]))
    client.logout()
    assert "<article" in client_for(candidate_a).get(url).content.decode()
    assert Report.objects.get().released_by == hr


def test_only_hr_releases(scored: InterviewSession, client_for: Any, interviewer: Any, candidate_b: Any) -> None:
    url = reverse("console:interview_report_release", args=[scored.pk])
    assert client_for(interviewer).post(url).status_code == 403
    assert client_for(candidate_b).post(url).status_code == 404
    assert Report.objects.filter(released_at__isnull=False).count() == 0


def test_another_candidate_gets_404_and_nothing_leaks(
    scored: InterviewSession, client_for: Any, candidate_b: Any
) -> None:
    client = client_for(candidate_b)
    for name in ("portal:report", "portal:report_pdf"):
        response = client.get(reverse(name, args=[scored.pk]))
        assert response.status_code == 404
        assert "周婷" not in response.content.decode() and "问题解决" not in response.content.decode()
    assert Report.objects.count() == 0
    assert not AuditEvent.objects.filter(object_type="feedback.report").exists()


def test_portal_profile_links_to_the_report_and_its_pdf(
    scored: InterviewSession, client_for: Any, candidate_a: Any
) -> None:
    html = client_for(candidate_a).get(reverse("portal:profile"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reverse("portal:report", args=[scored.pk]) in html
    assert f'<a href="{reverse("portal:report_pdf", args=[scored.pk])}">My report (PDF)</a>' in html
    assert reverse("portal:growth_path", args=[scored.invitation_id]) in html


def test_portal_profile_offers_no_pdf_before_hr_releases_it(
    scored: InterviewSession, client_for: Any, hr: Any, candidate_a: Any, report_world: Any
) -> None:
    report_policy_update(
        job_profile=report_world["profile"],
        actor=hr,
        score_display="scores",
        show_overall=True,
        show_evidence=True,
        show_delivery_notes=True,
        release="after_hr_release",
    )
    html = client_for(candidate_a).get(reverse("portal:profile")).content.decode()
    assert reverse("portal:report", args=[scored.pk]) in html
    assert reverse("portal:report_pdf", args=[scored.pk]) not in html


def test_candidate_report_leads_to_the_growth_path_and_a_human_review(
    scored: InterviewSession, client_for: Any, candidate_a: Any
) -> None:
    url = reverse("portal:report", args=[scored.pk])
    html = client_for(candidate_a).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for url in (
        reverse("portal:report_pdf", args=[scored.pk]),
        reverse("portal:growth_path", args=[scored.invitation_id]),
        reverse("portal:review_request", args=[scored.pk]),
    ):
        assert f'href="{url}"' in html
    assert '<p id="report-outcome">Outcome: ' in html and "Below the threshold (AI score)" in html


def test_unscored_interview_says_not_scored_yet(report_world: Any, client_for: Any, hr: Any, candidate_a: Any) -> None:
    session = submit(report_world["invitation"])
    html = client_for(hr).get(reverse("console:interview_report", args=[session.pk])).content.decode()
    assert 'class="report-not-scored"' in html
    assert client_for(hr).get(reverse("console:interview_report_pdf", args=[session.pk])).status_code == 404
    html = client_for(candidate_a).get(reverse("portal:report", args=[session.pk])).content.decode()
    assert 'class="report-not-scored"' in html
    assert Report.objects.count() == 0


def test_policy_page_saves_and_rejects_bad_choices(
    report_world: Any, client_for: Any, hr: Any, interviewer: Any
) -> None:
    url = reverse("console:report_policy", args=["sales-rep"])
    client = client_for(hr)
    assert client.get(url).status_code == 200
    bad = client.post(url, {"score_display": "raw", "release": "automatic"})
    assert bad.status_code == 200 and ReportPolicy.objects.count() == 0
    response = client.post(url, {"score_display": "bands", "show_evidence": "on", "release": "after_hr_release"})
    assert response.status_code == 302
    policy = ReportPolicy.objects.get()
    assert (
        policy.score_display,
        policy.show_overall,
        policy.show_evidence,
        policy.show_delivery_notes,
        policy.release,
    ) == ("bands", False, True, False, "after_hr_release")
    client.logout()
    assert client_for(interviewer).post(url, {"score_display": "scores", "release": "automatic"}).status_code == 403
    assert ReportPolicy.objects.get().score_display == "bands"
