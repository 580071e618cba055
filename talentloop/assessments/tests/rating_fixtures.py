"""A scored interview and the people around it, for the rating, calibration and agreement tests.

Scores are set by hand (75, 25, 50) so every statistic can be worked out on paper:
answer 1 (question q1, customer-needs) 75 → fixed level 4; answer 2 (q2, customer-needs) 25 → 2;
answer 3 (q3, communication) 50 → 3.
"""

from __future__ import annotations

from typing import Any

import pytest

from talentloop.accounts.models import User
from talentloop.accounts.services import user_create
from talentloop.assessments.models import AnswerScore
from talentloop.assessments.services.scores import session_score
from talentloop.assessments.tests.test_scores import NEEDS_KEY_POINTS, answer_all, rubrics_save
from talentloop.interviews.models import InterviewSession, Invitation
from talentloop.interviews.services import sessions as s
from talentloop.interviews.tests.conftest import T0, interview_world, invitation  # noqa: F401
from talentloop.org.models import Person, Role
from talentloop.org.services import department_create, role_grant_create

SCORES = {1: 75.0, 2: 25.0, 3: 50.0}


@pytest.fixture
def scored(invitation: Invitation) -> InterviewSession:  # noqa: F811
    rubrics_save(NEEDS_KEY_POINTS)
    session = s.session_open(invitation=invitation, now=T0)
    session = s.session_consent(session=session, consent=True, voice_consent=False, now=T0)
    session = answer_all(session)
    session_score(session_id=session.pk)
    for order, value in SCORES.items():
        AnswerScore.objects.filter(answer__session=session, answer__order=order).update(score=value)
    return session


@pytest.fixture
def people(interview_world: dict[str, Any], invitation: Invitation) -> dict[str, User]:  # noqa: F811
    """HR, a second HR, the candidate's interviewer and hiring manager, and people who must be refused."""
    company = interview_world["company"]
    sales = interview_world["position"].department
    other = department_create(company=company, name="研发部", code="rnd")
    users: dict[str, User] = {"hr": interview_world["hr"]}
    for username, role, department in (
        ("hr2", Role.HR, None),
        ("hr3", Role.HR, None),
        ("interviewer", Role.INTERVIEWER, None),
        ("other_interviewer", Role.INTERVIEWER, None),
        ("sales_manager", Role.HIRING_MANAGER, sales),
        ("rnd_manager", Role.HIRING_MANAGER, other),
    ):
        users[username] = user_create(username=username, password=None, display_name=username)
        role_grant_create(actor=None, user=users[username], role=role, department=department)
    invitation.candidate.interviewers.add(users["interviewer"])
    users["candidate"] = user_create(username="candidate", password=None)
    Person.objects.filter(pk=invitation.candidate.person_id).update(user=users["candidate"])
    users["nobody"] = user_create(username="nobody", password=None)
    return users
