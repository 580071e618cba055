"""What each audience sees: HR every fact; each policy switch changes the candidate's view exactly."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from talentloop.feedback.models import Report, ReportPolicy
from talentloop.feedback.selectors import CANDIDATE, HR, ReportView, report_is_released, report_view_get
from talentloop.feedback.services.reports import report_build
from talentloop.feedback.tests.conftest import EVIDENCE_QUOTE, PARTIAL_QUOTE
from talentloop.interviews.models import InterviewSession


@pytest.fixture
def report(scored: InterviewSession) -> Report:
    built = report_build(session=scored)
    assert built is not None
    return built


def view(report: Report, audience: Any = CANDIDATE, **policy: Any) -> ReportView:
    with translation.override("zh-hans"):
        return report_view_get(report=report, audience=audience, policy=ReportPolicy(**policy))


def quotes(result: ReportView) -> list[str]:
    return [quote for d in result.dimensions for point in d.lost + d.hits for quote in point.evidence]


def notes(result: ReportView) -> list[list[str]]:
    return [answer.notes for answer in result.answers]


def test_hr_sees_every_fact_whatever_the_policy(report: Report) -> None:
    result = view(report, HR, score_display="bands", show_overall=False, show_evidence=False, show_delivery_notes=False)
    assert (result.overall, result.threshold, result.passed) == ("56.7", "60", False)
    assert [(d.name, d.score, d.required, d.meets_requirement) for d in result.dimensions] == [
        ("沟通能力", "80分（满分100）", "3级（50分及以上）", True),
        ("问题解决", "45分（满分100）", "4级（75分及以上）", False),
    ]
    assert quotes(result) == [PARTIAL_QUOTE, EVIDENCE_QUOTE]
    assert [(p.text, p.status, p.points_lost, p.tip) for p in result.dimensions[1].lost] == [
        ("用数据说明结果", "miss", 55.0, "用一个数字说明结果，例如“投诉减少了30%”")
    ]
    assert len(notes(result)[0]) == 3 and len(notes(result)[1]) == 3


def test_default_policy_shows_the_candidate_the_same_facts(report: Report) -> None:
    hr, candidate = view(report, HR), view(report)
    assert (candidate.overall, quotes(candidate), notes(candidate)) == (hr.overall, quotes(hr), notes(hr))
    assert [d.score for d in candidate.dimensions] == [d.score for d in hr.dimensions]
    assert candidate.radar == hr.radar


def test_bands_hide_every_raw_score(report: Report) -> None:
    scores, bands = view(report), view(report, score_display="bands")
    assert [(d.score, d.required) for d in bands.dimensions] == [
        ("4级（共5级）", "3级（共5级）"),
        ("2级（共5级）", "4级（共5级）"),
    ]
    assert (bands.overall, bands.threshold) == ("3级（共5级）", "3级（共5级）")
    assert all(point.points_lost is None for d in bands.dimensions for point in d.lost + d.hits)
    assert "45" not in bands.radar and bands.radar != scores.radar
    # everything else is unchanged
    assert (quotes(bands), notes(bands)) == (quotes(scores), notes(scores))


def test_hiding_the_overall_score_hides_only_it(report: Report) -> None:
    shown, hidden = view(report), view(report, show_overall=False)
    assert (hidden.overall, hidden.threshold, hidden.passed) == (None, None, False)
    assert (hidden.dimensions, notes(hidden)) == (shown.dimensions, notes(shown))


def test_hiding_evidence_removes_every_quote_and_nothing_else(report: Report) -> None:
    shown, hidden = view(report), view(report, show_evidence=False)
    assert quotes(hidden) == []
    assert [(p.text, p.status, p.tip) for d in hidden.dimensions for p in d.lost + d.hits] == [
        (p.text, p.status, p.tip) for d in shown.dimensions for p in d.lost + d.hits
    ]
    assert (hidden.overall, notes(hidden)) == (shown.overall, notes(shown))


def test_hiding_delivery_notes_keeps_structure_notes(report: Report) -> None:
    result = view(report, show_delivery_notes=False)
    assert notes(result) == [
        ["STAR 故事缺少：任务、结果。", "没有量化的结果（数字、百分比、金额或时间）。"],
        ["没有使用连接词（首先、然后、最后）来组织回答。"],
    ]
    assert notes(view(report))[0][2] == "回答比该问题的平均长度短 30%。"


def test_english_follows_the_active_language(report: Report) -> None:
    with translation.override("en"):
        result = report_view_get(report=report, audience=CANDIDATE, policy=ReportPolicy())
    assert [d.name for d in result.dimensions] == ["Communication", "Problem solving"]
    assert result.dimensions[1].lost[0].tip == "Give the result as a number, e.g. 'complaints fell by 30%'"
    assert result.answers[0].notes[2] == "Answer 30% shorter than the average for this question."
    assert result.summary == "Analyses customer problems alone and proposes measurable solutions"


def test_release_policy(report: Report) -> None:
    assert report_is_released(report=report, policy=ReportPolicy(release="automatic"))
    assert not report_is_released(report=report, policy=ReportPolicy(release="after_hr_release"))
