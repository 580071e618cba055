"""Keeping the promise of the consent notice: interview data is deleted after INTERVIEW_RETENTION_DAYS."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.interviews.models import InterviewSession, Recording


@dataclass(frozen=True)
class PurgeReport:
    sessions: int
    recordings: int


def sessions_purge_expired(*, now: datetime | None = None) -> PurgeReport:
    """Delete sessions (answers, recordings and their files, events) whose last activity is older than the
    retention period. Safe to run again: what is gone stays gone, and a file already missing is skipped."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.INTERVIEW_RETENTION_DAYS)
    expired = InterviewSession.objects.filter(
        Q(last_activity_at__lt=cutoff) | Q(last_activity_at__isnull=True, created_at__lt=cutoff)
    )
    session_ids = list(expired.values_list("pk", flat=True))
    recordings = list(Recording.objects.filter(answer__session_id__in=session_ids))
    with transaction.atomic():
        InterviewSession.objects.filter(pk__in=session_ids).delete()
        for session_id in session_ids:
            audit_record(
                actor=None,
                action=AuditEvent.Action.DELETE,
                object_type="interviews.interviewsession",
                object_id=str(session_id),
                changes={"reason": "retention", "retention_days": settings.INTERVIEW_RETENTION_DAYS},
            )
    # Files go after the rows are gone for good; a crash in between leaves files an operator can remove,
    # never rows pointing at missing files.
    for recording in recordings:
        if recording.file and recording.file.storage.exists(recording.file.name):
            recording.file.storage.delete(recording.file.name)
    return PurgeReport(sessions=len(session_ids), recordings=len(recordings))


def session_minimum_retention_until(*, session: InterviewSession) -> datetime | None:
    """Until when a submitted interview must be kept even against a deletion request
    (``INTERVIEW_MINIMUM_RETENTION_DAYS`` after submission), or None when nothing holds it."""
    days = settings.INTERVIEW_MINIMUM_RETENTION_DAYS
    if not days or session.submitted_at is None:
        return None
    return session.submitted_at + timedelta(days=days)
