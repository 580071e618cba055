"""Fixtures shared by the assessments tests (made available by conftest.py)."""

from __future__ import annotations

from typing import Any

import pytest

from talentloop.assessments.services.scores import session_score
from talentloop.assessments.tests.helpers import interview_submit
from talentloop.assessments.tests.test_scores import REVISED_KEY_POINTS, rubrics_save, submitted
from talentloop.interviews.models import InterviewSession

__all__ = ["submitted", "two_scored"]


@pytest.fixture
def two_scored(submitted: InterviewSession, interview_world: dict[str, Any]) -> list[InterviewSession]:
    """Two submitted, scored interviews (version 1 each), then HR revises every rubric to version 3."""
    other = interview_submit(interview_world, "second")
    for session in (submitted, other):
        session_score(session_id=session.pk)
    rubrics_save(REVISED_KEY_POINTS)
    return [submitted, other]
