"""Re-application fixtures: candidate_a's failed, scored Sales Representative interview (growth_fixtures), a bank
with one more question per dimension, and hand-made interviews for the funnel."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from talentloop.accounts.models import User
from talentloop.assessments.models import SessionScore
from talentloop.feedback.models import GrowthPath, GrowthPathItem, Reapplication
from talentloop.feedback.services.growth import growth_item_complete, growth_path_build
from talentloop.interviews.models import InterviewSession, InterviewTemplate, Invitation
from talentloop.interviews.services.invitations import invitation_create
from talentloop.interviews.tests.conftest import T0
from talentloop.org.models import Candidate
from talentloop.questionbank.services import KeyPointInput, QuestionInput, RubricInput, question_save

SUBMITTED = T0 + timedelta(seconds=62)  # when growth_fixtures' interview is handed in


@pytest.fixture
def failed(scored_interview_of_a: Invitation) -> InterviewSession:
    """candidate_a's interview: customer needs 62.5 and communication 0 against 100 and 50 → not passed."""
    session = scored_interview_of_a.session
    assert session.scores.get().passed is False
    return session


@pytest.fixture
def bigger_bank(hr: User, failed: InterviewSession) -> None:
    """q4 (customer needs) and q5 (communication): questions candidate_a has not been asked."""
    for code, dimension in (("q4", "customer-needs"), ("q5", "communication")):
        question_save(
            actor=hr,
            data=QuestionInput(
                code=code,
                kind="behavioural",
                text=f"问题{code}",
                text_en=f"Question {code}",
                position_codes=["sales-rep"],
                rubrics=[RubricInput(dimension, [KeyPointInput("要点", keywords=["要点"])], {"1": "差"})],
            ),
        )


def path_finish(session: InterviewSession, *, leave_open: int = 0) -> GrowthPath:
    """Build the path and mark its actions done (all but the last ``leave_open``)."""
    path = growth_path_build(session=session, now=SUBMITTED)
    items = list(path.items.order_by("rank"))
    for item in items[: len(items) - leave_open]:
        growth_item_complete(item=item, evidence_text="学完了", evidence_url="", now=SUBMITTED + timedelta(days=1))
    return path


def hand_made_interview(
    *, hr: User, template: InterviewTemplate, candidate: Candidate, passed: bool | None, submitted_at: datetime
) -> InterviewSession:
    """A submitted interview with a hand-written score (``passed=None``: not scored)."""
    invitation = invitation_create(
        actor=hr, template=template, company=candidate.person.company, candidate=candidate, send=False
    )
    session = InterviewSession.objects.create(
        invitation=invitation, status=InterviewSession.Status.SUBMITTED, submitted_at=submitted_at, question_count=1
    )
    if passed is not None:
        SessionScore.objects.create(
            session=session,
            scorer_name="rubric_scorer",
            scorer_version="v1",
            overall=80.0 if passed else 40.0,
            passed=passed,
            threshold=60.0,
            dimensions={},
        )
    return session


def hand_made_path(session: InterviewSession, statuses: list[str], dimension: Any) -> GrowthPath:
    path = GrowthPath.objects.create(
        person=session.invitation.candidate.person,
        session=session,
        session_score=session.scores.get(),
        gaps=[{"code": dimension.code, "name": dimension.name, "name_en": dimension.name_en}],
        built_at=session.submitted_at or T0,
    )
    for rank, status in enumerate(statuses, start=1):
        GrowthPathItem.objects.create(
            path=path,
            rank=rank,
            kind="tip",
            dimension=dimension,
            explanation="提示",
            explanation_en="Tip",
            status=status,
        )
    return path


def hand_made_reapplication(previous: InterviewSession, new: InterviewSession) -> Reapplication:
    return Reapplication.objects.create(
        person=previous.invitation.candidate.person,
        job_profile=previous.invitation.template.job_profile,
        previous_session=previous,
        invitation=new.invitation,
        basis=Reapplication.Basis.COOLDOWN_OVER,
        weak_dimensions=["customer-needs"],
        requested_at=new.submitted_at or T0,
    )
