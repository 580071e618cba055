"""Erasing a person's scores and ratings at their request: the evidence and the words go, the anonymous aggregates
stay."""

from __future__ import annotations

from django.db import transaction

from talentloop.assessments.models import AnswerScore, HumanRating


@transaction.atomic
def person_scores_erase(*, person_id: int) -> dict[str, int]:
    """Strip every answer score of the person's interviews down to its number, and clear the notes of every human
    rating of their answers.

    An answer score's stored scorer output quotes the answer as evidence (and lists its filler words, its STAR
    parts, …), so it is emptied, and so is the digest of the inputs; what stays is the score itself with its
    dimension, rubric and scorer version. A rating keeps its level and its rater and loses its note (raters quote
    the answer). The session scores are kept as they are: overall, pass/fail, threshold and the per-dimension means
    carry no words of theirs. Once the person is anonymised, all of this is aggregates that the AI–human agreement
    page and the calibrations still count. Safe to run twice."""
    answer_scores = AnswerScore.objects.filter(answer__session__invitation__candidate__person_id=person_id).exclude(
        result={}, inputs_digest=""
    )
    stripped = answer_scores.update(result={}, inputs_digest="")
    ratings = HumanRating.objects.filter(answer__session__invitation__candidate__person_id=person_id).exclude(note="")
    notes = ratings.update(note="")
    counts = {"answer_scores_stripped": stripped, "rating_notes_cleared": notes}
    return {name: count for name, count in counts.items() if count}


@transaction.atomic
def rater_notes_erase(*, user_id: int) -> dict[str, int]:
    """Clear the notes a person wrote when they rated other people's answers. Their levels stay (under their now
    anonymised account): they are the human side of the agreement figures and the calibrations fitted on them."""
    notes = HumanRating.objects.filter(rater_id=user_id).exclude(note="").update(note="")
    return {"own_rating_notes_cleared": notes} if notes else {}
