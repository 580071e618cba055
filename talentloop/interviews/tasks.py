"""Background work of the interviews app. Tasks take ids, call one service, and are safe to run twice."""

from __future__ import annotations

from celery import shared_task


@shared_task(
    name="interviews.send_invitation_email_task",
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def send_invitation_email_task(invitation_id: int) -> bool:
    from talentloop.interviews.services.emails import invitation_email_send

    return invitation_email_send(invitation_id=invitation_id)


@shared_task(
    name="interviews.transcribe_recording_task",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def transcribe_recording_task(recording_id: int) -> str:
    from talentloop.interviews.services.recordings import recording_transcribe

    return recording_transcribe(recording_id=recording_id)
