"""Who may see re-applications: the one rule for HR's funnel and list.

Candidates re-apply from their own interview (``growth_access`` / ``review_access`` decide that). The funnel and
the list of re-applications are HR's: other staff get *permission denied* (403), everyone else *not found* (404),
the console's rule.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from talentloop.competencies.models import JobProfile
from talentloop.core.exceptions import NotFound, PermissionDenied
from talentloop.org.access import actor_get


def reapplications_check_manage(user: Any) -> None:
    actor = actor_get(user)
    if not actor.is_staff_member:
        raise NotFound(_("Page not found."))
    if not actor.is_hr:
        raise PermissionDenied(_("Only HR can see re-applications."))


def reapplication_job_profile_get(position_code: str | None) -> JobProfile | None:
    """The job profile a funnel is filtered by (its position's code), None for every profile; unknown → 404."""
    if not position_code:
        return None
    profile = JobProfile.objects.select_related("position").filter(position__code=position_code).first()
    if profile is None:
        raise NotFound(_("Job profile not found."))
    return profile
