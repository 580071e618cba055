"""Who may see and change a growth path: the one fetch-and-authorize rule.

The candidate the interview belongs to may see and change their path. Staff who may see the candidate
(``candidate_list_for_user``) may see it, read-only (403 on a write). Anyone else gets 404, whether or not the
interview exists.
"""

from __future__ import annotations

from typing import Any, Literal

from django.utils.translation import gettext as _

from talentloop.core.exceptions import NotFound, PermissionDenied
from talentloop.feedback.models import GrowthPathItem
from talentloop.interviews.models import Invitation
from talentloop.org.access import actor_get, candidate_list_for_user
from talentloop.org.models import Candidate

Intent = Literal["view", "change"]


def _authorize(user: Any, candidate: Candidate, intent: Intent) -> bool:
    """True for the owner; True for staff who may see the candidate and only view; raises otherwise."""
    actor = actor_get(user)
    if actor.person_id is not None and candidate.person_id == actor.person_id:
        return True
    if actor.is_staff_member and candidate_list_for_user(user).filter(pk=candidate.pk).exists():
        if intent == "change":
            raise PermissionDenied(_("Only the candidate can change their growth path."))
        return False
    raise NotFound(_("Interview not found."))


def growth_invitation_get_for_user(user: Any, invitation_id: int | str, *, intent: Intent = "view") -> Invitation:
    """The interview (invitation, with its session) whose growth path the user asks for."""
    try:
        invitation = Invitation.objects.select_related(
            "candidate__person", "template__job_profile__position", "session"
        ).get(pk=int(invitation_id))
    except (Invitation.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Interview not found.")) from None
    _authorize(user, invitation.candidate, intent)
    return invitation


def growth_item_get_for_user(user: Any, item_id: int | str, *, intent: Intent = "change") -> GrowthPathItem:
    """One action of a growth path; writes are the owner's only."""
    try:
        item = GrowthPathItem.objects.select_related("path__session__invitation__candidate", "dimension", "mentor").get(
            pk=int(item_id)
        )
    except (GrowthPathItem.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Growth path item not found.")) from None
    try:
        _authorize(user, item.path.session.invitation.candidate, intent)
    except NotFound:
        raise NotFound(_("Growth path item not found.")) from None
    return item
