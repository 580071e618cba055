"""Background work of the recruitment app. Tasks take ids, call one service, and are safe to run twice."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="recruitment.extract_resume_text_task", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def extract_resume_text_task(resume_id: int) -> bool:
    from talentloop.recruitment.careers_services import resume_extract

    return resume_extract(resume_id=resume_id)
