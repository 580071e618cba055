"""interviews' part of "my data": invitations, sessions, answers, recordings, transcripts and the event log
(see talentloop/core/personal_data.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from talentloop.core.personal_data import Hold, PersonalDataPart, Subject, personal_data_part_register
from talentloop.interviews.models import Answer, InterviewSession, Invitation, Recording, SessionEvent
from talentloop.interviews.services.erasure import candidate_interviews_erase
from talentloop.interviews.services.retention import session_minimum_retention_until


def _recording(recording: Recording) -> dict[str, Any]:
    # The audio itself is not embedded (it can be large); its facts and the transcript are.
    return {
        "attempt": recording.attempt,
        "uploaded_at": recording.created_at,
        "content_type": recording.content_type,
        "size_bytes": recording.size_bytes,
        "duration_seconds": recording.audio_seconds or recording.client_duration_seconds,
        "current": recording.is_current,
        "late": recording.is_late,
        "transcript_status": recording.transcript_status,
        "transcript_language": recording.transcript_language,
        "transcript": recording.transcript_text,
        "transcript_words": recording.transcript_words,
    }


def _answer(answer: Answer) -> dict[str, Any]:
    return {
        "order": answer.order,
        "question": answer.question_text,
        "status": answer.status,
        "mode": answer.mode,
        "answer": answer.text,
        "draft": answer.draft_text,
        "shown_at": answer.shown_at,
        "answer_started_at": answer.answer_started_at,
        "finished_at": answer.finished_at,
        "duration_seconds": answer.duration_seconds,
        "time_to_first_input_seconds": answer.time_to_first_input_seconds,
        "retries_used": answer.retries_used,
        "late": answer.is_late,
        "late_seconds": answer.late_seconds,
        "characters": answer.character_count,
        "words": answer.word_count,
        "audio_seconds": answer.audio_seconds,
        "recordings": [_recording(recording) for recording in answer.recordings.all()],
    }


def _event(event: SessionEvent) -> dict[str, Any]:
    return {
        "occurred_at": event.occurred_at,
        "kind": event.kind,
        "question_order": event.answer.order if event.answer is not None else None,
        "details": event.payload,
    }


@personal_data_part_register
class InterviewsPart(PersonalDataPart):
    key = "interviews"
    floor = 3
    title = _("Interviews")

    def export(self, subject: Subject) -> dict[str, Any]:
        invitations = (
            Invitation.objects.filter(candidate__person_id=subject.person_id)
            .select_related("template__job_profile__position")
            .order_by("created_at", "pk")
        )
        rows = []
        for invitation in invitations:
            # Never the link or its nonce: the export must not hand out a working credential.
            row: dict[str, Any] = {
                "interview": invitation.template.name,
                "position": invitation.template.job_profile.position.title,
                "invited_at": invitation.created_at,
                "link_expires_at": invitation.expires_at,
                "link_revoked_at": invitation.revoked_at,
                "times_sent": invitation.send_count,
                "session": None,
            }
            session = InterviewSession.objects.filter(invitation=invitation).first()
            if session is not None:
                answers = session.answers.prefetch_related("recordings").order_by("order")
                events = session.events.select_related("answer").order_by("occurred_at", "pk")
                row["session"] = {
                    "status": session.status,
                    "language": session.language,
                    "consent_notice_version": session.consent_version,
                    "consented_at": session.consented_at,
                    "voice_recording_consented_at": session.voice_consented_at,
                    "started_at": session.started_at,
                    "submitted_at": session.submitted_at,
                    "last_activity_at": session.last_activity_at,
                    "questions": session.question_count,
                    "answers": [_answer(answer) for answer in answers],
                    "events": [_event(event) for event in events],
                }
            rows.append(row)
        return {"interviews": rows}

    def records(self, subject: Subject) -> Iterable[tuple[str, str]]:
        for invitation_id, session_id in Invitation.objects.filter(candidate__person_id=subject.person_id).values_list(
            "pk", "session"
        ):
            yield ("interviews.invitation", str(invitation_id))
            if session_id is not None:
                yield ("interviews.interviewsession", str(session_id))

    def holds(self, subject: Subject) -> list[Hold]:
        holds = []
        now = timezone.now()
        sessions = InterviewSession.objects.filter(
            invitation__candidate__person_id=subject.person_id, submitted_at__isnull=False
        ).order_by("pk")
        for session in sessions:
            until = session_minimum_retention_until(session=session)
            if until is not None and until > now:
                holds.append(
                    Hold(
                        code="minimum_retention",
                        message=str(
                            _("An interview submitted on %(submitted)s must be kept until %(until)s (dispute period).")
                            % {
                                "submitted": timezone.localtime(session.submitted_at).date().isoformat(),
                                "until": timezone.localtime(until).date().isoformat(),
                            }
                        ),
                        params={"session_id": session.pk, "until": until.isoformat()},
                    )
                )
        return holds

    def erase(self, subject: Subject) -> dict[str, int]:
        return candidate_interviews_erase(person_id=subject.person_id)
