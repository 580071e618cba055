"""Background work of the assessments app. Tasks take ids, call one service, and are safe to run twice."""

from __future__ import annotations

from typing import Any

from celery import shared_task


@shared_task(
    name="assessments.score_session_task",
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
)
def score_session_task(session_id: int) -> float | None:
    """Score a submitted interview; returns its overall score, or None while it waits for a transcript."""
    from talentloop.assessments.services.scores import session_score

    score = session_score(session_id=session_id)
    return score.overall if score is not None else None


@shared_task(bind=True, name="assessments.rescore_batch_task", max_retries=3)
def rescore_batch_task(self: Any, batch_id: int) -> str | None:
    """Re-score the interviews of a batch; a failure that may recover retries with the work done so far kept, and
    the last attempt records it against the interview instead. Returns the batch's status."""
    from talentloop.assessments.services.rescoring import rescore_batch_process

    try:
        batch = rescore_batch_process(batch_id=batch_id, final_attempt=self.request.retries >= self.max_retries)
    except OSError as error:
        raise self.retry(exc=error, countdown=min(600, 30 * 2**self.request.retries)) from error
    return batch.status if batch is not None else None
