"""Filters of the console's message pages."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def duration(seconds: float | None) -> str:
    """A response time in words: "2 h 05 min", "1 d 3 h", "45 min"; "—" when there is none."""
    if seconds is None:
        return "—"
    minutes = round(float(seconds) / 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return _("%(days)d d %(hours)d h") % {"days": days, "hours": hours}
    if hours:
        return _("%(hours)d h %(minutes)02d min") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)d min") % {"minutes": minutes}


@register.filter
def percent(share: float | None) -> str:
    """A share as a whole percentage ("83%"); "—" when there is none."""
    if share is None:
        return "—"
    return f"{round(share * 100)}%"
