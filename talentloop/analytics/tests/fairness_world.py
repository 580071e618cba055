"""A hand-made audit world: 52 scored AI interviews for Sales Representative with known sexes and age bands, and
two R&D interviews in an earlier month, so every expected group, rate and ratio is exact.

Sales Representative (East China Sales), submitted 2026-03-10:

| who              | n  | passed | sex     | age band |
|------------------|----|--------|---------|----------|
| women            | 10 | 4      | female  | 25_34    |
| men              |  9 | 4      | male    | 25_34    |
| an older man     |  1 | 1      | male    | 55_plus  |
| not declared     | 32 | 10     | —       | —        |

Sex: female 4/10, male 5/10 → the female impact ratio is exactly 4/5, not flagged. Age band: 55_plus is 1 of 52
(under 2 %). Backend Engineer (R&D), submitted 2026-02-05: one woman passed, one man failed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from talentloop.accounts.models import User
from talentloop.analytics.models import SensitiveAttribute, SensitiveCategory
from talentloop.analytics.services import sensitive_categories_ensure_defaults
from talentloop.assessments.models import SessionScore
from talentloop.competencies.models import JobProfile
from talentloop.conftest import Organisation
from talentloop.interviews.models import InterviewSession, InterviewTemplate, Invitation
from talentloop.org.models import Candidate, Position
from talentloop.org.tests.factories import CandidateFactory

MARCH = datetime(2026, 3, 10, 4, 0, tzinfo=UTC)
FEBRUARY = datetime(2026, 2, 5, 4, 0, tzinfo=UTC)


def template_for(position: Position) -> InterviewTemplate:
    profile = JobProfile.objects.create(position=position, pass_threshold=60)
    return InterviewTemplate.objects.create(name=f"{position.title} AI", job_profile=profile)


def attribute_set(candidate: Candidate, code: str, value: str) -> SensitiveAttribute:
    return SensitiveAttribute.objects.create(
        person=candidate.person,
        category=SensitiveCategory.objects.get(code=code),
        value=value,
        consent_given_at=MARCH,
        source=SensitiveAttribute.Source.SELF_DECLARED,
    )


def assessed(
    template: InterviewTemplate,
    *,
    passed: bool,
    score: float | None = None,
    sex: str = "",
    age_band: str = "",
    submitted_at: datetime = MARCH,
    candidate: Candidate | None = None,
) -> InterviewSession:
    """One scored interview of a new candidate (or ``candidate``) with the given recorded attributes."""
    if candidate is None:
        candidate = CandidateFactory.create(applied_position=template.job_profile.position)
        if sex:
            attribute_set(candidate, "sex", sex)
        if age_band:
            attribute_set(candidate, "age_band", age_band)
    invitation = Invitation.objects.create(
        template=template, candidate=candidate, token_nonce="n", expires_at=submitted_at + timedelta(days=7)
    )
    session = InterviewSession.objects.create(
        invitation=invitation, status=InterviewSession.Status.SUBMITTED, submitted_at=submitted_at, question_count=1
    )
    SessionScore.objects.create(
        session=session,
        scorer_name="rubric_scorer",
        scorer_version="v1",
        overall=score if score is not None else (80.0 if passed else 40.0),
        passed=passed,
        threshold=60.0,
        dimensions={},
    )
    return session


@dataclass
class AuditWorld:
    sales: InterviewTemplate
    backend: InterviewTemplate
    women: list[InterviewSession]  # the first four passed

    @property
    def first_woman(self) -> InterviewSession:
        return self.women[0]


@pytest.fixture
def sensitive_categories(db: None) -> None:
    """The default categories (the migration seeds them, but a transactional test's flush before may have emptied
    the table)."""
    sensitive_categories_ensure_defaults()


@pytest.fixture
def audit_world(org: Organisation, hr_admin: User, sensitive_categories: None) -> AuditWorld:
    sales = template_for(org.sales_representative)
    backend = template_for(org.backend_engineer)
    sessions = [assessed(sales, passed=index < 4, sex="female", age_band="25_34") for index in range(10)]
    for index in range(9):
        assessed(sales, passed=index < 4, sex="male", age_band="25_34")
    assessed(sales, passed=True, sex="male", age_band="55_plus")
    for index in range(32):
        assessed(sales, passed=index < 10)
    assessed(backend, passed=True, sex="female", age_band="35_44", submitted_at=FEBRUARY)
    assessed(backend, passed=False, sex="male", age_band="35_44", submitted_at=FEBRUARY)
    return AuditWorld(sales=sales, backend=backend, women=sessions)
