"""report_get_for_user: the candidate their own, staff their scope, everyone else 404 with nothing leaked."""

from __future__ import annotations

from typing import Any

import pytest

from talentloop.core.exceptions import NotFound
from talentloop.core.models import AuditEvent
from talentloop.feedback.access import report_get_for_user
from talentloop.feedback.models import Report
from talentloop.feedback.selectors import CANDIDATE, HR
from talentloop.interviews.models import InterviewSession


@pytest.mark.parametrize("role", ["hr_admin", "hr", "sales_manager", "interviewer"])
def test_staff_in_scope_read_hr_view(scored: InterviewSession, personas: dict[str, Any], role: str) -> None:
    access = report_get_for_user(personas[role], scored.pk, audience=HR)
    assert access.report is not None and access.report.session == scored and access.released
    assert AuditEvent.objects.filter(object_type="feedback.report", action="view", actor=personas[role]).count() == 1


@pytest.mark.parametrize("role", ["anonymous", "rnd_manager", "employee", "candidate_a", "candidate_b"])
def test_hr_view_is_not_found_for_others(scored: InterviewSession, personas: dict[str, Any], role: str) -> None:
    with pytest.raises(NotFound):
        report_get_for_user(personas[role], scored.pk, audience=HR)
    # nothing built, nothing audited
    assert Report.objects.count() == 0
    assert not AuditEvent.objects.filter(object_type="feedback.report").exists()


def test_candidate_reads_their_own(scored: InterviewSession, candidate_a: Any) -> None:
    access = report_get_for_user(candidate_a, scored.pk, audience=CANDIDATE)
    assert access.report is not None and access.released


@pytest.mark.parametrize("role", ["anonymous", "candidate_b", "hr", "interviewer", "employee"])
def test_candidate_view_is_only_for_the_candidate(
    scored: InterviewSession, personas: dict[str, Any], role: str
) -> None:
    with pytest.raises(NotFound):
        report_get_for_user(personas[role], scored.pk, audience=CANDIDATE)
    assert Report.objects.count() == 0


def test_unknown_or_malformed_ids_are_not_found(scored: InterviewSession, hr: Any) -> None:
    for session_id in (scored.pk + 1000, "x"):
        with pytest.raises(NotFound):
            report_get_for_user(hr, session_id, audience=HR)
