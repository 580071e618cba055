"""Background work of the recruitment app. Tasks take ids, call services, and are safe to run twice."""

from __future__ import annotations

from celery import shared_task


@shared_task(
    name="recruitment.apply_ai_result_task",
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
)
def apply_ai_result_task(session_id: int) -> int | None:
    """Score the submitted interview if it is not yet (a no-op when it is), then let its application react to the
    result (advance when the opening says so; never reject). Returns the id of the move written, if any."""
    from talentloop.assessments.services.scores import session_score
    from talentloop.recruitment.models import Application
    from talentloop.recruitment.services import application_ai_result_apply

    session_score(session_id=session_id)
    application_id = Application.objects.filter(invitation__session__pk=session_id).values_list("pk", flat=True).first()
    if application_id is None:
        return None
    move = application_ai_result_apply(application_id=application_id)
    return move.pk if move is not None else None


@shared_task(name="recruitment.extract_resume_text_task", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def extract_resume_text_task(resume_id: int) -> bool:
    from talentloop.recruitment.careers_services import resume_extract

    return resume_extract(resume_id=resume_id)
