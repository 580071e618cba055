"""Re-scoring a set of interviews with the current rubrics and scorer, as a batch HR asked for.

A batch names exactly the interviews HR confirmed. Processing it is idempotent: interviews already done are
skipped, a version that already exists for the same scorer and rubric set is reused, and one interview's failure is
recorded against it without stopping the rest.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from talentloop.assessments.errors import AssessmentErrorCode
from talentloop.assessments.models import RescoreBatch
from talentloop.assessments.selectors import RescoreSelection, rescore_session_list
from talentloop.assessments.services.calibrations import calibrations_refit_for_sessions
from talentloop.assessments.services.scores import session_score
from talentloop.competencies.models import JobProfile
from talentloop.core.exceptions import ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.interviews.models import InterviewTemplate

logger = logging.getLogger(__name__)

OUTCOME_RESCORED = "rescored"
OUTCOME_UNCHANGED = "unchanged"
OUTCOME_SKIPPED = "skipped"
OUTCOME_FAILED = "failed"


def _selection_check(*, actor: Any, selection: RescoreSelection) -> list[int]:
    if selection.is_empty:
        raise ValidationFailed(
            _("Choose an interview template, a job profile or at least one interview to re-score."),
            code=AssessmentErrorCode.RESCORE_SELECTION_REQUIRED,
        )
    fields: dict[str, list[str]] = {}
    if selection.template_id is not None and not InterviewTemplate.objects.filter(pk=selection.template_id).exists():
        fields["template_id"] = [_("This interview template does not exist.")]
    if selection.job_profile_id is not None and not JobProfile.objects.filter(pk=selection.job_profile_id).exists():
        fields["job_profile_id"] = [_("This job profile does not exist.")]
    if fields:
        raise ValidationFailed(_("Correct the selection and try again."), fields=fields)
    session_ids = list(rescore_session_list(user=actor, selection=selection).values_list("pk", flat=True))
    missing = sorted(set(selection.session_ids) - set(session_ids))
    if missing and selection.template_id is None and selection.job_profile_id is None:
        raise ValidationFailed(
            _("These interviews are not submitted or not found: %(ids)s. Untick them and try again.")
            % {"ids": ", ".join(str(session_id) for session_id in missing)},
            code=AssessmentErrorCode.RESCORE_INTERVIEWS_NOT_AVAILABLE,
            fields={"session_ids": [_("Not submitted or not found: %(ids)s.") % {"ids": missing}]},
        )
    if not session_ids:
        raise ValidationFailed(
            _("No submitted interview matches this selection, so there is nothing to re-score."),
            code=AssessmentErrorCode.RESCORE_NOTHING_SELECTED,
        )
    return session_ids


def rescore_batch_create(
    *, actor: Any, selection: RescoreSelection, request: HttpRequest | None = None
) -> RescoreBatch:
    """Record HR's confirmed re-score of the submitted interviews the selection picks (among those the actor may
    see) and, once committed, queue it. Audited. Raises a validation error, writing nothing, for an empty or
    unknown selection or one that picks no submitted interview."""
    from talentloop.assessments.tasks import rescore_batch_task

    session_ids = _selection_check(actor=actor, selection=selection)
    with transaction.atomic():
        batch = RescoreBatch.objects.create(
            requested_by=actor,
            filter=selection.as_dict(),
            session_ids=session_ids,
            total=len(session_ids),
        )
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            target=batch,
            changes={"filter": selection.as_dict(), "interviews": len(session_ids)},
            request=request,
        )
        batch_id = batch.pk
        transaction.on_commit(lambda: rescore_batch_task.delay(batch_id))
    return batch


def _rescore_one(*, batch: RescoreBatch, session_id: int) -> dict[str, Any]:
    with transaction.atomic():
        score = session_score(session_id=session_id, current_rubrics=True, requested_by=batch.requested_by, batch=batch)
    if score is None:
        return {"outcome": OUTCOME_SKIPPED, "version": None, "error": ""}
    outcome = OUTCOME_RESCORED if score.batch_id == batch.pk else OUTCOME_UNCHANGED
    return {"outcome": outcome, "version": score.version, "error": ""}


def rescore_batch_process(*, batch_id: int, final_attempt: bool = True) -> RescoreBatch | None:
    """Re-score every interview of the batch not done yet, recording each outcome: ``rescored`` (a new version),
    ``unchanged`` (a version with the same scorer and rubrics existed), ``skipped`` (no longer submitted, or waiting
    for a transcript) or ``failed`` (with the error).

    A failure that may recover (``OSError``: a file or the database went away) is raised so the task can retry,
    keeping what is done; on the ``final_attempt`` it is recorded as a failure like any other. Once every interview
    is done, the calibrations covering a rated answer of a re-scored interview are refitted on the new scores.
    Running a finished batch again changes nothing."""
    batch = RescoreBatch.objects.select_related("requested_by").filter(pk=batch_id).first()
    if batch is None or batch.finished_at is not None:
        return batch
    if batch.status != RescoreBatch.Status.RUNNING:
        batch.status = RescoreBatch.Status.RUNNING
        batch.save(update_fields=["status"])
    for session_id in batch.session_ids:
        if str(session_id) in batch.results:
            continue
        try:
            result = _rescore_one(batch=batch, session_id=session_id)
        except OSError as error:
            if not final_attempt:
                raise
            logger.exception("Re-score batch %s: interview %s failed", batch.pk, session_id)
            result = {"outcome": OUTCOME_FAILED, "version": None, "error": f"{type(error).__name__}: {error}"[:500]}
        except Exception as error:  # one interview's bug must not stop the rest; it is recorded and reported
            logger.exception("Re-score batch %s: interview %s failed", batch.pk, session_id)
            result = {"outcome": OUTCOME_FAILED, "version": None, "error": f"{type(error).__name__}: {error}"[:500]}
        batch.results[str(session_id)] = result
        batch.save(update_fields=["results"])
    outcomes = [entry["outcome"] for entry in batch.results.values()]
    batch.rescored = outcomes.count(OUTCOME_RESCORED)
    batch.unchanged = outcomes.count(OUTCOME_UNCHANGED)
    batch.skipped = outcomes.count(OUTCOME_SKIPPED)
    batch.failed = outcomes.count(OUTCOME_FAILED)
    batch.status = RescoreBatch.Status.FINISHED_WITH_FAILURES if batch.failed else RescoreBatch.Status.FINISHED
    batch.finished_at = timezone.now()
    rescored_ids = [
        int(session_id) for session_id, entry in batch.results.items() if entry["outcome"] == OUTCOME_RESCORED
    ]
    with transaction.atomic():
        # The new scores move the rated answers' points under the calibrations that cover them: refit those.
        calibrations = (
            calibrations_refit_for_sessions(session_ids=rescored_ids, now=batch.finished_at) if rescored_ids else 0
        )
        batch.save(update_fields=["rescored", "unchanged", "skipped", "failed", "status", "finished_at"])
        audit_record(
            actor=None,
            action=AuditEvent.Action.UPDATE,
            target=batch,
            changes={
                "status": batch.status,
                "rescored": batch.rescored,
                "unchanged": batch.unchanged,
                "skipped": batch.skipped,
                "failed": batch.failed,
                "calibrations_refitted": calibrations,
            },
        )
    return batch
