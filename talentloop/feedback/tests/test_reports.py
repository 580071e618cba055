"""report_build on a hand-made scored interview: exact dimensions, lost points, notes; versions; release; policy."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from talentloop.assessments.models import SessionScore
from talentloop.core.exceptions import ErrorCode, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.feedback.models import Report, ReportPolicy
from talentloop.feedback.services.reports import (
    evidence_sentences,
    report_build,
    report_policy_update,
    report_release,
)
from talentloop.feedback.tests.conftest import EVIDENCE_QUOTE, PARTIAL_QUOTE, submit
from talentloop.interviews.models import InterviewSession
from talentloop.interviews.services.retention import sessions_purge_expired


def test_report_build_freezes_the_exact_facts(scored: InterviewSession) -> None:
    # when
    report = report_build(session=scored)
    # then
    assert report is not None and report.version == 1
    content = report.content
    assert (content["overall"], content["threshold"], content["passed"]) == (56.67, 60.0, False)
    assert content["summary"] == "能独立分析客户问题并给出量化方案"
    dimensions = {item["code"]: item for item in content["dimensions"]}
    assert [
        (code, item["score"], item["level"], item["required_level"], item["required_score"], item["meets_requirement"])
        for code, item in dimensions.items()
    ] == [("communication", 80.0, 4, 3, 50.0, True), ("problem-solving", 45.0, 2, 4, 75.0, False)]
    assert dimensions["problem-solving"]["anchor"]["description"] == "找到根因并给出量化方案"
    assert [
        (point["text"], point["status"], point["points_lost"], point["tip"], point["evidence"])
        for point in dimensions["problem-solving"]["key_points"]
    ] == [
        ("拆解问题", "hit", 0.0, "", [EVIDENCE_QUOTE]),
        ("用数据说明结果", "miss", 55.0, "用一个数字说明结果，例如“投诉减少了30%”", []),
    ]
    assert [(point["status"], point["evidence"]) for point in dimensions["communication"]["key_points"]] == [
        ("partial", [PARTIAL_QUOTE])
    ]
    assert [
        [(note["code"], note["value"], note["items"]) for note in answer["notes"]] for answer in content["answers"]
    ] == [
        [
            ("star_missing", None, ["task", "result"]),
            ("no_quantified_result", None, []),
            ("shorter_than_cohort", 30, []),
        ],
        [("no_connectors", None, []), ("long_pauses", 1, []), ("filler_words", 6.2, [])],
    ]


def test_report_build_is_idempotent_and_versions_follow_the_score(scored: InterviewSession) -> None:
    first = report_build(session=scored)
    assert report_build(session=scored) == first
    assert Report.objects.count() == 1
    # given a re-scored interview (a new score version)
    SessionScore.objects.create(
        session=scored,
        scorer_name="rubric_scorer",
        scorer_version="v2",
        overall=70.0,
        passed=True,
        threshold=60.0,
        dimensions={"communication": {"name": "沟通能力", "score": 70.0, "weight": 1.0, "required_level": 3}},
    )
    # when
    second = report_build(session=scored)
    # then the old version is kept beside the new one
    assert second is not None and first is not None
    assert (second.version, second.content["overall"], first.version) == (2, 70.0, 1)
    assert Report.objects.filter(session=scored).count() == 2


def test_report_dimensions_follow_their_codes_whatever_order_the_score_stored_them_in(scored: InterviewSession) -> None:
    # given a score version whose dimensions were stored in another order (PostgreSQL's jsonb reorders keys anyway)
    SessionScore.objects.create(
        session=scored,
        scorer_name="rubric_scorer",
        scorer_version="v2",
        overall=70.0,
        passed=True,
        threshold=60.0,
        dimensions={
            "problem-solving": {"name": "问题解决", "score": 60.0, "weight": 1.0, "required_level": 4},
            "communication": {"name": "沟通能力", "score": 80.0, "weight": 1.0, "required_level": 3},
        },
    )
    # when
    report = report_build(session=scored)
    # then the chart, the table and the lost points list the dimensions by code, on every database
    assert report is not None
    assert [item["code"] for item in report.content["dimensions"]] == ["communication", "problem-solving"]


def test_unscored_interview_has_no_report(report_world: dict[str, Any]) -> None:
    session = submit(report_world["invitation"])
    assert report_build(session=session) is None
    assert Report.objects.count() == 0


def test_release_is_audited_once(scored: InterviewSession, hr: Any) -> None:
    report = report_build(session=scored)
    assert report is not None
    report_release(report=report, actor=hr)
    released_at = report.released_at
    report_release(report=report, actor=hr)
    report.refresh_from_db()
    assert (report.released_at, report.released_by) == (released_at, hr)
    assert AuditEvent.objects.filter(object_type="feedback.report", action=AuditEvent.Action.UPDATE).count() == 1


def test_policy_update_records_what_changed(report_world: dict[str, Any], hr: Any) -> None:
    profile = report_world["profile"]
    policy = report_policy_update(
        job_profile=profile,
        actor=hr,
        score_display="bands",
        show_overall=False,
        show_evidence=True,
        show_delivery_notes=True,
        release="after_hr_release",
    )
    assert (policy.score_display, policy.show_overall, policy.release) == ("bands", False, "after_hr_release")
    event = AuditEvent.objects.get(object_type="feedback.reportpolicy")
    assert event.changes == {
        "score_display": ["scores", "bands"],
        "show_overall": [True, False],
        "release": ["automatic", "after_hr_release"],
    }
    assert ReportPolicy.objects.count() == 1


def test_retention_purge_deletes_the_report_with_the_interview(scored: InterviewSession) -> None:
    # given a report that quotes the answers
    assert report_build(session=scored) is not None
    # when the interview's retention period is over
    purged = sessions_purge_expired(now=timezone.now() + timedelta(days=10_000))
    # then the report and the score go with it: no quote outlives the answers
    assert purged.sessions == 1
    assert (Report.objects.count(), SessionScore.objects.count()) == (0, 0)


def test_policy_update_rejects_unknown_choices_and_writes_nothing(report_world: dict[str, Any], hr: Any) -> None:
    with pytest.raises(ValidationFailed) as raised:
        report_policy_update(
            job_profile=report_world["profile"],
            actor=hr,
            score_display="raw",
            show_overall=True,
            show_evidence=True,
            show_delivery_notes=True,
            release="never",
        )
    assert raised.value.code == ErrorCode.VALIDATION_ERROR
    assert sorted(raised.value.fields) == ["release", "score_display"]
    assert ReportPolicy.objects.count() == 0
    assert not AuditEvent.objects.filter(object_type="feedback.reportpolicy").exists()


ANSWER = "我先了解背景。然后和客户签了合同，确认了交付时间！最后做回访"


def _span(text: str, fragment: str) -> dict[str, Any]:
    start = text.index(fragment)
    return {"start": start, "end": start + len(fragment), "quote": fragment, "rule": "keyword"}


def test_evidence_is_quoted_as_the_sentence_that_holds_the_match() -> None:
    # given two keywords matched in the same sentence and one in the last
    evidence = [_span(ANSWER, "合同"), _span(ANSWER, "交付"), _span(ANSWER, "回访")]
    # when / then: each sentence once, in answer order, without its end mark
    assert evidence_sentences(ANSWER, evidence) == ["然后和客户签了合同，确认了交付时间", "最后做回访"]


def test_evidence_over_a_sentence_end_keeps_both_sentences() -> None:
    quotes = evidence_sentences(ANSWER, [_span(ANSWER, "背景。然后")])
    assert quotes == ["我先了解背景。然后和客户签了合同，确认了交付时间"]


def test_evidence_that_no_longer_quotes_the_answer_is_shown_as_stored() -> None:
    stale = {"start": 0, "end": 2, "quote": "合同", "rule": "keyword"}
    assert evidence_sentences(ANSWER, [stale, {"quote": "交付"}]) == ["合同", "交付"]
    assert evidence_sentences("", [stale]) == ["合同"]
