"""Erasing a person's reports, growth paths and review requests at their request: their words go, the anonymous
aggregates stay (see talentloop/feedback/personal_data.py)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from talentloop.feedback.models import GrowthPathItem, Report, ReviewRequest

# What a growth action names a mentor who was erased, in the stored explanation's two languages.
ERASED_MENTOR = {"zh": "一位前导师", "en": "a former mentor"}


def report_content_strip(content: dict[str, Any]) -> dict[str, Any]:
    """A report's content without anything of the person: no name and no quotes from their answers. The scores,
    levels, requirements, tips and the notes stay: notes are codes with numbers (``feedback.notes``), never words
    of the answer (pure, returns a new dict)."""
    stripped = dict(content)
    if "candidate" in stripped:
        stripped["candidate"] = ""
    stripped["dimensions"] = [
        {**dimension, "key_points": [{**point, "evidence": []} for point in dimension.get("key_points") or []]}
        for dimension in content.get("dimensions") or []
    ]
    return stripped


@transaction.atomic
def person_feedback_erase(*, person_id: int, full_name: str = "") -> dict[str, int]:
    """Strip the person's reports to their aggregates, clear their growth-path notes and completion evidence, clear
    the texts of their review requests, and take their name out of other people's growth actions that recommend them
    as a mentor (``full_name`` is their name before ``org`` erases it).

    Kept: every report version's scores and levels (so what was decided stays readable), each growth path's gaps and
    each action's status and dates (how many actions were started and finished), and each review request's kind,
    status, decision, dates and the AI outcome it was about. Runs while no review request is open (that is a legal
    hold, see the part). Safe to run twice."""
    counts: dict[str, int] = {}
    now = timezone.now()
    reports = Report.objects.select_for_update().filter(session__invitation__candidate__person_id=person_id)
    for report in reports:
        stripped = report_content_strip(report.content)
        if stripped != report.content:
            report.content = stripped
            report.save(update_fields=["content"])
            counts["reports_stripped"] = counts.get("reports_stripped", 0) + 1
    items = GrowthPathItem.objects.filter(path__person_id=person_id).exclude(note="", evidence_text="", evidence_url="")
    counts["growth_items_cleared"] = items.update(note="", evidence_text="", evidence_url="", updated_at=now)
    reviews = ReviewRequest.objects.filter(session__invitation__candidate__person_id=person_id).exclude(
        text="", response=""
    )
    counts["review_texts_cleared"] = reviews.update(text="", response="", updated_at=now)
    if full_name:
        named = GrowthPathItem.objects.select_for_update().filter(
            mentor__employee__person_id=person_id, explanation__contains=full_name
        )
        for item in named:
            item.explanation = item.explanation.replace(full_name, ERASED_MENTOR["zh"])
            item.explanation_en = item.explanation_en.replace(full_name, ERASED_MENTOR["en"])
            item.save(update_fields=["explanation", "explanation_en", "updated_at"])
            counts["mentor_names_removed"] = counts.get("mentor_names_removed", 0) + 1
    return {name: count for name, count in counts.items() if count}
