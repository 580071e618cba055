"""Reads of the discussion on an interview."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from talentloop.assessments.selectors import answer_scores_by_answer
from talentloop.collaboration.models import Comment, HrTask, ManagerResponse, ResultShare
from talentloop.feedback.services.reports import evidence_sentences
from talentloop.interviews.models import Answer, InterviewSession
from talentloop.org.access import actor_get

SNIPPET_LENGTH = 300


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


def share_snippet_suggestions(*, session: InterviewSession) -> list[dict[str, Any]]:
    """Words of the candidate's answers HR may quote on a result card, best first: for each scored answer (the
    highest scored first), the sentences that evidence the key points it met, else its opening words."""
    rows = answer_scores_by_answer(session=session)
    answers = {answer.pk: answer for answer in Answer.objects.filter(pk__in=rows, session=session)}
    ranked = []
    for answer_id, answer_rows in rows.items():
        answer = answers.get(answer_id)
        if answer is None or answer.status == Answer.Status.SKIPPED or not answer.text.strip():
            continue
        mean = sum(row.score for row in answer_rows) / len(answer_rows) if answer_rows else 0.0
        evidence = [
            item
            for row in answer_rows
            for key_point in (row.result.get("dimension") or {}).get("key_points") or []
            if key_point.get("status") in ("hit", "partial")
            for item in key_point.get("evidence") or []
        ]
        quotes = [quote[:SNIPPET_LENGTH] for quote in evidence_sentences(answer.text, evidence)][:2]
        if not quotes:
            quotes = [answer.text.strip()[:SNIPPET_LENGTH]]
        ranked.append((-mean, answer.order, answer, quotes))
    suggestions = []
    for _mean, _order, answer, quotes in sorted(ranked, key=lambda item: (item[0], item[1])):
        for quote in quotes:
            suggestions.append(
                {"answer": answer.pk, "order": answer.order, "question": answer.question_text, "snippet": quote}
            )
    return suggestions


def result_share_list(*, user: Any) -> QuerySet[ResultShare]:
    """Shares ``user`` may read: every share for HR, the ones addressed to them for a manager, none otherwise."""
    actor = actor_get(user)
    shares = ResultShare.objects.select_related(
        "session__invitation__candidate__person", "shared_by", "manager"
    ).order_by("-created_at", "-pk")
    if actor.is_hr:
        return shares.all()
    if actor.is_staff_member:
        return shares.filter(manager=user)
    return shares.none()


def share_response_list(*, share: ResultShare) -> QuerySet[ManagerResponse]:
    return share.responses.select_related("responder", "comment").order_by("created_at", "pk")


def hr_task_list(*, status: str = "") -> QuerySet[HrTask]:
    """HR's tasks, newest first (one query with the candidate, the manager who asked and the invitation)."""
    tasks = HrTask.objects.select_related(
        "session__invitation__candidate__person",
        "session__invitation__template__job_profile__position",
        "share__manager",
        "assignee",
        "invitation",
    ).order_by("-created_at", "-pk")
    return tasks.filter(status=status) if status else tasks


def hr_task_counts() -> dict[str, int]:
    """Tasks per status, every status present (one query)."""
    counts = dict.fromkeys(HrTask.Status.values, 0)
    for row in HrTask.objects.values("status").annotate(total=Count("pk")):
        counts[row["status"]] = row["total"]
    return counts


def hr_task_open_count() -> int:
    return HrTask.objects.filter(status=HrTask.Status.OPEN).count()
