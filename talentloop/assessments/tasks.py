"""Background work of the assessments app. Tasks take ids, call one service, and are safe to run twice."""

from __future__ import annotations

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
