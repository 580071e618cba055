"""Scoring a submitted interview: stored rows, idempotence, the rubric version kept, and the edges that submit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from talentloop.assessments.models import AnswerScore, SessionScore
from talentloop.assessments.selectors import answer_scores_by_answer, session_score_get
from talentloop.assessments.services.scores import (
    answer_score,
    interview_submit_and_score,
    session_score,
    sessions_score_unscored,
)
from talentloop.assessments.tests.helpers import interview_submit
from talentloop.interviews.models import Answer, InterviewSession, Invitation
from talentloop.interviews.services import sessions as s
from talentloop.interviews.services.invitations import invitation_link
from talentloop.interviews.tests.conftest import T0
from talentloop.questionbank.services import KeyPointInput, QuestionInput, RubricInput, question_save

GOOD = "首先我会询问客户的预算和使用场景，然后确认他们的真实需求，最后我们的方案让客户的成本降低了20%。"
KEYWORDS_ONLY = "预算 使用场景 真实需求 降低"
NEEDS_KEY_POINTS = [
    KeyPointInput("询问客户的预算和使用场景", keywords=["预算", "使用场景"]),
    KeyPointInput("确认客户的真实需求", keywords=["真实需求"], synonyms=["核实需求"]),
    KeyPointInput("用数据说明结果", keywords=["降低", "提升"]),
]


def token_of(invitation: Invitation) -> str:
    return invitation_link(invitation).rstrip("/").rsplit("/", 1)[1]


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def rubrics_save(key_points: list[KeyPointInput]) -> None:
    for number, dimension in enumerate(["customer-needs", "customer-needs", "communication"], start=1):
        question_save(
            actor=None,
            data=QuestionInput(
                code=f"q{number}",
                kind="behavioural",
                text=f"问题{number}",
                text_en=f"Question {number}",
                position_codes=["sales-rep"],
                rubrics=[RubricInput(dimension, key_points, {"1": "差"})],
            ),
        )


def answer_all(session: InterviewSession, submit: Callable[..., Any] = s.session_submit) -> InterviewSession:
    """A good answer, a keyword-only answer and a skip, then submit."""
    s.session_state(session=session, now=at(0))
    s.answer_submit_text(session=session, order=1, text=GOOD, revision=0, now=at(30))
    s.session_next(session=session, order=1, now=at(31))
    s.session_state(session=session, now=at(32))
    s.answer_submit_text(session=session, order=2, text=KEYWORDS_ONLY, revision=0, now=at(50))
    s.session_next(session=session, order=2, now=at(51))
    s.session_state(session=session, now=at(52))
    s.answer_skip(session=session, order=3, now=at(60))
    s.session_next(session=session, order=3, now=at(61))
    return submit(session=session, now=at(62))


@pytest.fixture
def submitted(invitation: Invitation) -> InterviewSession:
    rubrics_save(NEEDS_KEY_POINTS)
    session = s.session_open(invitation=invitation, now=T0)
    session = s.session_consent(session=session, consent=True, voice_consent=False, now=T0)
    return answer_all(session)


def stored(session: InterviewSession) -> list[tuple[int, str, int, str, str, float, list[str], list[str]]]:
    return [
        (
            row.answer.order,
            row.dimension.code,
            row.rubric.version,
            row.scorer_name,
            row.scorer_version,
            row.score,
            [key_point["status"] for key_point in row.result["dimension"]["key_points"]],
            row.result["reasons"],
        )
        for row in AnswerScore.objects.filter(answer__session=session).order_by("answer__order")
    ]


@pytest.mark.django_db
class TestSessionScore:
    def test_a_submitted_interview_gets_exact_rows(self, submitted: InterviewSession) -> None:
        # when
        score = session_score(session_id=submitted.pk)
        # then
        assert stored(submitted) == [
            (1, "customer-needs", 2, "rubric_scorer", "v1", 100.0, ["hit", "hit", "hit"], []),
            (2, "customer-needs", 2, "rubric_scorer", "v1", 25.0, ["hit", "hit", "hit"], ["keyword_list"]),
            (3, "communication", 2, "rubric_scorer", "v1", 0.0, ["miss", "miss", "miss"], ["skipped", "empty"]),
        ]
        assert score is not None
        # (3 × 62.5 + 1 × 0) / 4, against the job profile's default threshold of 60
        assert (score.overall, score.passed, score.threshold) == (46.88, False, 60.0)
        assert score.dimensions == {
            "communication": {"name": "communication", "score": 0.0, "weight": 1.0, "required_level": 3, "answers": 1},
            "customer-needs": {
                "name": "customer-needs",
                "score": 62.5,
                "weight": 3.0,
                "required_level": 4,
                "answers": 2,
            },
        }
        assert (score.scorer_name, score.scorer_version) == ("rubric_scorer", "v1")

    def test_evidence_quotes_the_answer_and_points_lost_add_up(self, submitted: InterviewSession) -> None:
        session_score(session_id=submitted.pk)
        good = AnswerScore.objects.get(answer__order=1)
        key_points = good.result["dimension"]["key_points"]
        for key_point in key_points:
            for evidence in key_point["evidence"]:
                assert GOOD[evidence["start"] : evidence["end"]] == evidence["quote"]
        assert round(100 - sum(key_point["points_lost"] for key_point in key_points), 2) == good.score
        assert len(good.inputs_digest) == 64

    def test_running_twice_stores_nothing_new(self, submitted: InterviewSession) -> None:
        first = session_score(session_id=submitted.pk)
        rows = list(AnswerScore.objects.values_list("pk", "score", "result", "inputs_digest"))
        # when
        second = session_score(session_id=submitted.pk)
        for answer in submitted.answers.all():
            answer_score(answer_id=answer.pk)
        # then
        assert first == second
        assert SessionScore.objects.count() == 1
        assert list(AnswerScore.objects.values_list("pk", "score", "result", "inputs_digest")) == rows

    def test_the_answer_keeps_its_rubric_version_after_a_revision(self, submitted: InterviewSession) -> None:
        # given HR revises every rubric after the interview was opened
        rubrics_save([KeyPointInput("完全不同的要点", keywords=["不同"])])
        # when
        session_score(session_id=submitted.pk)
        # then the scores use the versions the answers were given
        assert set(AnswerScore.objects.values_list("rubric__version", flat=True)) == {2}
        texts = AnswerScore.objects.get(answer__order=1).result["dimension"]["key_points"]
        assert [key_point["text"] for key_point in texts] == [key_point.text for key_point in NEEDS_KEY_POINTS]

    def test_the_result_is_deterministic(self, submitted: InterviewSession) -> None:
        session_score(session_id=submitted.pk)
        before = {row.answer_id: (row.result, row.inputs_digest) for row in AnswerScore.objects.all()}
        # when the rows are scored again from scratch
        AnswerScore.objects.all().delete()
        SessionScore.objects.all().delete()
        session_score(session_id=submitted.pk)
        # then
        assert {row.answer_id: (row.result, row.inputs_digest) for row in AnswerScore.objects.all()} == before

    def test_an_interview_not_submitted_is_not_scored(self, started: InterviewSession) -> None:
        assert session_score(session_id=started.pk) is None
        assert AnswerScore.objects.count() == SessionScore.objects.count() == 0

    def test_a_voice_answer_waiting_for_its_transcript_is_scored_later(self, submitted: InterviewSession) -> None:
        # given answer 1 is a voice answer whose transcript has not arrived
        answer = submitted.answers.get(order=1)
        Answer.objects.filter(pk=answer.pk).update(mode=Answer.Mode.VOICE, text="")
        answer.recordings.create(content_type="audio/webm", size_bytes=1, sha256="0" * 64, file="a.webm")
        # when
        assert session_score(session_id=submitted.pk) is None
        # then nothing is stored for the session and the waiting answer
        assert SessionScore.objects.count() == 0
        assert not AnswerScore.objects.filter(answer=answer).exists()

        # when the transcript arrives and the sweep runs, then the interview is scored, once
        Answer.objects.filter(pk=answer.pk).update(text="我先了解客户的需求")
        answer.recordings.update(transcript_status="done", transcript_text="我先了解客户的需求")
        assert sessions_score_unscored() == 1
        assert sessions_score_unscored() == 0
        assert SessionScore.objects.filter(session=submitted).count() == 1
        assert AnswerScore.objects.filter(answer=answer).exists()


@pytest.mark.django_db
class TestSubmitAndScore:
    def test_the_service_scores_on_commit(
        self, invitation: Invitation, django_capture_on_commit_callbacks: Any
    ) -> None:
        rubrics_save(NEEDS_KEY_POINTS)
        session = s.session_open(invitation=invitation, now=T0)
        session = s.session_consent(session=session, consent=True, voice_consent=False, now=T0)
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            answer_all(session, submit=interview_submit_and_score)
        assert len(callbacks) == 1
        assert SessionScore.objects.get(session=session).overall == 46.88
        assert AnswerScore.objects.count() == 3

    def test_the_portal_submit_scores(self, started: InterviewSession, django_capture_on_commit_callbacks: Any) -> None:
        token = token_of(started.invitation)
        s.session_state(session=started, now=at(0))
        s.answer_submit_text(session=started, order=1, text="我会先了解客户需求", revision=0, now=at(20))
        s.session_next(session=started, order=1, now=at(21))
        # when
        with django_capture_on_commit_callbacks(execute=True):
            response = Client().post(reverse("interview:submit", args=[token]))
        # then
        assert response.status_code == 302
        assert SessionScore.objects.filter(session=started).count() == 1
        assert AnswerScore.objects.filter(answer__session=started).count() == 3

    def test_the_api_submit_scores(self, started: InterviewSession, django_capture_on_commit_callbacks: Any) -> None:
        token = token_of(started.invitation)
        with django_capture_on_commit_callbacks(execute=True):
            response = Client().post(f"/api/v1/interview/{token}/submit/")
        assert response.status_code == 200, response.content
        assert SessionScore.objects.filter(session=started).count() == 1

    def test_hr_sees_the_score_and_the_evidence(self, submitted: InterviewSession, interview_world: Any) -> None:
        session_score(session_id=submitted.pk)
        client = Client()
        client.force_login(interview_world["hr"])
        # when
        response = client.get(reverse("console:interview_session", args=[submitted.pk]))
        # then
        content = response.content.decode()
        assert response.status_code == 200
        assert "46.88" in content
        assert "rubric_scorer.v1" in content
        assert "<q>真实需求</q>" in content
        # the reason is shown in words (the page speaks Chinese here), never as the scorer's code
        assert "回答只罗列了关键词，没有展开说明。" in content
        assert "keyword_list" not in content


REVISED_KEY_POINTS = [
    KeyPointInput("询问客户的预算", keywords=["预算"]),
    KeyPointInput("说明降低了多少成本", keywords=["成本"]),
]


def version_rows(session: InterviewSession) -> list[tuple[int, str, str, float, bool, list[tuple[str, str, int]]]]:
    return [
        (
            score.version,
            score.reason,
            f"{score.scorer_name}.{score.scorer_version}",
            score.overall,
            score.passed,
            [(entry["question"], entry["dimension"], entry["version"]) for entry in score.rubric_versions],
        )
        for score in SessionScore.objects.filter(session=session).order_by("version")
    ]


@pytest.mark.django_db
class TestScoreVersions:
    def test_the_first_score_is_version_1_with_its_rubric_versions(self, submitted: InterviewSession) -> None:
        score = session_score(session_id=submitted.pk)
        assert score is not None
        assert version_rows(submitted) == [
            (
                1,
                "initial",
                "rubric_scorer.v1",
                46.88,
                False,
                [("q1", "customer-needs", 2), ("q2", "customer-needs", 2), ("q3", "communication", 2)],
            )
        ]
        assert score.requested_by is None
        assert score.batch is None
        assert len(score.rubric_set_digest) == 64

    def test_a_rescore_adds_version_2_next_to_the_untouched_version_1(
        self, submitted: InterviewSession, interview_world: dict[str, Any]
    ) -> None:
        # given version 1, then HR revises every rubric (version 3 becomes current)
        first = session_score(session_id=submitted.pk)
        assert first is not None
        before = list(SessionScore.objects.values())
        rows_before = list(AnswerScore.objects.order_by("pk").values())
        rubrics_save(REVISED_KEY_POINTS)
        # when
        second = session_score(session_id=submitted.pk, current_rubrics=True, requested_by=interview_world["hr"])
        # then a second version, judged on the current rubrics, sits next to the first
        assert second is not None
        assert version_rows(submitted) == [
            (
                1,
                "initial",
                "rubric_scorer.v1",
                46.88,
                False,
                [("q1", "customer-needs", 2), ("q2", "customer-needs", 2), ("q3", "communication", 2)],
            ),
            (
                2,
                "rescore",
                "rubric_scorer.v1",
                second.overall,
                second.passed,
                [("q1", "customer-needs", 3), ("q2", "customer-needs", 3), ("q3", "communication", 3)],
            ),
        ]
        assert second.requested_by == interview_world["hr"]
        assert second.rubric_set_digest != first.rubric_set_digest
        # the old version and its answer scores are exactly as they were; three new rows are added
        assert list(SessionScore.objects.filter(pk=first.pk).values()) == before
        assert list(AnswerScore.objects.filter(pk__in=[row["id"] for row in rows_before]).order_by("pk").values()) == (
            rows_before
        )
        assert sorted(AnswerScore.objects.values_list("answer__order", "rubric__version")) == [
            (1, 2),
            (1, 3),
            (2, 2),
            (2, 3),
            (3, 2),
            (3, 3),
        ]
        # and the readers the report uses see the current version
        assert session_score_get(session=submitted) == second
        current_rows = answer_scores_by_answer(session=submitted)
        assert sorted(row.rubric.version for rows in current_rows.values() for row in rows) == [3, 3, 3]
        old_rows = answer_scores_by_answer(session=submitted, score=first)
        assert sorted(row.rubric.version for rows in old_rows.values() for row in rows) == [2, 2, 2]

    def test_the_same_scorer_and_rubrics_return_the_existing_version(self, submitted: InterviewSession) -> None:
        first = session_score(session_id=submitted.pk)
        # when re-scoring with nothing changed, twice
        again = session_score(session_id=submitted.pk, current_rubrics=True)
        once_more = session_score(session_id=submitted.pk, current_rubrics=True)
        # then
        assert first == again == once_more
        assert SessionScore.objects.filter(session=submitted).count() == 1
        assert AnswerScore.objects.count() == 3

    def test_rescoring_twice_after_a_revision_adds_one_version(self, submitted: InterviewSession) -> None:
        session_score(session_id=submitted.pk)
        rubrics_save(REVISED_KEY_POINTS)
        second = session_score(session_id=submitted.pk, current_rubrics=True)
        third = session_score(session_id=submitted.pk, current_rubrics=True)
        assert second == third
        assert [row[0] for row in version_rows(submitted)] == [1, 2]
        assert AnswerScore.objects.count() == 6

    def test_a_version_created_directly_takes_the_next_number(self, submitted: InterviewSession) -> None:
        session_score(session_id=submitted.pk)
        # when another scorer's result is stored without a number
        other = SessionScore.objects.create(
            session=submitted, scorer_name="rubric_scorer", scorer_version="v2", overall=1.0, passed=False, threshold=60
        )
        # then
        assert other.version == 2


@pytest.mark.django_db
class TestCohort:
    def test_the_cohort_average_needs_the_minimum_number_of_other_answers(
        self, submitted: InterviewSession, interview_world: dict[str, Any], settings: Any
    ) -> None:
        # given a threshold of 3 and two other finished answers to question 1 (30 s and 40 s after 10 s to prepare)
        settings.TALENTLOOP_COHORT_MIN_ANSWERS = 3
        interview_submit(interview_world, "cohort-a", seconds=40)
        interview_submit(interview_world, "cohort-b", seconds=50)
        # when
        session_score(session_id=submitted.pk)
        # then two is below the threshold: no comparison
        row = AnswerScore.objects.get(answer=submitted.answers.get(order=1))
        assert row.result["inputs"] == {
            "duration_seconds": 20.0,
            "expected_seconds": 120.0,
            "cohort_average_seconds": None,
            "cohort_answers": 2,
        }
        assert row.result["features"]["delivery"]["percent_versus_cohort"] is None
        digest_without_cohort = row.inputs_digest

        # given a third other answer (50 s), when the answer is scored from scratch
        interview_submit(interview_world, "cohort-c", seconds=60)
        AnswerScore.objects.all().delete()
        SessionScore.objects.all().delete()
        session_score(session_id=submitted.pk)
        # then 20 s against an average of 40 s is 50% shorter, and the average is part of the inputs
        row = AnswerScore.objects.get(answer=submitted.answers.get(order=1))
        assert row.result["inputs"] == {
            "duration_seconds": 20.0,
            "expected_seconds": 120.0,
            "cohort_average_seconds": 40.0,
            "cohort_answers": 3,
        }
        assert row.result["features"]["delivery"]["percent_versus_cohort"] == -50.0
        assert row.inputs_digest != digest_without_cohort

    def test_skipped_and_unanswered_questions_are_not_in_the_cohort(
        self, submitted: InterviewSession, interview_world: dict[str, Any], settings: Any
    ) -> None:
        settings.TALENTLOOP_COHORT_MIN_ANSWERS = 1
        # given another interview that answered question 1 in 10 s and skipped questions 2 and 3, and one that is
        # still on question 1
        interview_submit(interview_world, "answered-one", seconds=20)
        opened = interview_submit(interview_world, "still-open", seconds=20, submit=False)
        Answer.objects.filter(session=opened, order=1).update(status=Answer.Status.PENDING, finished_at=None)
        # when
        session_score(session_id=submitted.pk)
        # then only the finished answer counts for question 1, and nobody else answered questions 2 and 3
        inputs = {
            row.answer.order: row.result["inputs"] for row in AnswerScore.objects.filter(answer__session=submitted)
        }
        assert (inputs[1]["cohort_average_seconds"], inputs[1]["cohort_answers"]) == (10.0, 1)
        assert (inputs[2]["cohort_average_seconds"], inputs[2]["cohort_answers"]) == (None, 0)
        assert (inputs[3]["cohort_average_seconds"], inputs[3]["cohort_answers"]) == (None, 0)
        assert (
            AnswerScore.objects.get(answer__session=submitted, answer__order=1).result["features"]["delivery"][
                "percent_versus_cohort"
            ]
            == 100.0
        )


@pytest.mark.django_db
def test_evidence_offsets_index_the_stored_full_width_and_mixed_text(invitation: Invitation) -> None:
    # given an answer mixing full-width Latin and digits, traditional characters, English and a line break
    text = "首先我會詢問客戶的ＢＵＤＧＥＴ（预算）和使用场景，\n然后 confirm 他们的真实需求；最后成本降低了２０％。"
    rubrics_save(NEEDS_KEY_POINTS)
    session = s.session_open(invitation=invitation, now=T0)
    session = s.session_consent(session=session, consent=True, voice_consent=False, now=T0)
    s.session_state(session=session, now=at(0))
    s.answer_submit_text(session=session, order=1, text=text, revision=0, now=at(30))
    s.session_next(session=session, order=1, now=at(31))
    # when
    answer_score(answer_id=session.answers.get(order=1).pk)
    # then every evidence span quotes the stored text exactly, at its offsets
    stored_text = Answer.objects.get(session=session, order=1).text
    evidence = [
        item
        for row in AnswerScore.objects.filter(answer__session=session)
        for key_point in row.result["dimension"]["key_points"]
        for item in key_point["evidence"]
    ]
    assert len(evidence) >= 3
    for item in evidence:
        assert stored_text[item["start"] : item["end"]] == item["quote"]
    assert any("２０％" in item["quote"] or "降低" in item["quote"] for item in evidence)
