"""The re-application funnel and list on hand-made interviews (exact counts), and their query counts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from talentloop.accounts.models import User
from talentloop.competencies.models import Dimension
from talentloop.competencies.services import RequirementInput, job_profile_save
from talentloop.conftest import Organisation
from talentloop.feedback.reapplication_selectors import reapplication_funnel_get, reapplication_list, reapplication_rows
from talentloop.feedback.tests.reapplications.conftest import (
    hand_made_interview,
    hand_made_path,
    hand_made_reapplication,
)
from talentloop.interviews.models import InterviewTemplate
from talentloop.interviews.services.templates import template_generate
from talentloop.interviews.tests.conftest import T0
from talentloop.org.models import Candidate
from talentloop.org.tests.factories import CandidateFactory


@pytest.fixture
def funnel_world(hr: User, org: Organisation, failed: Any) -> dict[str, Any]:
    """Sales: c1 failed; c2 started the path; c3 finished it; c4 finished, re-applied, passed and was hired;
    c5 passed at once; c6 re-applied and failed again. Backend: b1 failed. (candidate_a's ``failed`` interview is
    one more Sales failure, with no path.)"""
    sales: InterviewTemplate = failed.invitation.template
    needs = Dimension.objects.get(code="customer-needs")
    backend_profile = job_profile_save(
        actor=hr, position=org.backend_engineer, requirements=[RequirementInput("communication", 1, 3)]
    )
    backend = template_generate(actor=hr, profile=backend_profile, count=1)

    def candidate(name: str, position: Any) -> Candidate:
        return CandidateFactory.create(applied_position=position, full_name=name, email=f"{name}@example.com")

    day = T0 + timedelta(days=1)
    c = {name: candidate(name, org.sales_representative) for name in ("c1", "c2", "c3", "c4", "c5", "c6")}
    first = {
        name: hand_made_interview(hr=hr, template=sales, candidate=c[name], passed=name == "c5", submitted_at=day)
        for name in c
    }
    hand_made_path(first["c2"], ["done", "not_started"], needs)
    hand_made_path(first["c3"], ["done", "done"], needs)
    hand_made_path(first["c4"], ["done"], needs)
    later = day + timedelta(days=30)
    second_c4 = hand_made_interview(hr=hr, template=sales, candidate=c["c4"], passed=True, submitted_at=later)
    hand_made_reapplication(first["c4"], second_c4)
    second_c6 = hand_made_interview(hr=hr, template=sales, candidate=c["c6"], passed=False, submitted_at=later)
    hand_made_reapplication(first["c6"], second_c6)
    Candidate.objects.filter(pk=c["c4"].pk).update(status=Candidate.Status.HIRED)
    Candidate.objects.filter(pk=c["c5"].pk).update(status=Candidate.Status.HIRED)  # hired, but never failed
    hand_made_interview(hr=hr, template=backend, candidate=candidate("b1", org.backend_engineer), passed=False,
                        submitted_at=day)  # fmt: skip
    return {"sales": sales.job_profile, "backend": backend_profile}


def _counts(stages: Any) -> dict[str, int]:
    return {stage.key: stage.count for stage in stages}


def test_funnel_for_one_job_profile(funnel_world: dict[str, Any]) -> None:
    assert _counts(reapplication_funnel_get(job_profile=funnel_world["sales"])) == {
        "failed": 6,  # candidate_a, c1, c2, c3, c4, c6 (c6 once, though they failed twice)
        "started_path": 3,
        "finished_path": 2,
        "reapplied": 2,
        "passed": 1,
        "hired": 1,
    }


def test_funnel_for_every_job_profile(funnel_world: dict[str, Any]) -> None:
    counts = _counts(reapplication_funnel_get())
    assert (counts["failed"], counts["reapplied"]) == (7, 2)
    assert _counts(reapplication_funnel_get(job_profile=funnel_world["backend"]))["failed"] == 1


def test_funnel_labels_in_order(funnel_world: dict[str, Any]) -> None:
    assert [stage.label for stage in reapplication_funnel_get()] == [
        "Did not pass an interview",
        "Started their growth path",
        "Finished their growth path",
        "Re-applied",
        "Passed the new interview",
        "Hired",
    ]


def test_funnel_queries_do_not_grow_with_the_data(funnel_world: dict[str, Any]) -> None:
    with CaptureQueriesContext(connection) as queries:
        reapplication_funnel_get()
    assert len(queries) == 7


def test_list_with_status(funnel_world: dict[str, Any]) -> None:
    rows = reapplication_rows(reapplication_list(job_profile=funnel_world["sales"]))
    assert sorted((row.reapplication.person.full_name, row.status) for row in rows) == [
        ("c4", "passed"),
        ("c6", "not_passed"),
    ]
    assert reapplication_list(job_profile=funnel_world["backend"]).count() == 0
