"""Re-applying: every eligibility edge with its exact code, nothing written on refusal, the new interview's
questions, the policy and the erasure."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail

from talentloop.accounts.models import User
from talentloop.core.exceptions import Conflict, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.feedback.models import Reapplication, ReapplicationPolicy, ReviewRequest
from talentloop.feedback.reapplication_errors import ReapplicationErrorCode
from talentloop.feedback.reapplication_selectors import reapplication_eligibility_get
from talentloop.feedback.services.reapplications import (
    person_reapplications_erase,
    reapplication_create,
    reapplication_policy_update,
)
from talentloop.feedback.services.reviews import review_request_create, review_request_resolve
from talentloop.feedback.tests.reapplications.conftest import SUBMITTED, hand_made_interview, path_finish
from talentloop.interviews.models import InterviewSession, InterviewTemplate, Invitation
from talentloop.interviews.services.invitations import invitation_create
from talentloop.interviews.services.sessions import session_open
from talentloop.org.models import Candidate

AFTER_COOLDOWN = SUBMITTED + timedelta(days=90)
DURING_COOLDOWN = SUBMITTED + timedelta(days=10)


def _counts() -> tuple[int, int, int, int, int]:
    return (
        Reapplication.objects.count(),
        Invitation.objects.count(),
        InterviewTemplate.objects.count(),
        AuditEvent.objects.count(),
        len(mail.outbox),
    )


def _refused(
    actor: User, session: InterviewSession, code: ReapplicationErrorCode, now: Any = AFTER_COOLDOWN
) -> Conflict:
    before = _counts()
    with pytest.raises(Conflict) as caught:
        reapplication_create(actor=actor, session=session, now=now)
    assert caught.value.code == code
    assert _counts() == before  # nothing written, nothing sent
    return caught.value


def _policy(session: InterviewSession, hr: User, **values: Any) -> ReapplicationPolicy:
    settings = {"is_open": True, "cooldown_days": 90, "early_after_growth_path": False, **values}
    return reapplication_policy_update(job_profile=session.invitation.template.job_profile, actor=hr, **settings)


class TestCreate:
    def test_after_the_cooldown_a_new_interview_emphasises_the_weak_dimensions(
        self, candidate_a: User, failed: InterviewSession, bigger_bank: None, django_capture_on_commit_callbacks: Any
    ) -> None:
        # when candidate_a re-applies the moment the 90-day cool-down ends
        with django_capture_on_commit_callbacks(execute=True):
            reapplication = reapplication_create(actor=candidate_a, session=failed, now=AFTER_COOLDOWN)
        # then
        assert reapplication.basis == Reapplication.Basis.COOLDOWN_OVER
        assert reapplication.weak_dimensions == ["customer-needs", "communication"]
        # customer needs (weight 3, doubled) gets two of the three questions; the new q4 before q1, asked before
        assert reapplication.question_codes == ["q4", "q1", "q5"]
        assert reapplication.repeated_question_codes == ["q1"]
        assert (reapplication.requested_at, reapplication.requested_by) == (AFTER_COOLDOWN, candidate_a)
        invitation = reapplication.invitation
        assert invitation.candidate == failed.invitation.candidate
        assert invitation.template.job_profile == failed.invitation.template.job_profile
        assert invitation.template.is_active is False  # personal: nobody else is invited to it
        assert [i.question.code for i in invitation.template.items.order_by("order")] == ["q4", "q1", "q5"]
        assert [message.to for message in mail.outbox] == [["zhou.ting@example.com"]]
        assert AuditEvent.objects.filter(object_type="feedback.reapplication", action="create").count() == 1

    def test_during_the_cooldown_it_is_refused_with_the_date(self, candidate_a: User, failed: InterviewSession) -> None:
        error = _refused(candidate_a, failed, ReapplicationErrorCode.COOLING_DOWN, now=DURING_COOLDOWN)
        assert error.extra == {"cooldown_ends_at": "2027-02-18T02:01:02+00:00"}
        assert "cool-down period of 90 days" in error.message
        assert "For this role HR does not offer re-applying earlier." in error.message

    def test_one_second_before_the_end_of_the_cooldown_is_too_early(
        self, candidate_a: User, failed: InterviewSession
    ) -> None:
        _refused(candidate_a, failed, ReapplicationErrorCode.COOLING_DOWN, now=AFTER_COOLDOWN - timedelta(seconds=1))

    def test_a_candidate_not_selected_is_back_in_process(self, candidate_a: User, failed: InterviewSession) -> None:
        candidate = failed.invitation.candidate
        Candidate.objects.filter(pk=candidate.pk).update(status=Candidate.Status.REJECTED)
        reapplication_create(actor=candidate_a, session=failed, now=AFTER_COOLDOWN)
        candidate.refresh_from_db()
        assert candidate.status == Candidate.Status.ACTIVE

    def test_early_once_the_growth_path_is_complete_when_hr_allows(
        self, hr: User, candidate_a: User, failed: InterviewSession
    ) -> None:
        _policy(failed, hr, early_after_growth_path=True)
        path_finish(failed)
        reapplication = reapplication_create(actor=candidate_a, session=failed, now=DURING_COOLDOWN)
        assert reapplication.basis == Reapplication.Basis.GROWTH_PATH_COMPLETE

    def test_not_early_while_an_action_is_open(self, hr: User, candidate_a: User, failed: InterviewSession) -> None:
        _policy(failed, hr, early_after_growth_path=True)
        path = path_finish(failed, leave_open=1)
        total = path.items.count()
        error = _refused(candidate_a, failed, ReapplicationErrorCode.COOLING_DOWN, now=DURING_COOLDOWN)
        assert f"({total - 1} of {total} done)" in error.message

    def test_not_early_when_hr_does_not_allow_it(self, hr: User, candidate_a: User, failed: InterviewSession) -> None:
        path_finish(failed)
        _refused(candidate_a, failed, ReapplicationErrorCode.COOLING_DOWN, now=DURING_COOLDOWN)

    def test_a_cooldown_of_zero_days_allows_it_at_once(
        self, hr: User, candidate_a: User, failed: InterviewSession
    ) -> None:
        _policy(failed, hr, cooldown_days=0)
        assert reapplication_create(actor=candidate_a, session=failed, now=SUBMITTED).basis == "cooldown_over"

    def test_only_once_per_interview(self, candidate_a: User, failed: InterviewSession) -> None:
        reapplication_create(actor=candidate_a, session=failed, now=AFTER_COOLDOWN)
        _refused(candidate_a, failed, ReapplicationErrorCode.ALREADY_REAPPLIED)

    def test_not_when_hr_closed_re_applying(self, hr: User, candidate_a: User, failed: InterviewSession) -> None:
        _policy(failed, hr, is_open=False)
        _refused(candidate_a, failed, ReapplicationErrorCode.NOT_OFFERED)

    def test_not_for_an_interview_not_submitted(self, hr: User, candidate_a: User, failed: InterviewSession) -> None:
        other = invitation_create(
            actor=hr,
            template=failed.invitation.template,
            company=failed.invitation.candidate.person.company,
            candidate=failed.invitation.candidate,
            send=False,
        )
        session = session_open(invitation=other)
        _refused(candidate_a, session, ReapplicationErrorCode.NO_FAILED_INTERVIEW)

    def test_not_before_the_interview_is_scored(self, candidate_a: User, interview_of_a: Invitation) -> None:
        _refused(candidate_a, interview_of_a.session, ReapplicationErrorCode.RESULT_PENDING)

    def test_not_while_a_human_review_is_open(self, candidate_a: User, failed: InterviewSession) -> None:
        review_request_create(actor=candidate_a, session=failed, kind="human_review", text="请复核")
        _refused(candidate_a, failed, ReapplicationErrorCode.RESULT_PENDING)

    def test_not_after_a_human_decided_it_passed(self, hr: User, candidate_a: User, failed: InterviewSession) -> None:
        review = review_request_create(actor=candidate_a, session=failed, kind="human_review", text="请复核")
        review_request_resolve(
            actor=hr, review_request=review, response="复核后通过", decision=ReviewRequest.Decision.OVERTURN_PASS
        )
        _refused(candidate_a, failed, ReapplicationErrorCode.ALREADY_PASSED)

    def test_not_with_an_open_interview_for_the_role(
        self, hr: User, candidate_a: User, failed: InterviewSession
    ) -> None:
        invitation_create(
            actor=hr,
            template=failed.invitation.template,
            company=failed.invitation.candidate.person.company,
            candidate=failed.invitation.candidate,
            send=False,
        )
        _policy(failed, hr, cooldown_days=0)  # judged while the new link still works
        _refused(candidate_a, failed, ReapplicationErrorCode.OPEN_INTERVIEW, now=SUBMITTED + timedelta(days=1))

    def test_not_after_passing_a_later_interview(self, hr: User, candidate_a: User, failed: InterviewSession) -> None:
        hand_made_interview(
            hr=hr,
            template=failed.invitation.template,
            candidate=failed.invitation.candidate,
            passed=True,
            submitted_at=SUBMITTED + timedelta(days=5),
        )
        _refused(candidate_a, failed, ReapplicationErrorCode.ALREADY_PASSED)

    def test_only_from_the_most_recent_interview(self, hr: User, candidate_a: User, failed: InterviewSession) -> None:
        hand_made_interview(
            hr=hr,
            template=failed.invitation.template,
            candidate=failed.invitation.candidate,
            passed=False,
            submitted_at=SUBMITTED + timedelta(days=5),
        )
        _refused(candidate_a, failed, ReapplicationErrorCode.NOT_LATEST)


class TestEligibility:
    def test_without_a_path_it_says_to_open_it(self, hr: User, failed: InterviewSession) -> None:
        _policy(failed, hr, early_after_growth_path=True)
        eligibility = reapplication_eligibility_get(session=failed, now=DURING_COOLDOWN)
        assert (eligibility.path_built, eligibility.path_total) == (False, 0)
        assert eligibility.message.endswith("open your growth path to start.")

    def test_explains_the_cooldown_and_the_path(self, hr: User, failed: InterviewSession) -> None:
        _policy(failed, hr, cooldown_days=30, early_after_growth_path=True)
        path_finish(failed, leave_open=1)
        eligibility = reapplication_eligibility_get(session=failed, now=DURING_COOLDOWN)
        assert (eligibility.code, eligibility.relevant, eligibility.path_complete) == (
            ReapplicationErrorCode.COOLING_DOWN,
            True,
            False,
        )
        assert eligibility.cooldown_ends_at == SUBMITTED + timedelta(days=30)
        assert [weak.code for weak in eligibility.weak_dimensions] == ["customer-needs", "communication"]

    def test_eligible_message_names_the_end_of_the_cooldown(self, failed: InterviewSession) -> None:
        eligibility = reapplication_eligibility_get(session=failed, now=AFTER_COOLDOWN)
        assert eligibility.eligible
        assert eligibility.message == "The cool-down period of 90 days ended on Feb. 18, 2027: you can re-apply now."


class TestPolicy:
    def test_defaults_without_a_row(self, failed: InterviewSession) -> None:
        policy = reapplication_eligibility_get(session=failed).policy
        assert (policy.pk, policy.is_open, policy.cooldown_days, policy.early_after_growth_path) == (
            None,
            True,
            90,
            False,
        )

    def test_update_is_audited_field_by_field(self, hr: User, failed: InterviewSession) -> None:
        _policy(failed, hr)
        _policy(failed, hr, cooldown_days=30)
        event = AuditEvent.objects.filter(object_type="feedback.reapplicationpolicy").order_by("-pk").first()
        assert event is not None and event.changes == {"cooldown_days": [90, 30]}

    def test_refuses_a_cooldown_over_two_years(self, hr: User, failed: InterviewSession) -> None:
        with pytest.raises(ValidationFailed) as caught:
            _policy(failed, hr, cooldown_days=731)
        assert caught.value.fields == {"cooldown_days": ["Use 0 to 730 days."]}
        assert ReapplicationPolicy.objects.count() == 0


def test_erasure_forgets_the_weak_dimensions_and_questions(candidate_a: User, failed: InterviewSession) -> None:
    reapplication = reapplication_create(actor=candidate_a, session=failed, now=AFTER_COOLDOWN)
    person_id = candidate_a.person.pk
    assert person_reapplications_erase(person_id=person_id) == {"reapplications": 1}
    assert person_reapplications_erase(person_id=person_id) == {}
    reapplication.refresh_from_db()
    assert (reapplication.weak_dimensions, reapplication.question_codes, reapplication.repeated_question_codes) == (
        [],
        [],
        [],
    )
    assert reapplication.invitation_id is not None
