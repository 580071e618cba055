"""Re-score batches: what HR may pick, the versions they add, failures recorded per interview, idempotence."""

from __future__ import annotations

from typing import Any

import pytest

from talentloop.assessments.errors import AssessmentErrorCode
from talentloop.assessments.models import AnswerScore, RescoreBatch, SessionScore
from talentloop.assessments.selectors import RescoreSelection, rescore_preview, rescore_session_list
from talentloop.assessments.services import rescoring
from talentloop.assessments.services.rescoring import rescore_batch_create, rescore_batch_process
from talentloop.assessments.services.scores import session_score
from talentloop.assessments.tests.helpers import interview_submit
from talentloop.core.exceptions import ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.interviews.models import InterviewSession


def nothing_written(audit_before: int) -> None:
    assert RescoreBatch.objects.count() == 0
    assert AuditEvent.objects.count() == audit_before


@pytest.mark.django_db
class TestRescoreBatchCreate:
    def test_an_empty_selection_is_refused(self, two_scored: list[InterviewSession], interview_world: Any) -> None:
        audit_before = AuditEvent.objects.count()
        with pytest.raises(ValidationFailed) as raised:
            rescore_batch_create(actor=interview_world["hr"], selection=RescoreSelection())
        assert raised.value.code == AssessmentErrorCode.RESCORE_SELECTION_REQUIRED
        nothing_written(audit_before)

    def test_an_unknown_template_or_profile_is_named(
        self, two_scored: list[InterviewSession], interview_world: Any
    ) -> None:
        audit_before = AuditEvent.objects.count()
        with pytest.raises(ValidationFailed) as raised:
            rescore_batch_create(
                actor=interview_world["hr"], selection=RescoreSelection(template_id=999999, job_profile_id=888888)
            )
        assert sorted(raised.value.fields) == ["job_profile_id", "template_id"]
        nothing_written(audit_before)

    def test_ticked_interviews_that_are_not_submitted_are_named(
        self, two_scored: list[InterviewSession], interview_world: Any
    ) -> None:
        open_one = interview_submit(interview_world, "open", submit=False)
        audit_before = AuditEvent.objects.count()
        with pytest.raises(ValidationFailed) as raised:
            rescore_batch_create(
                actor=interview_world["hr"],
                selection=RescoreSelection(session_ids=(two_scored[0].pk, open_one.pk, 777777)),
            )
        assert raised.value.code == AssessmentErrorCode.RESCORE_INTERVIEWS_NOT_AVAILABLE
        assert str(open_one.pk) in raised.value.message and "777777" in raised.value.message
        nothing_written(audit_before)

    def test_a_selection_without_submitted_interviews_is_refused(self, interview_world: Any) -> None:
        interview_submit(interview_world, "open", submit=False)
        audit_before = AuditEvent.objects.count()
        with pytest.raises(ValidationFailed) as raised:
            rescore_batch_create(
                actor=interview_world["hr"], selection=RescoreSelection(template_id=interview_world["template"].pk)
            )
        assert raised.value.code == AssessmentErrorCode.RESCORE_NOTHING_SELECTED
        nothing_written(audit_before)

    def test_a_batch_by_template_rescores_every_interview_on_commit(
        self, two_scored: list[InterviewSession], interview_world: Any, django_capture_on_commit_callbacks: Any
    ) -> None:
        hr = interview_world["hr"]
        # when
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            batch = rescore_batch_create(
                actor=hr, selection=RescoreSelection(template_id=interview_world["template"].pk)
            )
        # then
        assert len(callbacks) == 1
        batch.refresh_from_db()
        first, second = two_scored
        assert (batch.status, batch.total, batch.rescored, batch.unchanged, batch.skipped, batch.failed) == (
            "finished",
            2,
            2,
            0,
            0,
            0,
        )
        # in the order they were submitted
        assert batch.session_ids == [second.pk, first.pk]
        assert batch.filter == {
            "template_id": interview_world["template"].pk,
            "job_profile_id": None,
            "session_ids": [],
        }
        assert batch.results == {
            str(first.pk): {"outcome": "rescored", "version": 2, "error": ""},
            str(second.pk): {"outcome": "rescored", "version": 2, "error": ""},
        }
        assert batch.finished_at is not None
        for session in two_scored:
            versions = list(SessionScore.objects.filter(session=session).order_by("version"))
            assert [(score.version, score.reason, score.batch_id, score.requested_by) for score in versions] == [
                (1, "initial", None, None),
                (2, "rescore", batch.pk, hr),
            ]
        audit = list(AuditEvent.objects.filter(object_type="assessments.rescorebatch").order_by("pk"))
        assert [(event.action, event.actor) for event in audit] == [("create", hr), ("update", None)]
        assert audit[0].changes["interviews"] == 2


@pytest.mark.django_db
class TestRescoreBatchProcess:
    def batch_of(self, sessions: list[InterviewSession], hr: Any) -> RescoreBatch:
        return rescore_batch_create(actor=hr, selection=RescoreSelection(session_ids=tuple(s.pk for s in sessions)))

    def test_a_failing_interview_is_recorded_and_the_rest_are_rescored(
        self, two_scored: list[InterviewSession], interview_world: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        broken, fine = two_scored
        batch = self.batch_of(two_scored, interview_world["hr"])
        real = rescoring.session_score

        def failing(*, session_id: int, **options: Any) -> Any:
            if session_id == broken.pk:
                # a half-written version must not survive the failure
                AnswerScore.objects.filter(answer__session_id=session_id).delete()
                raise ValueError("rubric has no key points")
            return real(session_id=session_id, **options)

        monkeypatch.setattr(rescoring, "session_score", failing)
        rows_before = AnswerScore.objects.filter(answer__session=broken).count()
        # when
        processed = rescore_batch_process(batch_id=batch.pk)
        # then
        assert processed is not None
        assert (processed.status, processed.rescored, processed.failed) == ("finished_with_failures", 1, 1)
        assert processed.results[str(broken.pk)] == {
            "outcome": "failed",
            "version": None,
            "error": "ValueError: rubric has no key points",
        }
        assert processed.results[str(fine.pk)]["outcome"] == "rescored"
        assert list(SessionScore.objects.filter(session=broken).values_list("version", flat=True)) == [1]
        assert AnswerScore.objects.filter(answer__session=broken).count() == rows_before == 3

    def test_processing_twice_changes_nothing(self, two_scored: list[InterviewSession], interview_world: Any) -> None:
        batch = self.batch_of(two_scored, interview_world["hr"])
        first = rescore_batch_process(batch_id=batch.pk)
        assert first is not None
        snapshot = (list(SessionScore.objects.values()), AnswerScore.objects.count(), first.results, first.finished_at)
        # when
        again = rescore_batch_process(batch_id=batch.pk)
        # then
        assert again is not None
        assert (list(SessionScore.objects.values()), AnswerScore.objects.count(), again.results, again.finished_at) == (
            snapshot
        )

    def test_an_interview_already_rescored_by_the_batch_counts_once(
        self, two_scored: list[InterviewSession], interview_world: Any
    ) -> None:
        # given a worker died after storing the first interview's new version but before recording it
        batch = self.batch_of(two_scored, interview_world["hr"])
        session_score(session_id=two_scored[0].pk, current_rubrics=True, batch=batch)
        # when
        processed = rescore_batch_process(batch_id=batch.pk)
        # then
        assert processed is not None
        assert (processed.rescored, processed.unchanged) == (2, 0)
        assert SessionScore.objects.filter(session=two_scored[0]).count() == 2

    def test_nothing_changed_means_unchanged_and_no_new_version(
        self, submitted: InterviewSession, interview_world: Any
    ) -> None:
        session_score(session_id=submitted.pk)
        batch = self.batch_of([submitted], interview_world["hr"])
        processed = rescore_batch_process(batch_id=batch.pk)
        assert processed is not None
        assert (processed.status, processed.rescored, processed.unchanged) == ("finished", 0, 1)
        assert processed.results == {str(submitted.pk): {"outcome": "unchanged", "version": 1, "error": ""}}
        assert SessionScore.objects.filter(session=submitted).count() == 1

    def test_a_recoverable_error_is_raised_until_the_final_attempt(
        self, two_scored: list[InterviewSession], interview_world: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # the second interview was submitted first, so it is processed first
        last, first = two_scored
        batch = self.batch_of(two_scored, interview_world["hr"])
        real = rescoring.session_score

        def disk_gone(*, session_id: int, **options: Any) -> Any:
            if session_id == last.pk:
                raise OSError("disk unavailable")
            return real(session_id=session_id, **options)

        monkeypatch.setattr(rescoring, "session_score", disk_gone)
        # when a retryable attempt fails, then the error goes up and the first interview's result is kept
        with pytest.raises(OSError):
            rescore_batch_process(batch_id=batch.pk, final_attempt=False)
        batch.refresh_from_db()
        assert (batch.status, list(batch.results), batch.finished_at) == ("running", [str(first.pk)], None)
        # when the final attempt fails too, then it is recorded against the interview
        processed = rescore_batch_process(batch_id=batch.pk, final_attempt=True)
        assert processed is not None
        assert processed.results[str(last.pk)] == {
            "outcome": "failed",
            "version": None,
            "error": "OSError: disk unavailable",
        }
        assert (processed.status, processed.rescored, processed.failed) == ("finished_with_failures", 1, 1)


@pytest.mark.django_db
class TestRescorePreview:
    def test_the_preview_names_the_changed_rubric_versions(
        self, two_scored: list[InterviewSession], interview_world: Any
    ) -> None:
        unscored = interview_submit(interview_world, "unscored")
        sessions = rescore_session_list(
            user=interview_world["hr"], selection=RescoreSelection(template_id=interview_world["template"].pk)
        )
        preview = rescore_preview(sessions=sessions)
        # in the order they were submitted (the fixture's own interview last)
        assert [session.pk for session in sessions] == [two_scored[1].pk, unscored.pk, two_scored[0].pk]
        assert (preview.interviews, preview.unscored, preview.changed_interviews) == (3, 1, 2)
        assert (preview.current_scorer, preview.changed_scorers) == ("rubric_scorer.v1", ())
        assert [
            (change.question, change.dimension, change.used_versions, change.current_version, change.interviews)
            for change in preview.changes
        ] == [
            ("q1", "customer-needs", (2,), 3, 2),
            ("q2", "customer-needs", (2,), 3, 2),
            ("q3", "communication", (2,), 3, 2),
        ]
