"""The demo's completed interviews: taken through the real services, scored by the real scorer, safe to reload."""

from __future__ import annotations

import re
from collections import defaultdict
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from talentloop.assessments.models import AnswerScore, SessionScore
from talentloop.cli.demo import DEMO_PASSWORD, demo_load
from talentloop.cli.demo_completed import DEMO_TRANSCRIPT_ENGINE, demo_completed_candidates
from talentloop.interviews.models import Answer, InterviewSession, Recording, SessionEvent

pytestmark = pytest.mark.django_db

ROLES = ("sales-rep", "backend-engineer", "production-supervisor")


def _entries() -> list[dict[str, Any]]:
    return demo_completed_candidates()


def _scores_by_email() -> dict[str, SessionScore]:
    return {
        score.session.invitation.candidate.person.email: score
        for score in SessionScore.objects.select_related("session__invitation__candidate__person")
    }


def _sign_in(client: Client, username: str) -> Any:
    return client.post(reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD})


def _counts() -> dict[str, int]:
    return {
        "sessions": InterviewSession.objects.count(),
        "answers": Answer.objects.count(),
        "recordings": Recording.objects.count(),
        "events": SessionEvent.objects.count(),
        "answer_scores": AnswerScore.objects.count(),
        "session_scores": SessionScore.objects.count(),
    }


def test_the_demo_hands_in_and_scores_an_interview_for_each_completed_candidate() -> None:
    # when
    completed = demo_load().completed_interviews

    # then: nine interviews, three per role, each submitted and scored once
    assert len(completed) == 9
    per_role: dict[str, int] = defaultdict(int)
    for interview in completed:
        assert interview.session.status == InterviewSession.Status.SUBMITTED
        assert interview.score is not None
        per_role[interview.candidate.applied_position.code] += 1
    assert dict(per_role) == dict.fromkeys(ROLES, 3)
    counts = _counts()
    del counts["events"]
    assert counts == {
        "sessions": 9,
        "answers": 54,
        "recordings": 1,
        # per role, the six questions' rubrics judge 13 (sales), 12 (backend) and 13 (production) dimensions
        "answer_scores": 3 * (13 + 12 + 13),
        "session_scores": 9,
    }
    # and the interviews were taken in the past, every answer within its time limit
    submitted = [interview.session.submitted_at for interview in completed]
    assert all(at is not None and at < timezone.now() for at in submitted)
    assert not Answer.objects.filter(is_late=True).exists()
    assert Answer.objects.filter(status=Answer.Status.ANSWERED, duration_seconds__isnull=True).count() == 0
    # and every answer went through the candidate's page: shown, started (or skipped), saved, finished
    kinds = set(SessionEvent.objects.values_list("kind", flat=True))
    assert {"opened", "consented", "question_shown", "draft_saved", "answered", "skipped", "submitted"} <= kinds


def test_per_role_the_strong_candidate_beats_the_average_who_beats_the_weak_and_the_weak_fails() -> None:
    # given
    demo_load()
    scores = _scores_by_email()

    # when
    by_role: dict[str, dict[str, SessionScore]] = defaultdict(dict)
    for entry in _entries():
        by_role[entry["position"]][entry["level"]] = scores[entry["email"]]

    # then
    for role in ROLES:
        levels = by_role[role]
        assert levels["strong"].overall > levels["average"].overall > levels["weak"].overall, role
        assert levels["strong"].passed, role
        assert not levels["weak"].passed, role
        assert levels["weak"].overall < levels["weak"].threshold, role


def test_strong_answers_earn_their_key_points_with_quotes_from_the_answer() -> None:
    # given
    demo_load()
    strong = [entry["email"] for entry in _entries() if entry["level"] == "strong"]

    # when
    rows = AnswerScore.objects.filter(answer__session__invitation__candidate__person__email__in=strong).select_related(
        "answer"
    )
    key_points = [(row.answer, point) for row in rows for point in row.result["dimension"]["key_points"]]

    # then: most key points are hit, and each hit quotes the answer it came from
    hits = [(answer, point) for answer, point in key_points if point["status"] == "hit"]
    assert len(hits) / len(key_points) >= 0.85
    for answer, point in hits:
        assert point["evidence"], point["identifier"]
        assert all(evidence["quote"] in answer.text for evidence in point["evidence"])


def test_one_answer_is_a_voice_transcript_without_punctuation_and_one_is_skipped() -> None:
    # when
    demo_load()

    # then
    voice = Answer.objects.get(mode=Answer.Mode.VOICE)
    recording = voice.recordings.get(is_current=True)
    assert recording.transcript_status == Recording.TranscriptStatus.DONE
    assert recording.engine == DEMO_TRANSCRIPT_ENGINE
    assert voice.text == recording.transcript_text
    assert not re.search(r"[，。、；：？！,.;:?!]", voice.text)
    assert voice.text.startswith("嗯 ")
    assert len(recording.transcript_words) > 50
    assert voice.audio_seconds is not None and recording.audio_seconds is not None
    assert voice.audio_seconds == recording.audio_seconds > 60
    delivery = AnswerScore.objects.filter(answer=voice)[0].result["features"]["delivery"]
    assert delivery["long_pauses"] and delivery["filler_count"] > 0
    skipped = Answer.objects.get(status=Answer.Status.SKIPPED)
    assert (skipped.question.code, skipped.text) == ("backend-online-schema-change", "")
    assert set(AnswerScore.objects.filter(answer=skipped).values_list("score", flat=True)) == {0.0}


def test_loading_again_creates_nothing_new() -> None:
    # given
    demo_load()
    first = _counts()

    # when
    second_summary = demo_load()

    # then
    assert _counts() == first
    assert len(second_summary.completed_interviews) == 9


def test_the_failed_and_the_passed_candidate_sign_in_and_hr_sees_the_scored_interview() -> None:
    # given
    output = StringIO()
    call_command("demo_load", stdout=output)
    scores = _scores_by_email()
    client = Client()

    # then: the failed candidate signs in with the printed password
    assert not scores["luo.dandan@example.com"].passed
    assert scores["tang.yifei@example.com"].passed
    for username in ("candidate3", "candidate4"):
        signed_in = _sign_in(client, username)
        assert (signed_in.status_code, signed_in["Location"]) == (302, reverse("home"))
        assert client.get(reverse("portal:profile")).status_code == 200
        client.post(reverse("accounts:logout"))
    # and the summary points HR to each scored interview
    text = output.getvalue()
    assert text.count("/console/interviews/sessions/") == 9
    assert "罗丹丹 — 销售代表" in text and "not passed, signs in as candidate3" in text
    # and HR sees the score and the quoted evidence there
    _sign_in(client, "hr")
    session = scores["xu.wen@example.com"].session
    page = client.get(reverse("console:interview_session", kwargs={"session_id": session.pk}))
    assert page.status_code == 200
    assert "<q>" in page.content.decode()
