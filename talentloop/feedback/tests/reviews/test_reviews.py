"""Asking for an explanation or a human review, and answering it: validation, due date, decision, notification."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from talentloop.accounts.models import User
from talentloop.core.exceptions import Conflict, ErrorCode, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.feedback.models import REVIEW_TEXT_MAX_LENGTH, ReviewRequest
from talentloop.feedback.review_errors import ReviewErrorCode
from talentloop.feedback.services.reviews import (
    review_request_create,
    review_request_notified_record,
    review_request_resolve,
)
from talentloop.feedback.tests.review_fixtures import interview_taken
from talentloop.interviews.models import InterviewSession

NOW = timezone.make_aware(datetime(2026, 11, 21, 9, 30, 0))
KIND = ReviewRequest.Kind
DECISION = ReviewRequest.Decision


def ask(
    session: InterviewSession, user: User, kind: str = KIND.HUMAN_REVIEW, text: str = "我认为评分有误"
) -> ReviewRequest:
    return review_request_create(actor=user, session=session, kind=kind, text=text, now=NOW)


def nothing_written(audit_before: int) -> None:
    assert ReviewRequest.objects.count() == 0
    assert AuditEvent.objects.count() == audit_before
    assert mail.outbox == []


class TestCreate:
    def test_a_request_is_due_after_the_default_15_days(self, scored: InterviewSession, candidate_a: User) -> None:
        # when
        review_request = ask(scored, candidate_a, text="  请复核我的面试结果。  ")
        # then
        review_request.refresh_from_db()
        assert (review_request.kind, review_request.status, review_request.text) == (
            "human_review",
            "open",
            "请复核我的面试结果。",
        )
        assert review_request.requested_at == NOW
        assert review_request.due_at == NOW + timedelta(days=15)
        assert (review_request.ai_overall, review_request.ai_passed) == (0.0, False)
        assert review_request.requested_by == candidate_a
        event = AuditEvent.objects.get(object_type="feedback.reviewrequest", action="create")
        assert event.actor == candidate_a
        assert event.changes == {"kind": "human_review", "due_at": (NOW + timedelta(days=15)).isoformat()}
        assert mail.outbox == []

    @override_settings(TALENTLOOP_REVIEW_DUE_DAYS=3)
    def test_the_due_date_follows_the_setting(self, scored: InterviewSession, candidate_a: User) -> None:
        assert ask(scored, candidate_a).due_at == NOW + timedelta(days=3)

    @pytest.mark.parametrize(
        ("text", "code"),
        [
            ("", ReviewErrorCode.TEXT_REQUIRED),
            ("   \n ", ReviewErrorCode.TEXT_REQUIRED),
            ("字" * (REVIEW_TEXT_MAX_LENGTH + 1), ReviewErrorCode.TEXT_TOO_LONG),
        ],
    )
    def test_missing_or_oversized_text_writes_nothing(
        self, scored: InterviewSession, candidate_a: User, text: str, code: str
    ) -> None:
        audit_before = AuditEvent.objects.count()
        with pytest.raises(ValidationFailed) as raised:
            ask(scored, candidate_a, text=text)
        assert raised.value.code == code
        assert list(raised.value.fields) == ["text"]
        nothing_written(audit_before)

    def test_text_at_the_limit_is_accepted(self, scored: InterviewSession, candidate_a: User) -> None:
        assert len(ask(scored, candidate_a, text="字" * REVIEW_TEXT_MAX_LENGTH).text) == REVIEW_TEXT_MAX_LENGTH

    def test_an_unknown_kind_writes_nothing(self, scored: InterviewSession, candidate_a: User) -> None:
        audit_before = AuditEvent.objects.count()
        with pytest.raises(ValidationFailed) as raised:
            ask(scored, candidate_a, kind="appeal")
        assert (raised.value.code, list(raised.value.fields)) == (ErrorCode.VALIDATION_ERROR, ["kind"])
        nothing_written(audit_before)

    def test_an_unscored_interview_cannot_be_asked_about(self, review_world: dict[str, Any], candidate_a: User) -> None:
        # given a submitted interview whose scoring has not run yet
        session = interview_taken(review_world, candidate_a, scored=False)
        audit_before = AuditEvent.objects.count()
        # when / then
        with pytest.raises(ValidationFailed) as raised:
            ask(session, candidate_a)
        assert raised.value.code == ReviewErrorCode.INTERVIEW_NOT_SCORED
        nothing_written(audit_before)

    def test_one_open_request_of_each_kind(self, scored: InterviewSession, candidate_a: User) -> None:
        # given
        first = ask(scored, candidate_a, kind=KIND.HUMAN_REVIEW)
        audit_before = AuditEvent.objects.count()
        # when a second human review is asked for
        with pytest.raises(Conflict) as raised:
            ask(scored, candidate_a, kind=KIND.HUMAN_REVIEW, text="再问一次")
        # then
        assert raised.value.code == ReviewErrorCode.REQUEST_ALREADY_OPEN
        assert list(ReviewRequest.objects.values_list("pk", flat=True)) == [first.pk]
        assert AuditEvent.objects.count() == audit_before
        # but an explanation may be asked for at the same time
        ask(scored, candidate_a, kind=KIND.EXPLANATION, text="为什么是0分？")
        assert ReviewRequest.objects.filter(status="open").count() == 2

    def test_after_an_answer_the_same_kind_can_be_asked_again(
        self, scored: InterviewSession, candidate_a: User, hr: User
    ) -> None:
        first = ask(scored, candidate_a, kind=KIND.EXPLANATION)
        review_request_resolve(actor=hr, review_request=first, response="关键点缺失")
        assert ask(scored, candidate_a, kind=KIND.EXPLANATION).status == "open"


class TestResolve:
    def test_a_human_decision_is_recorded_and_nothing_is_sent_by_this_room(
        self, scored: InterviewSession, candidate_a: User, hr: User, django_capture_on_commit_callbacks: Any
    ) -> None:
        # given
        review_request = ask(scored, candidate_a)
        # when
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            resolved = review_request_resolve(
                actor=hr,
                review_request=review_request,
                response="复核后认为第一题回答确实未涉及客户需求。",
                decision=DECISION.UPHOLD,
                now=NOW + timedelta(days=2),
            )
        # then (telling the candidate is the edge's next step, through notifications: see notifications/tests)
        assert callbacks == []
        assert mail.outbox == []
        resolved.refresh_from_db()
        assert (resolved.status, resolved.decision, resolved.resolved_by, resolved.resolved_at) == (
            "done",
            "uphold",
            hr,
            NOW + timedelta(days=2),
        )
        assert resolved.response == "复核后认为第一题回答确实未涉及客户需求。"
        assert resolved.notified_at is None
        assert list(
            AuditEvent.objects.filter(object_type="feedback.reviewrequest")
            .order_by("pk")
            .values_list("action", "changes")
        ) == [
            ("create", {"kind": "human_review", "due_at": (NOW + timedelta(days=15)).isoformat()}),
            ("update", {"status": ["open", "done"], "decision": ["", "uphold"]}),
        ]

    def test_being_notified_is_recorded_once(self, scored: InterviewSession, candidate_a: User, hr: User) -> None:
        # given
        review_request = ask(scored, candidate_a)
        review_request_resolve(actor=hr, review_request=review_request, response="维持", decision=DECISION.UPHOLD)
        # when
        first = review_request_notified_record(review_request_id=review_request.pk, now=NOW + timedelta(days=1))
        second = review_request_notified_record(review_request_id=review_request.pk, now=NOW + timedelta(days=2))
        # then
        assert (first, second) == (True, False)
        review_request.refresh_from_db()
        assert review_request.notified_at == NOW + timedelta(days=1)
        assert AuditEvent.objects.filter(object_type="feedback.reviewrequest", changes={"notified": True}).count() == 1

    def test_an_open_request_is_not_recorded_as_notified(self, scored: InterviewSession, candidate_a: User) -> None:
        review_request = ask(scored, candidate_a)
        assert review_request_notified_record(review_request_id=review_request.pk) is False
        review_request.refresh_from_db()
        assert review_request.notified_at is None

    def test_a_human_review_needs_a_decision(
        self, scored: InterviewSession, candidate_a: User, hr: User, django_capture_on_commit_callbacks: Any
    ) -> None:
        review_request = ask(scored, candidate_a)
        audit_before = AuditEvent.objects.count()
        with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(ValidationFailed) as raised:
            review_request_resolve(actor=hr, review_request=review_request, response="理由", decision="")
        assert (raised.value.code, list(raised.value.fields)) == (ReviewErrorCode.DECISION_REQUIRED, ["decision"])
        review_request.refresh_from_db()
        assert (review_request.status, review_request.response, review_request.resolved_by) == ("open", "", None)
        assert AuditEvent.objects.count() == audit_before
        assert callbacks == []
        assert mail.outbox == []

    def test_an_answer_needs_a_reason(self, scored: InterviewSession, candidate_a: User, hr: User) -> None:
        review_request = ask(scored, candidate_a)
        with pytest.raises(ValidationFailed) as raised:
            review_request_resolve(actor=hr, review_request=review_request, response=" ", decision=DECISION.UPHOLD)
        assert (raised.value.code, list(raised.value.fields)) == (ReviewErrorCode.TEXT_REQUIRED, ["response"])
        review_request.refresh_from_db()
        assert review_request.status == "open"

    def test_an_explanation_carries_no_decision(self, scored: InterviewSession, candidate_a: User, hr: User) -> None:
        review_request = ask(scored, candidate_a, kind=KIND.EXPLANATION)
        with pytest.raises(ValidationFailed) as raised:
            review_request_resolve(actor=hr, review_request=review_request, response="说明", decision=DECISION.UPHOLD)
        assert list(raised.value.fields) == ["decision"]
        review_request.refresh_from_db()
        assert review_request.status == "open"

    def test_an_answered_request_cannot_be_answered_again(
        self,
        scored: InterviewSession,
        candidate_a: User,
        hr: User,
        hr_admin: User,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        review_request = ask(scored, candidate_a)
        with django_capture_on_commit_callbacks(execute=True):
            review_request_resolve(
                actor=hr, review_request=review_request, response="通过", decision=DECISION.OVERTURN_PASS
            )
        audit_before = AuditEvent.objects.count()
        with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Conflict) as raised:
            review_request_resolve(actor=hr_admin, review_request=review_request, response="不通过", decision="uphold")
        assert raised.value.code == ReviewErrorCode.REQUEST_ALREADY_RESOLVED
        review_request.refresh_from_db()
        assert (review_request.decision, review_request.resolved_by) == ("overturn_pass", hr)
        assert AuditEvent.objects.count() == audit_before
        assert callbacks == []
        assert mail.outbox == []
