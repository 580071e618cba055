"""The session page's human-ratings section loads its own data, so the page includes it with one line."""

from __future__ import annotations

from typing import Any

from django import template

from talentloop.assessments.rating_selectors import RatingCell, session_rating_cells
from talentloop.console.rating_forms import RatingForm
from talentloop.interviews.models import InterviewSession

register = template.Library()


@register.simple_tag
def rating_cells(session: InterviewSession, user: Any) -> list[RatingCell]:
    """Every scored answer × dimension of ``session`` with its ratings, in a fixed number of queries."""
    return session_rating_cells(session=session, user=user)


@register.simple_tag
def rating_form(cell: RatingCell) -> RatingForm:
    """A form filled with the signed-in user's own earlier rating, if any."""
    own = cell.own_rating
    return RatingForm(
        initial={"level": own.level, "note": own.note} if own is not None else None,
        anchors=cell.anchor_by_level,
        auto_id=f"{cell.key}-%s",
    )
