"""The HR task list's filters and the outcome shown for an interview."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from talentloop.accounts.models import User
from talentloop.feedback.models import ReviewRequest
from talentloop.feedback.review_selectors import (
    OutcomeState,
    interview_outcome_get,
    interview_outcomes_get,
    review_request_list,
    review_request_open_count,
)
from talentloop.feedback.services.reviews import review_request_create, review_request_resolve
from talentloop.interviews.models import InterviewSession


def test_open_overdue_and_done(
    scored: InterviewSession, scored_b: InterviewSession, candidate_a: User, candidate_b: User, hr: User
) -> None:
    # given a request past its due date, one within it, and an answered one
    now = timezone.now()
    late = review_request_create(
        actor=candidate_a, session=scored, kind="explanation", text="为什么？", now=now - timedelta(days=16)
    )
    current = review_request_create(actor=candidate_b, session=scored_b, kind="human_review", text="请复核", now=now)
    done = review_request_create(
        actor=candidate_a, session=scored, kind="human_review", text="请复核", now=now - timedelta(days=1)
    )
    review_request_resolve(actor=hr, review_request=done, response="维持原结果", decision="uphold")
    # then
    assert list(review_request_list(status="open", now=now)) == [late, current]
    assert list(review_request_list(status="overdue", now=now)) == [late]
    assert list(review_request_list(status="done", now=now)) == [done]
    assert review_request_open_count() == 2


class TestOutcome:
    def test_the_ai_result_until_someone_asks(self, scored: InterviewSession) -> None:
        outcome = interview_outcome_get(session=scored)
        assert (outcome.state, outcome.passed, outcome.contested, outcome.decision) == (
            OutcomeState.AI_NOT_PASSED,
            False,
            False,
            None,
        )

    def test_an_explanation_does_not_contest_the_result(self, scored: InterviewSession, candidate_a: User) -> None:
        review_request_create(actor=candidate_a, session=scored, kind="explanation", text="为什么？")
        assert interview_outcome_get(session=scored).state == OutcomeState.AI_NOT_PASSED

    def test_an_open_human_review_is_never_a_final_rejection(self, scored: InterviewSession, candidate_a: User) -> None:
        review_request_create(actor=candidate_a, session=scored, kind="human_review", text="请复核")
        outcome = interview_outcome_get(session=scored)
        assert (outcome.state, outcome.passed, outcome.contested) == (OutcomeState.UNDER_HUMAN_REVIEW, None, True)

    def test_the_human_decision_replaces_the_ai_result(
        self, scored: InterviewSession, scored_b: InterviewSession, candidate_a: User, hr: User
    ) -> None:
        review_request = review_request_create(actor=candidate_a, session=scored, kind="human_review", text="请复核")
        review_request_resolve(actor=hr, review_request=review_request, response="答案有效", decision="overturn_pass")
        outcomes = interview_outcomes_get(sessions=[scored, scored_b])
        mine = outcomes[scored.pk]
        assert (mine.state, mine.passed, mine.contested) == (OutcomeState.HUMAN_DECISION, True, True)
        assert mine.decision is not None
        assert (mine.decision.decision, mine.decision.resolved_by) == (ReviewRequest.Decision.OVERTURN_PASS, hr)
        assert outcomes[scored_b.pk].state == OutcomeState.AI_NOT_PASSED

    def test_a_new_interview_leaves_the_outcome_open(
        self, scored: InterviewSession, candidate_a: User, hr: User
    ) -> None:
        review_request = review_request_create(actor=candidate_a, session=scored, kind="human_review", text="网络断了")
        review_request_resolve(actor=hr, review_request=review_request, response="重新面试", decision="new_interview")
        outcome = interview_outcome_get(session=scored)
        assert (outcome.state, outcome.passed) == (OutcomeState.HUMAN_DECISION, None)
