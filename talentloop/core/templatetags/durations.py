"""Template filters that turn durations into numbers a translated sentence can count."""

from __future__ import annotations

import math
from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def in_minutes(value: timedelta | None) -> int:
    """Whole minutes in ``value``, rounded up (a 30-second wait is "1 minute", never "0 minutes")."""
    if not isinstance(value, timedelta):
        return 0
    return max(0, math.ceil(value.total_seconds() / 60))
