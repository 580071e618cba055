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
    """Clear the answers and drafts, delete the recordings (and, after commit, their audio files), transcripts and
    event logs of every interview of the person's candidate record, and kill their links.

    Kept: the invitation (template, dates), the session (status, timestamps, question count) and each answer's
    skeleton (question, status, timings, length counts) with no word of the person's, so funnel counts, the session
    scores and the AI–human agreement figures that hang on them still add up; they now lead only to an anonymised
    person. Safe to run twice: a second run finds nothing to clear. Answer scores and ratings must be stripped first
    (``assessments`` does that)."""
    invitations = list(Invitation.objects.select_for_update().filter(candidate__person_id=person_id))
    session_ids = list(InterviewSession.objects.filter(invitation__in=invitations).values_list("pk", flat=True))
    answers = Answer.objects.filter(session_id__in=session_ids)
    worded = answers.exclude(text="", draft_text="")
    events = SessionEvent.objects.filter(session_id__in=session_ids)
    recordings = Recording.objects.filter(answer__in=answers)
    files = [(recording.file.storage, recording.file.name) for recording in recordings.only("pk", "file")]
    files = [(storage, name) for storage, name in files if name]
    counts = {
        "answers_cleared": worded.count(),
        "recordings": recordings.count(),
        "audio_files": len(files),
        "transcripts": recordings.exclude(transcript_text="").count(),
        "events": events.count(),
    }
    events.delete()
    recordings.delete()  # the transcripts live on the recording rows and go with them
    worded.update(text="", draft_text="", updated_at=timezone.now())
    now = timezone.now()
    for invitation in invitations:
        # A new nonce kills the personal link for good, even for a submitted interview (which stays "submitted").
        invitation.token_nonce = nonce_new()
        if invitation.revoked_at is None:
            invitation.revoked_at = now
            counts["links_closed"] = counts.get("links_closed", 0) + 1
        invitation.save(update_fields=["token_nonce", "revoked_at", "updated_at"])
    if counts["answers_cleared"] or counts["recordings"] or counts["events"]:
        for session_id in session_ids:
            audit_record(
                actor=None,
                action=AuditEvent.Action.DELETE,
                object_type="interviews.interviewsession",
                object_id=str(session_id),
                changes={"reason": "erasure_request", "kept": ["session", "invitation", "answer skeletons"]},
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
