"""Template helpers for interview outcomes in lists."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def outcome_for(outcomes: dict[int, Any] | None, invitation: Any) -> Any:
    """The outcome of an invitation's interview from ``interview_outcomes_get``'s dict, or None."""
    session = getattr(invitation, "session", None) if invitation is not None else None
    if not outcomes or session is None:
        return None
    return outcomes.get(session.pk)
