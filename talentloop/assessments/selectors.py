"""Reading stored scores."""

from __future__ import annotations

from collections import defaultdict

from talentloop.assessments.models import AnswerScore, SessionScore
from talentloop.interviews.models import InterviewSession


def session_score_get(*, session: InterviewSession) -> SessionScore | None:
    """The interview's most recent overall score, if it has been scored."""
    return SessionScore.objects.filter(session=session).order_by("-created_at", "-pk").first()


def answer_scores_by_answer(*, session: InterviewSession) -> dict[int, list[AnswerScore]]:
    """Every stored score of the interview's answers, keyed by answer id, newest scorer version first."""
    rows = AnswerScore.objects.filter(answer__session=session).select_related("dimension", "rubric")
    grouped: dict[int, list[AnswerScore]] = defaultdict(list)
    for row in rows.order_by("answer__order", "dimension__code", "-created_at", "-pk"):
        grouped[row.answer_id].append(row)
    return dict(grouped)
