"""Background work of the privacy app. Tasks take ids, call one service, and are safe to run twice."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError


@shared_task(
    name="privacy.execute_deletion_task",
    autoretry_for=(OSError, OperationalError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def execute_deletion_task(deletion_request_id: int) -> str:
    """Execute an approved deletion request. A legal hold found at this point puts the request back on hold (and
    tells the person) instead of deleting anything; an executed, rejected or missing request is left alone."""
    from talentloop.core.exceptions import ApplicationError
    from talentloop.privacy.errors import PrivacyErrorCode
    from talentloop.privacy.services import deletion_request_execute, deletion_request_refresh

    try:
        deletion_request = deletion_request_execute(deletion_request_id=deletion_request_id)
    except ApplicationError as error:
        if error.code == PrivacyErrorCode.LEGAL_HOLD:
            deletion_request_refresh(deletion_request_id=deletion_request_id, reopen_approved=True)
        return str(error.code)
    return deletion_request.status


@shared_task(
    name="privacy.send_deletion_request_email_task",
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def send_deletion_request_email_task(deletion_request_id: int) -> bool:
    from talentloop.privacy.emails import deletion_request_email_send

    return deletion_request_email_send(deletion_request_id=deletion_request_id)
