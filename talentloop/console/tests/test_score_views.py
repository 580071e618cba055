"""HR's score pages: versions side by side, evidence highlighted and escaped, re-scoring, and who may do it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from talentloop.assessments.models import AnswerScore, RescoreBatch, SessionScore
from talentloop.assessments.services.scores import session_score
from talentloop.assessments.tests.helpers import interview_submit
from talentloop.assessments.tests.personas import other_users
from talentloop.core.models import AuditEvent
from talentloop.interviews.models import InterviewSession


def client_for(user: Any, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_login(user)
    return client


def written() -> tuple[int, int, int, int]:
    return (
        RescoreBatch.objects.count(),
        SessionScore.objects.count(),
        AnswerScore.objects.count(),
        AuditEvent.objects.count(),
    )


def session_page(user: Any, session: InterviewSession, **params: Any) -> Any:
    return client_for(user).get(reverse("console:interview_session", args=[session.pk]), params)


@pytest.mark.django_db
class TestSessionPage:
    def test_versions_side_by_side_and_the_current_evidence(
        self, two_scored: list[InterviewSession], interview_world: Any
    ) -> None:
        submitted = two_scored[0]
        session_score(session_id=submitted.pk, current_rubrics=True, requested_by=interview_world["hr"])
        # when
        response = session_page(interview_world["hr"], submitted)
        # then
        content = response.content.decode()
        assert response.status_code == 200
        headers = re.findall(r'<th scope="col">(.*?)</th>', content)
        assert headers == ["Version 2 · current", "Version 1"]
        assert "q1 · customer-needs v3" in content and "q1 · customer-needs v2" in content
        assert "Re-score" in content and "automatic, on submission" in content and "hr-user" in content
        assert "Evidence of score version 2" in content
        # the revised rubric's key point is marked in the answer text, named in the title
        mark = '<mark class="evidence-hit" title="1. 询问客户的预算" data-key-points="1">'
        assert "首先我会" + mark + "询问客户的预算</mark>和使用场景" in content  # answer 1
        assert mark + "预算</mark> 使用场景 真实需求 降低" in content  # answer 2, keywords only

    def test_an_older_version_shows_its_own_evidence(
        self, two_scored: list[InterviewSession], interview_world: Any
    ) -> None:
        submitted = two_scored[0]
        session_score(session_id=submitted.pk, current_rubrics=True)
        response = session_page(interview_world["hr"], submitted, version=1)
        content = response.content.decode()
        assert "Evidence of score version 1" in content
        assert "询问客户的预算和使用场景" in content  # a version-1 key point
        assert "<q>真实需求</q>" in content

    def test_an_unknown_version_is_not_found(self, two_scored: list[InterviewSession], interview_world: Any) -> None:
        response = session_page(interview_world["hr"], two_scored[0], version=7)
        assert response.status_code == 404
        assert "This interview has no score version 7." in response.content.decode()

    def test_markup_in_an_answer_is_shown_as_text(self, invitation: Any, interview_world: Any) -> None:
        # given an answer containing HTML, with evidence inside and around it
        from talentloop.assessments.tests.test_scores import NEEDS_KEY_POINTS, rubrics_save

        rubrics_save(NEEDS_KEY_POINTS)
        session = interview_submit(
            interview_world, "markup", text='<script>alert("x")</script>我会先问<b>预算</b>和使用场景'
        )
        session_score(session_id=session.pk)
        # when
        content = session_page(interview_world["hr"], session).content.decode()
        # then nothing of the answer is markup
        assert "<script>alert" not in content and "<b>预算" not in content
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;我会先问&lt;b&gt;" in content
        mark = '<mark class="evidence-hit" title="1. 询问客户的预算和使用场景" data-key-points="1">'
        assert mark + "预算&lt;/b&gt;和使用场景</mark>" in content

    def test_the_cohort_note_is_shown(self, submitted: InterviewSession, interview_world: Any, settings: Any) -> None:
        settings.TALENTLOOP_COHORT_MIN_ANSWERS = 1
        interview_submit(interview_world, "quicker", seconds=20)
        session_score(session_id=submitted.pk)
        content = session_page(interview_world["hr"], submitted).content.decode()
        assert '<strong class="cohort-note">100% longer than the average for this question</strong>' in content
        assert "average 10.0 s over 1 other answer)" in content

    def test_reasons_and_evidence_rules_are_shown_in_words_not_codes(
        self, submitted: InterviewSession, interview_world: Any
    ) -> None:
        # given an answer scored low as off-topic, its evidence found through a synonym
        session_score(session_id=submitted.pk)
        row = AnswerScore.objects.get(answer__session=submitted, answer__order=1)
        row.result["reasons"] = ["off_topic", "repetition"]
        key_point = next(point for point in row.result["dimension"]["key_points"] if point["evidence"])
        key_point["evidence"][0]["rule"] = "synonym"
        row.save()
        # when HR reads the interview in English and in Chinese
        english = session_page(interview_world["hr"], submitted).content.decode()
        chinese = client_for(interview_world["hr"], "zh-hans").get(
            reverse("console:interview_session", args=[submitted.pk])
        )
        # then the reasons and the rule are words, never the stored codes
        assert (
            "Reasons: The answer did not address the question. The answer repeated the same sentence.</span>" in english
        )
        assert '<span class="muted">(synonym)</span>' in english
        content = chinese.content.decode()
        assert "off_topic" not in content and "(synonym)" not in content
        assert '<span class="muted">(同义词)</span>' in content

    def test_a_score_stored_without_its_inputs_still_shows_the_cohort_note(
        self, submitted: InterviewSession, interview_world: Any
    ) -> None:
        # given a row written before inputs were recorded (or by hand), which still measured the cohort
        session_score(session_id=submitted.pk)
        row = AnswerScore.objects.get(answer__session=submitted, answer__order=1)
        row.result.pop("inputs")
        row.result["features"]["delivery"]["percent_versus_cohort"] = -30.0
        row.save()
        # when
        response = session_page(interview_world["hr"], submitted)
        # then
        assert response.status_code == 200
        content = response.content.decode()
        assert '<strong class="cohort-note">30% shorter than the average for this question</strong>' in content
        assert "other answer" not in content


@pytest.mark.django_db
class TestRescorePages:
    def test_hr_picks_previews_confirms_and_follows_the_batch(
        self, two_scored: list[InterviewSession], interview_world: Any, django_capture_on_commit_callbacks: Any
    ) -> None:
        hr = client_for(interview_world["hr"])
        template_id = interview_world["template"].pk
        # when HR picks the template
        response = hr.get(reverse("console:score_rescore"), {"template": template_id})
        # then both interviews are listed and the preview names the changed rubrics
        content = response.content.decode()
        assert response.status_code == 200
        assert [session.pk for session in response.context["listed"]] == [two_scored[1].pk, two_scored[0].pk]
        assert "2 interviews will be re-scored." in content
        assert response.context["preview"].changed_interviews == 2
        assert [change.question for change in response.context["preview"].changes] == ["q1", "q2", "q3"]
        # when HR confirms
        with django_capture_on_commit_callbacks(execute=True):
            response = hr.post(reverse("console:score_rescore"), {"template": template_id})
        # then
        batch = RescoreBatch.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("console:score_rescore_batch", args=[batch.pk])
        assert (batch.status, batch.rescored, batch.requested_by) == ("finished", 2, interview_world["hr"])
        page = hr.get(response["Location"]).content.decode()
        assert page.count("Re-scored</td>") == 2

    def test_ticking_one_interview_rescores_only_that_one(
        self, two_scored: list[InterviewSession], interview_world: Any, django_capture_on_commit_callbacks: Any
    ) -> None:
        hr = client_for(interview_world["hr"])
        ticked = two_scored[0].pk
        params = {"template": interview_world["template"].pk, "session": [ticked]}
        response = hr.get(reverse("console:score_rescore"), params)
        assert "1 interview will be re-scored." in response.content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            hr.post(reverse("console:score_rescore"), params)
        assert RescoreBatch.objects.get().session_ids == [ticked]
        assert SessionScore.objects.filter(version=2).count() == 1

    def test_the_picking_page_costs_the_same_queries_for_more_interviews(
        self, two_scored: list[InterviewSession], interview_world: Any
    ) -> None:
        hr = client_for(interview_world["hr"])
        params = {"template": interview_world["template"].pk}
        hr.get(reverse("console:score_rescore"), params)  # warm the session and the scorer's caches
        with CaptureQueriesContext(connection) as two:
            hr.get(reverse("console:score_rescore"), params)
        session_score(session_id=interview_submit(interview_world, "third").pk)
        with CaptureQueriesContext(connection) as three:
            response = hr.get(reverse("console:score_rescore"), params)
        assert len(response.context["listed"]) == 3
        assert len(three.captured_queries) == len(two.captured_queries)

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({}, "Choose an interview template, a job profile or at least one interview to re-score."),
            ({"session": ["abc"]}, "Interview numbers must be whole numbers."),
            ({"template": "999999"}, "Select a valid choice."),
        ],
    )
    def test_a_bad_selection_gets_a_clear_error_and_writes_nothing(
        self, two_scored: list[InterviewSession], interview_world: Any, data: dict[str, Any], message: str
    ) -> None:
        before = written()
        response = client_for(interview_world["hr"]).post(reverse("console:score_rescore"), data)
        assert response.status_code == 200
        assert message in response.content.decode()
        assert written() == before

    @pytest.mark.parametrize(("who", "status"), [("manager", 403), ("outsider", 404), ("anonymous", 302)])
    def test_only_hr_may_rescore(
        self, two_scored: list[InterviewSession], interview_world: Any, who: str, status: int
    ) -> None:
        users = other_users(interview_world)
        batch = RescoreBatch.objects.create(requested_by=interview_world["hr"], session_ids=[two_scored[0].pk])
        client = client_for(users.get(who))
        before = written()
        # when
        page = client.get(reverse("console:score_rescore"), {"template": interview_world["template"].pk})
        post = client.post(reverse("console:score_rescore"), {"template": interview_world["template"].pk})
        batch_page = client.get(reverse("console:score_rescore_batch", args=[batch.pk]))
        # then
        assert (page.status_code, post.status_code, batch_page.status_code) == (status, status, status)
        assert written() == before
        for response in (page, post, batch_page):
            assert two_scored[0].invitation.candidate.person.full_name not in response.content.decode()
