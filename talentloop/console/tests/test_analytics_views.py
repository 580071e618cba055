"""The analytics pages: who may open them, the filter, the question pages and the pass predictor's page."""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from talentloop.analytics.tests.builders import Reply, generic_question_add, interview_add, outcome_record
from talentloop.core.tests.helpers import body_text
from talentloop.questionbank.models import Question
from talentloop.recruitment.models import PipelineStage
from talentloop.recruitment.tests.fixtures import RecruitmentWorld


@pytest.fixture(autouse=True)
def _in_english(client: Client) -> None:
    """The pages are read in English (the texts are asserted in English)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


PAGES = ["console:analytics", "console:analytics_questions", "console:analytics_prediction"]


@pytest.mark.parametrize("page", PAGES)
def test_hr_and_hr_admin_open_the_pages_other_staff_are_refused_and_others_see_nothing(
    client_for: Any, personas: dict[str, Any], page: str
) -> None:
    expected = {
        "hr_admin": 200,
        "hr": 200,
        "sales_manager": 403,
        "rnd_manager": 403,
        "interviewer": 403,
        "employee": 404,
        "candidate_a": 404,
        "candidate_b": 404,
    }
    statuses = {}
    for name, user in personas.items():
        if user is None:
            continue
        statuses[name] = client_for(user).get(reverse(page)).status_code
    assert statuses == expected
    assert Client().get(reverse(page)).status_code == 302  # to sign in


@pytest.mark.parametrize("page", PAGES)
def test_a_bad_filter_is_a_400_that_names_the_field(client_for: Any, hr: Any, page: str) -> None:
    response = client_for(hr).get(reverse(page), {"opening": "999", "from": "2026-02-30"})
    assert response.status_code == 400
    text = body_text(response)
    assert "The analytics filter is not valid." in text
    assert "Enter a date as YYYY-MM-DD." in text
    assert "Choose one of the listed options." in text


def _history(recruitment: RecruitmentWorld, hr: Any, count: int) -> None:
    """``count`` interviews on the internal opening; the specific question's score predicts the outcome."""
    opening = recruitment.internal
    specific = Question.objects.get(code="q-sales")
    generic = Question.objects.filter(code="q-generic").first() or generic_question_add(hr=hr, opening=opening)
    noise = random.Random(7)
    for index in range(count):
        passed = index % 2 == 0
        score = (70 if passed else 45) + noise.uniform(-20, 20)
        application = interview_add(
            opening=opening,
            replies=[
                Reply(specific, score=score, duration=noise.uniform(20, 200)),
                Reply(generic, score=noise.uniform(30, 80), skipped=index % 7 == 0, retries=index % 3 == 0),
            ],
        )
        outcome_record(application, passed=passed)


def test_questions_page_lists_flags_and_its_query_count_is_pinned(
    client_for: Any, hr: Any, recruitment: RecruitmentWorld, django_assert_num_queries: Any
) -> None:
    _history(recruitment, hr, 24)
    client = client_for(hr)
    url = reverse("console:analytics_questions")
    with django_assert_num_queries(21):
        response = client.get(url, {"opening": recruitment.internal.pk})
    assert response.status_code == 200
    text = body_text(response)
    assert "q-generic" in text and "q-sales" in text
    assert "generic for a specialised role" in text
    # Twice the history: the same number of queries.
    _history(recruitment, hr, 24)
    with django_assert_num_queries(21):
        client.get(url, {"opening": recruitment.internal.pk})


def test_question_detail_shows_the_histograms_and_the_discrimination_in_words(
    client_for: Any, hr: Any, recruitment: RecruitmentWorld
) -> None:
    _history(recruitment, hr, 24)
    question = Question.objects.get(code="q-sales")
    response = client_for(hr).get(reverse("console:analytics_question", args=[question.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<svg class="chart histogram') == 2
    text = body_text(response)
    assert "24 answered candidates have a department-interview outcome: 12 passed, 12 did not." in text
    assert "This question discriminates" in text


def test_question_detail_of_a_question_not_asked_is_404(
    client_for: Any, hr: Any, recruitment: RecruitmentWorld
) -> None:
    question = Question.objects.get(code="q-sales")
    assert client_for(hr).get(reverse("console:analytics_question", args=[question.pk])).status_code == 404


def test_the_predictor_refuses_a_small_history_and_says_so_with_the_counts(
    client_for: Any, hr: Any, recruitment: RecruitmentWorld
) -> None:
    _history(recruitment, hr, 24)
    response = client_for(hr).get(reverse("console:analytics_prediction"))
    assert response.status_code == 200
    text = body_text(response)
    assert "Too little history to predict" in text
    assert "has 24 candidates with a department-interview outcome (12 passed, 12 did not)" in text
    assert "It needs at least 40 candidates and 10 of each outcome." in text
    assert "Advice, not a decision." in text


def test_the_predictor_reports_its_validation_and_advises_on_waiting_candidates(
    client_for: Any, hr: Any, recruitment: RecruitmentWorld
) -> None:
    _history(recruitment, hr, 60)
    waiting = interview_add(
        opening=recruitment.internal,
        replies=[Reply(Question.objects.get(code="q-sales"), score=20), Reply(Question.objects.get(code="q-generic"))],
        name="王等待",
        stage_kind=PipelineStage.Kind.HUMAN_INTERVIEW,
    )
    response = client_for(hr).get(reverse("console:analytics_prediction"))
    assert response.status_code == 200
    report = response.context["report"]
    assert report.refusal is None
    assert report.validation.examples == 60
    assert (report.validation.passed, report.validation.not_passed) == (30, 30)
    assert report.validation.area_under_curve.auc is not None
    assert [item.application for item in report.advice] == [waiting]
    text = body_text(response)
    assert "Trained on 60 candidates (30 passed, 30 did not)" in text
    assert "王等待" in text
    assert '<svg class="chart calibration' in response.content.decode()
