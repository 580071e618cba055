"""Reading review requests, and the one place that says what an interview's outcome is.

The outcome of an interview is the AI's pass/fail until a human decides: while a human review is open the outcome
is *under human review* (never a final rejection), and once HR has decided, the human decision, who made it and
when replace the AI outcome everywhere it is shown. Pages use ``interview_outcome_get`` or, for lists,
``interview_outcomes_get``; the template ``feedback/_outcome.html`` renders one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from django.db.models import QuerySet
from django.utils import timezone

from talentloop.assessments.models import SessionScore
from talentloop.assessments.selectors import session_score_get
from talentloop.feedback.models import ReviewRequest
from talentloop.interviews.models import InterviewSession


class ReviewFilter(StrEnum):
    OPEN = "open"
    OVERDUE = "overdue"
    DONE = "done"


def review_request_list(*, status: str = ReviewFilter.OPEN, now: datetime | None = None) -> QuerySet[ReviewRequest]:
    """HR's task list: open (soonest due first), overdue (open and past due) or done (latest first)."""
    now = now or timezone.now()
    rows = ReviewRequest.objects.select_related(
        "session__invitation__candidate__person",
        "session__invitation__template__job_profile__position",
        "resolved_by",
    )
    if status == ReviewFilter.DONE:
        return rows.filter(status=ReviewRequest.Status.DONE).order_by("-resolved_at", "-pk")
    rows = rows.filter(status=ReviewRequest.Status.OPEN)
    if status == ReviewFilter.OVERDUE:
        rows = rows.filter(due_at__lt=now)
    return rows.order_by("due_at", "pk")


def review_request_open_count() -> int:
    return ReviewRequest.objects.filter(status=ReviewRequest.Status.OPEN).count()


def review_requests_for_session(*, session: InterviewSession) -> QuerySet[ReviewRequest]:
    """The interview's requests, newest first."""
    return ReviewRequest.objects.filter(session=session).select_related("resolved_by").order_by("-requested_at", "-pk")


class OutcomeState(StrEnum):
    NOT_SCORED = "not_scored"
    AI_PASSED = "ai_passed"
    AI_NOT_PASSED = "ai_not_passed"
    UNDER_HUMAN_REVIEW = "under_human_review"
    HUMAN_DECISION = "human_decision"


@dataclass(frozen=True)
class InterviewOutcome:
    state: OutcomeState
    ai_score: SessionScore | None = None
    decision: ReviewRequest | None = None  # the resolved human review whose decision stands

    @property
    def contested(self) -> bool:
        """The candidate asked for a human review (the decision shown was contested)."""
        return self.state in (OutcomeState.UNDER_HUMAN_REVIEW, OutcomeState.HUMAN_DECISION)

    @property
    def passed(self) -> bool | None:
        """Whether the interview counts as passed now; None while it is unscored or under review."""
        if self.state == OutcomeState.HUMAN_DECISION and self.decision is not None:
            if self.decision.decision == ReviewRequest.Decision.NEW_INTERVIEW:
                return None
            return self.decision.decision == ReviewRequest.Decision.OVERTURN_PASS or bool(
                self.ai_score and self.ai_score.passed
            )
        if self.state in (OutcomeState.AI_PASSED, OutcomeState.AI_NOT_PASSED):
            return self.state == OutcomeState.AI_PASSED
        return None


def _outcome(
    score: SessionScore | None, open_review: ReviewRequest | None, decided: ReviewRequest | None
) -> InterviewOutcome:
    if open_review is not None:
        return InterviewOutcome(OutcomeState.UNDER_HUMAN_REVIEW, score, decided)
    if decided is not None:
        return InterviewOutcome(OutcomeState.HUMAN_DECISION, score, decided)
    if score is None:
        return InterviewOutcome(OutcomeState.NOT_SCORED)
    return InterviewOutcome(OutcomeState.AI_PASSED if score.passed else OutcomeState.AI_NOT_PASSED, score)


def interview_outcome_get(*, session: InterviewSession) -> InterviewOutcome:
    """The interview's outcome as it stands: AI, under human review, or the human decision."""
    return interview_outcomes_get(sessions=[session], scores={session.pk: session_score_get(session=session)})[
        session.pk
    ]


def interview_outcomes_get(
    *, sessions: Iterable[InterviewSession], scores: dict[int, SessionScore | None] | None = None
) -> dict[int, InterviewOutcome]:
    """Outcomes of several interviews by session id (for lists: one query for the reviews, one per score)."""
    sessions = list(sessions)
    session_ids = [session.pk for session in sessions]
    if scores is None:
        scores = {session.pk: session_score_get(session=session) for session in sessions}
    open_reviews: dict[int, ReviewRequest] = {}
    decided: dict[int, ReviewRequest] = {}
    reviews = ReviewRequest.objects.filter(session_id__in=session_ids, kind=ReviewRequest.Kind.HUMAN_REVIEW)
    for review in reviews.select_related("resolved_by").order_by("requested_at", "pk"):
        if review.status == ReviewRequest.Status.OPEN:
            open_reviews[review.session_id] = review
        else:
            decided[review.session_id] = review  # the latest decision stands
    return {
        session_id: _outcome(scores.get(session_id), open_reviews.get(session_id), decided.get(session_id))
        for session_id in session_ids
    }
