"""Erasing a candidate's interviews at their request: what they said goes, the skeleton that analytics count stays."""

from __future__ import annotations

import logging

from django.core.files.storage import Storage
from django.db import transaction
from django.utils import timezone

from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.interviews.models import Answer, InterviewSession, Invitation, Recording, SessionEvent
from talentloop.interviews.tokens import nonce_new

logger = logging.getLogger(__name__)


@transaction.atomic
def candidate_interviews_erase(*, person_id: int) -> dict[str, int]:
    """Delete the answers, drafts, recordings (and, after commit, their audio files), transcripts and event logs of
    every interview of the person's candidate record, and kill their links.

    Kept: the invitation (template, dates) and the session (status, timestamps, question count), so funnel counts and
    the session scores that hang on them still add up; they now lead only to an anonymised person. Safe to run twice:
    a second run finds nothing to delete. Answer scores must be erased first (``assessments`` does that)."""
    invitations = list(Invitation.objects.select_for_update().filter(candidate__person_id=person_id))
    session_ids = list(InterviewSession.objects.filter(invitation__in=invitations).values_list("pk", flat=True))
    answers = Answer.objects.filter(session_id__in=session_ids)
    events = SessionEvent.objects.filter(session_id__in=session_ids)
    recordings = list(Recording.objects.filter(answer__in=answers).only("pk", "file", "transcript_text"))
    files = [(recording.file.storage, recording.file.name) for recording in recordings if recording.file]
    counts = {
        "answers": answers.count(),
        "recordings": len(recordings),
        "audio_files": len(files),
        "transcripts": sum(1 for recording in recordings if recording.transcript_text),
        "events": events.count(),
    }
    events.delete()
    answers.delete()  # recordings (with their transcripts) and the answers' rubric links go with them
    now = timezone.now()
    for invitation in invitations:
        # A new nonce kills the personal link for good, even for a submitted interview (which stays "submitted").
        invitation.token_nonce = nonce_new()
        if invitation.revoked_at is None:
            invitation.revoked_at = now
            counts["links_closed"] = counts.get("links_closed", 0) + 1
        invitation.save(update_fields=["token_nonce", "revoked_at", "updated_at"])
    if counts["answers"] or counts["events"]:
        for session_id in session_ids:
            audit_record(
                actor=None,
                action=AuditEvent.Action.DELETE,
                object_type="interviews.interviewsession",
                object_id=str(session_id),
                changes={"reason": "erasure_request", "kept": ["session", "invitation"]},
            )
    transaction.on_commit(lambda: _files_delete(files))
    return {name: count for name, count in counts.items() if count}


def _files_delete(files: list[tuple[Storage, str]]) -> None:
    # After the rows are gone for good; a crash in between leaves files an operator can remove (logged), never rows
    # pointing at missing files.
    for storage, name in files:
        try:
            if storage.exists(name):
                storage.delete(name)
        except OSError:
            logger.exception("Could not delete the erased recording file %s", name)
