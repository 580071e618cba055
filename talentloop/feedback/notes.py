"""Structure and delivery notes of one answer, read from the features its stored score kept.

Notes are codes with a number (never sentences), so a stored report renders in either language. They describe how
an answer was built and delivered (STAR, connectors, quantified results, length against the cohort, pauses,
filler words); nothing here, or anywhere in the report, says anything about emotions, personality or mood.
"""

from __future__ import annotations

from typing import Any

# An answer this much shorter or longer than the cohort's average for the same question earns a note (percent).
COHORT_DIFFERENCE_PERCENT = 20.0
# Without a cohort: duration / expected duration below or above these earns a note.
SHORT_OF_EXPECTED_RATIO = 0.7
LONG_OF_EXPECTED_RATIO = 1.5
# Filler words per 100 words from which the rate is worth mentioning.
FILLER_RATE_NOTE = 5.0
STAR_ELEMENTS = ("situation", "task", "action", "result")
# Only stories are expected to follow STAR and end in a measurable result; a technical question is not.
STORY_QUESTION_KINDS = ("behavioural", "situational")

STRUCTURE = "structure"
DELIVERY = "delivery"
CONTENT = "content"


def _note(kind: str, code: str, value: float | None = None, items: list[str] | None = None) -> dict[str, Any]:
    return {"kind": kind, "code": code, "value": value, "items": items or []}


def answer_notes(*, result: dict[str, Any], question_kind: str) -> list[dict[str, Any]]:
    """The notes of one answer from its stored scorer output (``AnswerScore.result``), in a fixed order."""
    reasons = [str(reason) for reason in result.get("reasons") or []]
    if "skipped" in reasons:
        return [_note(CONTENT, "skipped")]
    notes = [_note(CONTENT, reason) for reason in reasons]
    if "empty" in reasons:
        return notes
    features: dict[str, Any] = result.get("features") or {}
    if question_kind in STORY_QUESTION_KINDS:
        present = set(features.get("star_elements") or [])
        missing = [element for element in STAR_ELEMENTS if element not in present]
        if missing:
            notes.append(_note(STRUCTURE, "star_missing", items=missing))
        if not features.get("quantities"):
            notes.append(_note(STRUCTURE, "no_quantified_result"))
        if features.get("speaks_about_others") is False:
            notes.append(_note(STRUCTURE, "only_about_self"))
    if features.get("connectors") == 0:
        notes.append(_note(STRUCTURE, "no_connectors"))
    notes.extend(_delivery_notes(features.get("delivery") or {}))
    return notes


def _delivery_notes(delivery: dict[str, Any]) -> list[dict[str, Any]]:
    notes = []
    versus_cohort = delivery.get("percent_versus_cohort")
    to_expected = delivery.get("duration_to_expected")
    if versus_cohort is not None:
        if versus_cohort <= -COHORT_DIFFERENCE_PERCENT:
            notes.append(_note(DELIVERY, "shorter_than_cohort", round(-versus_cohort)))
        elif versus_cohort >= COHORT_DIFFERENCE_PERCENT:
            notes.append(_note(DELIVERY, "longer_than_cohort", round(versus_cohort)))
    elif to_expected is not None:
        if to_expected < SHORT_OF_EXPECTED_RATIO:
            notes.append(_note(DELIVERY, "shorter_than_expected", round((1 - to_expected) * 100)))
        elif to_expected > LONG_OF_EXPECTED_RATIO:
            notes.append(_note(DELIVERY, "longer_than_expected", round((to_expected - 1) * 100)))
    pauses = len(delivery.get("long_pauses") or [])
    if pauses:
        notes.append(_note(DELIVERY, "long_pauses", pauses))
    filler_rate = delivery.get("filler_rate") or 0.0
    if filler_rate >= FILLER_RATE_NOTE:
        notes.append(_note(DELIVERY, "filler_words", round(filler_rate, 1)))
    if delivery.get("retries"):
        notes.append(_note(DELIVERY, "retries", delivery["retries"]))
    return notes
