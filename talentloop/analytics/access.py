"""Who may read the analytics pages: HR (and HR admins), company-wide.

The figures pool every opening and department: a question's discrimination, the funnel and the predictor's
history mean something only across the company's interviews, and per-department slices of small numbers would let
a reader pick out individual candidates. Hiring managers and interviewers are staff who get 403 (they may know the
pages exist); anyone else gets 404, as for the AI–human agreement page (decision 0031).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from talentloop.core.exceptions import NotFound, PermissionDenied
from talentloop.org.access import actor_get


def analytics_check_view(user: Any) -> None:
    """HR reads analytics; other staff are refused (403), everyone else is told nothing (404)."""
    actor = actor_get(user)
    if not actor.is_staff_member:
        raise NotFound(_("Page not found."))
    if not actor.is_hr:
        raise PermissionDenied(_("Only HR can read the interview analytics."))
