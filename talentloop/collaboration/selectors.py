"""Reads of the discussion on an interview."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from talentloop.collaboration.models import Comment
from talentloop.interviews.models import InterviewSession


def thread_list(*, session: InterviewSession) -> QuerySet[Comment]:
    """The interview's threads, oldest first, each with its replies, authors and mentions (four queries)."""
    comments = Comment.objects.select_related("author", "resolved_by", "answer").prefetch_related("mentioned")
    return (
        comments.filter(session=session, parent__isnull=True)
        .prefetch_related(Prefetch("replies", queryset=comments.order_by("created_at", "pk")))
        .order_by("created_at", "pk")
    )


@dataclass
class DiscussionCounts:
    """Open threads per answer id and per dimension code, for the comment buttons on those rows."""

    by_answer: Counter[int] = field(default_factory=Counter)
    by_dimension: Counter[str] = field(default_factory=Counter)
    open_threads: int = 0


def discussion_counts(*, threads: list[Comment]) -> DiscussionCounts:
    counts = DiscussionCounts()
    for thread in threads:
        if thread.is_resolved:
            continue
        counts.open_threads += 1
        if thread.target == Comment.Target.ANSWER and thread.answer_id is not None:
            counts.by_answer[thread.answer_id] += 1
        elif thread.target == Comment.Target.DIMENSION:
            counts.by_dimension[thread.dimension_code] += 1
    return counts
