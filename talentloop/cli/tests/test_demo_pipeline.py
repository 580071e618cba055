"""The demo's pipeline: applications spread across the open openings' stages, with moves, reasons, scorecards."""

from __future__ import annotations

import pytest

from talentloop.cli.demo import demo_load
from talentloop.recruitment.models import Application, Scorecard, StageMove
from talentloop.recruitment.selectors import human_round_outcome_list

pytestmark = pytest.mark.django_db


def _board() -> list[tuple[str, str, str, str]]:
    return sorted(
        Application.objects.values_list("opening__position__code", "stage__name", "status", "rejection_reason")
    )


def test_the_demo_spreads_applications_across_the_stages_and_is_idempotent() -> None:
    demo_load()
    # (three of the backend engineer's applicants at the AI interview came from the careers site)
    assert _board() == [
        ("backend-engineer", "AI 面试", "active", ""),
        ("backend-engineer", "AI 面试", "active", ""),
        ("backend-engineer", "AI 面试", "active", ""),
        ("backend-engineer", "AI 面试", "active", ""),
        ("backend-engineer", "AI 面试", "active", ""),
        ("backend-engineer", "Offer", "active", ""),
        ("backend-engineer", "背景调查", "active", ""),
        ("backend-engineer", "部门复试", "rejected", "skills_gap"),
        ("sales-rep", "AI 面试", "active", ""),
        ("sales-rep", "AI 面试", "active", ""),
        ("sales-rep", "AI 面试", "active", ""),
        ("sales-rep", "Offer", "active", ""),
        ("sales-rep", "背景调查", "active", ""),
        ("sales-rep", "部门复试", "rejected", "skills_gap"),
    ]
    # 14 entries, 12 moves between stages, 2 rejections; 3 scorecards per opening by its hiring manager
    assert (StageMove.objects.count(), Scorecard.objects.count()) == (28, 6)
    assert (
        sorted(Scorecard.objects.values_list("interviewer__username", flat=True))
        == ["rnd.manager"] * 3 + ["sales.manager"] * 3
    )
    outcomes = human_round_outcome_list(application_ids=Application.objects.values_list("pk", flat=True))
    assert sorted(outcomes.values()) == [False, False, True, True, True, True]

    demo_load()
    assert (Application.objects.count(), StageMove.objects.count(), Scorecard.objects.count()) == (14, 28, 6)
