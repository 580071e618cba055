"""Small helpers for the rating tests (kept apart from the fixtures plugin, which pytest must import first)."""

from __future__ import annotations

from talentloop.interviews.models import Answer, InterviewSession


def answer_of(session: InterviewSession, order: int) -> Answer:
    return Answer.objects.select_related("session__invitation__template", "question").get(session=session, order=order)
