"""The predictor's résumé features: read from the careers site's résumés and turned into numbers."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from talentloop.accounts.models import User
from talentloop.analytics.prediction_selectors import resume_feature_values
from talentloop.recruitment.models import Application, Resume
from talentloop.recruitment.tests.fixtures import RecruitmentWorld, external_application

pytestmark = pytest.mark.django_db


def _resume(application: Application, features: dict[str, Any], *, read: bool = True) -> Resume:
    return Resume.objects.create(
        application=application,
        person=application.person,
        file="resumes/test.pdf",
        original_name="test.pdf",
        content_type=Resume.PDF,
        size=1,
        sha256="0" * 64,
        features=features,
        extracted_at=timezone.now() if read else None,
    )


def test_resume_features_become_numbers_and_missing_ones_are_left_out(recruitment: RecruitmentWorld, hr: User) -> None:
    # given three applicants: a full résumé, one giving only a degree, one not read yet; and one without a résumé
    full, degree_only, unread, none = (
        external_application(recruitment.external, name, hr=hr) for name in ("周一", "吴二", "郑三", "王四")
    )
    _resume(
        full, {"years_of_experience": {"value": 5, "rule": "r"}, "highest_degree": {"value": "master", "rule": "r"}}
    )
    _resume(degree_only, {"highest_degree": {"value": "doctorate", "rule": "r"}})
    _resume(unread, {"years_of_experience": {"value": 3, "rule": "r"}}, read=False)

    # when
    values = resume_feature_values([full.pk, degree_only.pk, unread.pk, none.pk])

    # then
    assert values == {
        full.pk: {"years_of_experience": 5.0, "highest_degree": 3.0},
        degree_only.pk: {"highest_degree": 4.0},
    }
