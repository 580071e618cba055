"""Erasing a person's scores at their request: the evidence goes, the anonymous aggregates stay."""

from __future__ import annotations

from django.db import transaction

from talentloop.assessments.models import AnswerScore


@transaction.atomic
def person_scores_erase(*, person_id: int) -> dict[str, int]:
    """Delete every answer score of the person's interviews (each quotes their answer as evidence) and keep the
    session scores: overall, pass/fail, threshold and the per-dimension means carry no words of theirs, and once the
    person is anonymised they are aggregates that analytics still count. Safe to run twice."""
    answer_scores = AnswerScore.objects.filter(answer__session__invitation__candidate__person_id=person_id)
    deleted = answer_scores.delete()[0]
    return {"answer_scores": deleted} if deleted else {}
