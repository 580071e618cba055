"""The 0002 migration numbers the scores stored before versions existed with the same digest the service uses."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from talentloop.assessments.models import SessionScore
from talentloop.assessments.services.scores import rubric_set_digest, session_score
from talentloop.interviews.models import InterviewSession

migration = importlib.import_module("talentloop.assessments.migrations.0003_session_score_versions_and_rescore_batches")


@pytest.mark.django_db
def test_existing_scores_get_their_version_rubric_versions_and_digest(submitted: InterviewSession) -> None:
    # given a score stored before versions existed
    score = session_score(session_id=submitted.pk)
    assert score is not None
    expected = (score.version, score.rubric_versions, score.rubric_set_digest)
    SessionScore.objects.filter(pk=score.pk).update(version=1, rubric_versions=[], rubric_set_digest="")
    # when
    migration.number_existing_scores(apps, None)
    # then it reads as the service would have written it, so scoring again finds it instead of adding a version
    score.refresh_from_db()
    assert (score.version, score.rubric_versions, score.rubric_set_digest) == expected
    rubric_ids = [entry["rubric"] for entry in score.rubric_versions]
    assert score.rubric_set_digest == rubric_set_digest(
        scorer_name="rubric_scorer", scorer_version="v1", rubric_ids=rubric_ids
    )
    assert session_score(session_id=submitted.pk) == score
    assert SessionScore.objects.count() == 1
