"""Background work of the feedback app. Tasks take ids, call one service, and are safe to run twice."""

from __future__ import annotations

from celery import shared_task


@shared_task(
    name="feedback.send_review_answer_email_task",
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def send_review_answer_email_task(review_request_id: int) -> bool:
    from talentloop.feedback.services.reviews import review_answer_email_send

    return review_answer_email_send(review_request_id=review_request_id)
