"""The assessments tasks: take ids, retry what can recover, safe to run twice."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from talentloop.assessments.models import SessionScore
from talentloop.assessments.selectors import RescoreSelection
from talentloop.assessments.services import rescoring
from talentloop.assessments.services.rescoring import rescore_batch_create
from talentloop.assessments.tasks import rescore_batch_task
from talentloop.interviews.models import InterviewSession


def flaky(monkeypatch: pytest.MonkeyPatch, *, session_id: int, failures: int) -> Counter[int]:
    """Make re-scoring ``session_id`` raise OSError ``failures`` times, then work; count the calls."""
    calls: Counter[int] = Counter()
    real = rescoring.session_score

    def session_score(*, session_id: int, **options: Any) -> Any:
        calls[session_id] += 1
        if session_id == flaky_id and calls[session_id] <= failures:
            raise OSError("database connection lost")
        return real(session_id=session_id, **options)

    flaky_id = session_id
    monkeypatch.setattr(rescoring, "session_score", session_score)
    return calls


@pytest.fixture(autouse=True)
def eager_retries() -> Iterator[None]:
    """In eager mode Celery runs a retry in place only when errors do not propagate (a worker always retries)."""
    conf = rescore_batch_task.app.conf
    before = conf.task_eager_propagates
    conf.task_eager_propagates = False
    yield
    conf.task_eager_propagates = before


@pytest.mark.django_db
class TestRescoreBatchTask:
    def test_a_recoverable_error_is_retried_and_the_batch_finishes(
        self, two_scored: list[InterviewSession], interview_world: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        first, second = two_scored
        batch = rescore_batch_create(
            actor=interview_world["hr"], selection=RescoreSelection(session_ids=(first.pk, second.pk))
        )
        calls = flaky(monkeypatch, session_id=second.pk, failures=2)
        # when
        rescore_batch_task.delay(batch.pk)
        # then the first interview was done once, the second on the third attempt
        batch.refresh_from_db()
        assert calls == Counter({first.pk: 1, second.pk: 3})
        assert (batch.status, batch.rescored, batch.failed) == ("finished", 2, 0)
        assert SessionScore.objects.filter(session__in=two_scored, version=2).count() == 2

    def test_an_error_that_does_not_recover_is_recorded_after_the_last_retry(
        self, two_scored: list[InterviewSession], interview_world: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        first, second = two_scored
        batch = rescore_batch_create(
            actor=interview_world["hr"], selection=RescoreSelection(session_ids=(first.pk, second.pk))
        )
        calls = flaky(monkeypatch, session_id=second.pk, failures=100)
        # when
        rescore_batch_task.delay(batch.pk)
        # then one attempt and three retries, then the failure is recorded and the batch finishes
        batch.refresh_from_db()
        assert calls == Counter({first.pk: 1, second.pk: 4})
        assert (batch.status, batch.rescored, batch.failed) == ("finished_with_failures", 1, 1)
        assert batch.results[str(second.pk)] == {
            "outcome": "failed",
            "version": None,
            "error": "OSError: database connection lost",
        }

    def test_running_the_task_twice_adds_nothing(
        self, two_scored: list[InterviewSession], interview_world: Any
    ) -> None:
        batch = rescore_batch_create(
            actor=interview_world["hr"], selection=RescoreSelection(template_id=interview_world["template"].pk)
        )
        assert rescore_batch_task.delay(batch.pk).get() == "finished"
        versions = list(SessionScore.objects.values_list("pk", flat=True))
        assert rescore_batch_task.delay(batch.pk).get() == "finished"
        assert list(SessionScore.objects.values_list("pk", flat=True)) == versions

    def test_an_unknown_batch_is_ignored(self, db: Any) -> None:
        assert rescore_batch_task.delay(987654).get() is None
