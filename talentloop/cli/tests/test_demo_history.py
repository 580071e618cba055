"""The demo's hiring history: several hundred plausible applicants, deterministic for a seed, loaded once."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from talentloop.accounts.models import User
from talentloop.analytics.models import SensitiveAttribute
from talentloop.assessments.models import AnswerScore, SessionScore
from talentloop.cli.demo import demo_load
from talentloop.cli.demo_history import demo_history_load, history_email
from talentloop.core.tests.helpers import body_text
from talentloop.interviews.models import Answer, SessionEvent
from talentloop.org.models import Company
from talentloop.recruitment.models import Application, Scorecard, StageMove

pytestmark = pytest.mark.django_db
END = timezone.make_aware(datetime(2026, 11, 1, 0, 0))


def _fingerprint(seed: int) -> list[tuple[str, str, float, list[float]]]:
    rows = []
    for application in (
        Application.objects.filter(person__email__startswith=f"history.{seed}.")
        .select_related("person", "invitation__session")
        .order_by("person__email")
    ):
        session = application.invitation.session  # type: ignore[union-attr]
        score = SessionScore.objects.get(session=session)
        durations = list(session.answers.order_by("order").values_list("duration_seconds", flat=True))
        submitted = session.submitted_at.isoformat() if session.submitted_at else ""
        rows.append((application.person.full_name, submitted, score.overall, durations))
    return rows


def test_history_is_plausible_deterministic_loaded_once_and_the_predictor_validates_on_it(client: Client) -> None:
    # One test, because six months take a while to generate (decision 0031 has the timings).
    demo_load()
    company = Company.objects.get(slug="demo")

    first = demo_history_load(company=company, seed=7, months=6, end=END)
    counts = (
        Application.objects.count(),
        Answer.objects.count(),
        AnswerScore.objects.count(),
        StageMove.objects.count(),
    )
    again = demo_history_load(company=company, seed=7, months=6, end=END)

    assert (first.created, first.existing) == (432, 0)
    assert (again.created, again.existing) == (0, 432)
    assert (
        Application.objects.count(),
        Answer.objects.count(),
        AnswerScore.objects.count(),
        StageMove.objects.count(),
    ) == counts
    history = Application.objects.filter(person__email__startswith="history.7.")
    assert history.count() == 432
    assert history.filter(status=Application.Status.HIRED).exists()
    assert history.filter(rejection_reason=Application.RejectionReason.CANDIDATE_DECLINED).exists()
    assert Scorecard.objects.filter(application__in=history, submitted_at__isnull=False).exists()
    assert Application.objects.get(person__email=history_email(7, 1)).opening.title == "销售代表 · 华东（上半年）"
    answers = Answer.objects.filter(session__invitation__application__in=history)
    assert answers.filter(status=Answer.Status.SKIPPED).exists()
    assert (
        answers.filter(retries_used=1).count()
        == SessionEvent.objects.filter(kind=SessionEvent.Kind.RETRIED, answer__in=answers).count()
    )
    overall = [score for *_, score, _ in _fingerprint(7)]
    assert min(overall) < 40 < 70 < max(overall)  # weak and strong applicants, scored by the real scorer
    # Pinned: the same seed gives the same people, times, scores and durations on any machine.
    fingerprint = _fingerprint(7)
    assert fingerprint[0][:3] == EXPECTED_FIRST
    assert round(sum(score for _, _, score, _ in fingerprint), 2) == EXPECTED_OVERALL_SUM

    # The applicants' own equal-opportunity answers (pinned for the seed), so the fairness audit has groups to show.
    declared = SensitiveAttribute.objects.filter(person__in=history.values("person"))
    assert (
        declared.filter(category__code="sex").exclude(value="").count(),
        declared.filter(category__code="age_band").count(),
        history.exclude(person__sensitive_attributes__isnull=False).count(),
    ) == (373, 392, 40)

    # The pass predictor, through HR's page: it validates on the demo history and reports it.
    client.force_login(User.objects.get(username="hr"))
    response = client.get(reverse("console:analytics_prediction"), HTTP_ACCEPT_LANGUAGE="en")
    report = response.context["report"]
    assert report.refusal is None
    assert report.validation.examples >= 200
    assert report.validation.area_under_curve.auc > 0.6
    assert "Trained on " in body_text(response)


EXPECTED_FIRST = ("郑兰", "2026-05-11T07:38:54.300000+00:00", 65.26)
EXPECTED_OVERALL_SUM = 25640.25
