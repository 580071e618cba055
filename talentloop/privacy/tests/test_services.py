"""My data: the export holds exactly the person's data; deletion removes exactly what it must, keeps the aggregates,
respects legal holds and is safe to run twice."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core import mail
from django.core.files.storage import default_storage

from talentloop.accounts.models import User
from talentloop.assessments.models import AnswerScore, SessionScore
from talentloop.core.exceptions import Conflict, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.personal_data import Subject, personal_data_parts
from talentloop.interviews.models import Answer, InterviewSession, Invitation, Recording, SessionEvent
from talentloop.org.models import Candidate, Person
from talentloop.org.services import employee_create
from talentloop.privacy.errors import PrivacyErrorCode
from talentloop.privacy.models import DeletionRequest
from talentloop.privacy.services import (
    EXPORT_SCHEMA_VERSION,
    deletion_request_create,
    deletion_request_decide,
    deletion_request_execute,
    personal_data_export,
    personal_data_export_json,
)
from talentloop.privacy.tasks import execute_deletion_task
from talentloop.privacy.tests.conftest import Interviewed

pytestmark = pytest.mark.django_db


def snapshot(who: Interviewed) -> dict[str, int]:
    """How many rows of each kind the person's interview has, and how many still hold their words."""
    return {
        "answers": Answer.objects.filter(session=who.session).count(),
        "worded_answers": Answer.objects.filter(session=who.session).exclude(text="", draft_text="").count(),
        "recordings": Recording.objects.filter(answer__session=who.session).count(),
        "events": SessionEvent.objects.filter(session=who.session).count(),
        "answer_scores": AnswerScore.objects.filter(answer__session=who.session).count(),
        "explained_answer_scores": AnswerScore.objects.filter(answer__session=who.session).exclude(result={}).count(),
        "session_scores": SessionScore.objects.filter(session=who.session).count(),
    }


FULL = {
    "answers": 3,
    "worded_answers": 2,
    "recordings": 1,
    "events": 11,
    "answer_scores": 3,
    "explained_answer_scores": 3,
    "session_scores": 1,
}
ERASED = {**FULL, "worded_answers": 0, "recordings": 0, "events": 0, "explained_answer_scores": 0}


def approve(hr_user: User, request: DeletionRequest, capture: Any) -> DeletionRequest:
    with capture(execute=True):
        return deletion_request_decide(actor=hr_user, deletion_request_id=request.pk, decision="approve")


# --- the export -----------------------------------------------------------------------------------------------


def test_export_holds_exactly_the_persons_data_and_not_the_other_candidates(
    first: Interviewed, second: Interviewed
) -> None:
    # given two candidates who took the same interview
    # when the first exports their data
    document = personal_data_export(actor=first.user, person_id=first.person.pk)
    text = personal_data_export_json(document)

    # then the document is versioned, has one section per room, and holds their own answers, transcript and scores
    parsed = json.loads(text)
    assert (parsed["schema"], parsed["schema_version"]) == ("talentloop.personal-data-export", EXPORT_SCHEMA_VERSION)
    assert list(parsed["sections"]) == [
        "audit_trail",
        "account",
        "organisation",
        "learning",
        "interviews",
        "scores",
        "applications",
        "feedback",
        "reapplications",
        "resumes",
        "discussions",
        "messages",
        "notifications",
        "deletion_requests",
        "sensitive_attributes",
        "wecom",
    ]
    assert parsed["sections"]["organisation"]["data"]["person"]["full_name"] == "周婷"
    (interview,) = parsed["sections"]["interviews"]["data"]["interviews"]
    assert [answer["status"] for answer in interview["session"]["answers"]] == ["answered", "answered", "skipped"]
    assert interview["session"]["answers"][0]["recordings"][0]["transcript"] == "我会先询问客户的预算"
    assert len(parsed["sections"]["scores"]["data"]["answer_scores"]) == 3
    assert len(parsed["sections"]["scores"]["data"]["interview_scores"]) == 1
    assert interview["session"]["submitted_at"] == "2026-11-20T02:01:02Z"

    # and nothing of the other candidate, and no secret or token
    for foreign in ("吴杰", "wu.jie@example.com", "吴杰的录音转写", '"wu"'):
        assert foreign not in text
    invitation = Invitation.objects.get(candidate__person=first.person)
    assert invitation.token_nonce not in text
    assert "password" not in text
    assert first.recording_name not in text

    # and the export is audited
    event = AuditEvent.objects.get(action="export")
    assert (event.actor_id, event.object_type, event.object_id) == (first.user.pk, "org.person", str(first.person.pk))


# --- asking -----------------------------------------------------------------------------------------------------


def test_asking_without_confirmation_is_refused_and_writes_nothing(first: Interviewed) -> None:
    with pytest.raises(ValidationFailed) as error:
        deletion_request_create(actor=first.user, person_id=first.person.pk, confirmed=False)
    assert error.value.code == PrivacyErrorCode.NOT_CONFIRMED
    assert DeletionRequest.objects.count() == 0
    assert not AuditEvent.objects.filter(object_type="privacy.deletionrequest").exists()


def test_a_second_open_request_is_refused(first: Interviewed) -> None:
    deletion_request_create(actor=first.user, person_id=first.person.pk, confirmed=True)
    with pytest.raises(Conflict) as error:
        deletion_request_create(actor=first.user, person_id=first.person.pk, confirmed=True)
    assert error.value.code == PrivacyErrorCode.REQUEST_OPEN
    assert DeletionRequest.objects.count() == 1


# --- executing --------------------------------------------------------------------------------------------------


def test_executed_deletion_removes_exactly_the_persons_data_and_keeps_the_aggregates(
    first: Interviewed,
    second: Interviewed,
    hr_user: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given both candidates' interviews, and the first asks for deletion
    assert snapshot(first) == snapshot(second) == FULL
    overall = SessionScore.objects.get(session=first.session).overall
    dimensions = SessionScore.objects.get(session=first.session).dimensions
    request = deletion_request_create(actor=first.user, person_id=first.person.pk, confirmed=True)
    assert request.status == DeletionRequest.Status.REQUESTED
    mail.outbox.clear()

    # when HR approves (the erasure task runs after commit)
    approve(hr_user, request, django_capture_on_commit_callbacks)

    # then the first's answer texts, recordings, transcripts, events and score explanations are gone, audio file
    # included; the answers' skeletons and each answer's score stay as anonymous aggregates
    request.refresh_from_db()
    assert request.status == DeletionRequest.Status.EXECUTED
    assert request.executed_at is not None
    assert snapshot(first) == ERASED
    assert not default_storage.exists(first.recording_name)
    assert request.erased == {
        "scores": {"answer_scores_stripped": 3},
        "interviews": {
            "answers_cleared": 2,
            "recordings": 1,
            "audio_files": 1,
            "transcripts": 1,
            "events": 11,
            "links_closed": 1,
        },
        "organisation": {"people_anonymised": 1},
        "account": {"accounts_anonymised": 1},
    }

    # and the person and their account no longer identify them
    person = Person.objects.get(pk=first.person.pk)
    assert (person.full_name, person.email, person.mobile, person.user_id) == ("—", "", "", None)
    assert person.erased_at is not None
    user = User.objects.get(pk=first.user.pk)
    assert (user.username, user.email, user.is_active, user.has_usable_password()) == (
        f"erased-{user.pk}",
        "",
        False,
        False,
    )

    # and the aggregates still add up: the session, its status and its overall and dimension scores remain
    session = InterviewSession.objects.get(pk=first.session.pk)
    assert (session.status, session.question_count) == (InterviewSession.Status.SUBMITTED, 3)
    kept = SessionScore.objects.get(session=first.session)
    assert (kept.overall, kept.dimensions) == (overall, dimensions)
    assert Candidate.objects.filter(person=person).count() == 1

    # and the other candidate is untouched
    assert snapshot(second) == FULL
    assert default_storage.exists(second.recording_name)
    assert Person.objects.get(pk=second.person.pk).full_name == "吴杰"

    # and the person is told, at the address they had, and every step is audited
    (email,) = mail.outbox
    assert (email.to, email.subject) == (["zhou@example.com"], "Your data has been deleted")
    steps = AuditEvent.objects.filter(object_type="privacy.deletionrequest", object_id=str(request.pk))
    assert sorted(steps.values_list("action", flat=True)) == ["create", "delete", "update"]


def test_running_the_task_twice_is_harmless(
    first: Interviewed, hr_user: User, django_capture_on_commit_callbacks: Any
) -> None:
    request = deletion_request_create(actor=first.user, person_id=first.person.pk, confirmed=True)
    approve(hr_user, request, django_capture_on_commit_callbacks)
    request.refresh_from_db()
    events, emails = AuditEvent.objects.count(), len(mail.outbox)

    # when the task runs again
    with django_capture_on_commit_callbacks(execute=True):
        result = execute_deletion_task.delay(request.pk).get()

    # then nothing changes and nobody is told twice
    assert result == "executed"
    again = DeletionRequest.objects.get(pk=request.pk)
    assert (again.executed_at, again.erased) == (request.executed_at, request.erased)
    assert (AuditEvent.objects.count(), len(mail.outbox)) == (events, emails)


# --- legal holds ------------------------------------------------------------------------------------------------


def test_a_running_dispute_period_holds_the_request_and_approval_is_refused(
    first: Interviewed, hr_user: User, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # given interviews must be kept 3650 days after submission (submitted on 2026-11-20)
    settings.INTERVIEW_MINIMUM_RETENTION_DAYS = 3650
    request = deletion_request_create(actor=first.user, person_id=first.person.pk, confirmed=True)
    assert request.status == DeletionRequest.Status.HELD
    assert [hold["code"] for hold in request.hold_reasons] == ["minimum_retention"]
    mail.outbox.clear()

    # when HR tries to approve, then a clear error names the hold
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Conflict) as error:
        deletion_request_decide(actor=hr_user, deletion_request_id=request.pk, decision="approve")
    assert error.value.code == PrivacyErrorCode.LEGAL_HOLD
    assert [hold["code"] for hold in error.value.extra["holds"]] == ["minimum_retention"]
    assert "2036-11-17" in error.value.message

    # and nothing was deleted, decided or sent
    assert snapshot(first) == FULL
    assert default_storage.exists(first.recording_name)
    again = DeletionRequest.objects.get(pk=request.pk)
    assert (again.status, again.decided_by_id) == (DeletionRequest.Status.HELD, None)
    assert mail.outbox == []


def test_a_hold_that_appears_after_approval_stops_the_execution(
    first: Interviewed, hr_user: User, interview_world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    # given an approved request whose task has not run yet
    request = deletion_request_create(actor=first.user, person_id=first.person.pk, confirmed=True)
    with django_capture_on_commit_callbacks(execute=False):
        deletion_request_decide(actor=hr_user, deletion_request_id=request.pk, decision="approve")
    # and meanwhile the person was hired
    employee_create(
        actor=hr_user, person=first.person, department=interview_world["position"].department, employee_number="E9"
    )

    # when the execution is attempted directly, then it refuses with the hold and deletes nothing
    with pytest.raises(Conflict) as error:
        deletion_request_execute(deletion_request_id=request.pk)
    assert error.value.code == PrivacyErrorCode.LEGAL_HOLD
    assert snapshot(first) == FULL

    # and the task puts the request back on hold and tells the person why
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert execute_deletion_task.delay(request.pk).get() == "legal_hold"
    request.refresh_from_db()
    assert request.status == DeletionRequest.Status.HELD
    assert [hold["code"] for hold in request.hold_reasons] == ["active_employment"]
    assert snapshot(first) == FULL
    (email,) = mail.outbox
    assert email.subject == "Your deletion request is on hold"
    assert "active employee" in str(email.body)


def test_hr_hold_needs_a_reason_blocks_approval_and_can_be_released(
    first: Interviewed, hr_user: User, django_capture_on_commit_callbacks: Any
) -> None:
    request = deletion_request_create(actor=first.user, person_id=first.person.pk, confirmed=True)

    # a hold without a reason is refused and changes nothing
    with pytest.raises(ValidationFailed) as error:
        deletion_request_decide(actor=hr_user, deletion_request_id=request.pk, decision="hold", reason="  ")
    assert error.value.code == PrivacyErrorCode.REASON_REQUIRED
    assert DeletionRequest.objects.get(pk=request.pk).status == DeletionRequest.Status.REQUESTED

    # a hold with a reason holds it, and approval is refused while it stands
    with django_capture_on_commit_callbacks(execute=True):
        held = deletion_request_decide(
            actor=hr_user, deletion_request_id=request.pk, decision="hold", reason="Labour arbitration case 12"
        )
    assert (held.status, held.hr_hold_reason) == (DeletionRequest.Status.HELD, "Labour arbitration case 12")
    with pytest.raises(Conflict) as blocked:
        deletion_request_decide(actor=hr_user, deletion_request_id=request.pk, decision="approve")
    assert blocked.value.code == PrivacyErrorCode.LEGAL_HOLD

    # releasing it makes the request decidable again
    released = deletion_request_decide(actor=hr_user, deletion_request_id=request.pk, decision="release")
    assert (released.status, released.hr_hold_reason) == (DeletionRequest.Status.REQUESTED, "")
    assert snapshot(first) == FULL


def test_rejection_needs_a_reason_closes_the_request_and_tells_the_person(
    first: Interviewed, hr_user: User, django_capture_on_commit_callbacks: Any
) -> None:
    request = deletion_request_create(actor=first.user, person_id=first.person.pk, confirmed=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        rejected = deletion_request_decide(
            actor=hr_user, deletion_request_id=request.pk, decision="reject", reason="Duplicate of a letter request"
        )
    assert (rejected.status, rejected.decided_by_id, rejected.decision_reason) == (
        DeletionRequest.Status.REJECTED,
        hr_user.pk,
        "Duplicate of a letter request",
    )
    (email,) = mail.outbox
    assert (email.to, email.subject) == (["zhou@example.com"], "Your deletion request was not granted")
    assert "Duplicate of a letter request" in str(email.body)
    assert snapshot(first) == FULL

    # a closed request cannot be decided again, and the task leaves it alone
    with pytest.raises(Conflict) as error:
        deletion_request_decide(actor=hr_user, deletion_request_id=request.pk, decision="approve")
    assert error.value.code == PrivacyErrorCode.REQUEST_CLOSED
    assert execute_deletion_task.delay(request.pk).get() == PrivacyErrorCode.REQUEST_CLOSED
    assert snapshot(first) == FULL


def test_unknown_decision_is_refused(first: Interviewed, hr_user: User) -> None:
    request = deletion_request_create(actor=first.user, person_id=first.person.pk, confirmed=True)
    with pytest.raises(ValidationFailed) as error:
        deletion_request_decide(actor=hr_user, deletion_request_id=request.pk, decision="erase-now")
    assert error.value.code == PrivacyErrorCode.UNKNOWN_DECISION
    assert DeletionRequest.objects.get(pk=request.pk).status == DeletionRequest.Status.REQUESTED


def test_every_part_finds_nothing_to_erase_the_second_time(
    first: Interviewed, second: Interviewed, hr_user: User, django_capture_on_commit_callbacks: Any
) -> None:
    # given the first person's data was erased
    request = deletion_request_create(actor=first.user, person_id=first.person.pk, confirmed=True)
    approve(hr_user, request, django_capture_on_commit_callbacks)

    # when every part erases again, then none finds anything, and the second person is untouched
    subject = Subject(person_id=first.person.pk, user_id=first.user.pk)
    with django_capture_on_commit_callbacks(execute=True):
        assert {part.key: part.erase(subject) for part in personal_data_parts()} == {
            part.key: {} for part in personal_data_parts()
        }
    assert snapshot(second) == FULL
