"""Who may rate which answer, and who may read the AI–human agreement statistics.

Staff who may see the interview may rate its answers: HR (every interview), hiring managers (candidates of their
departments) and interviewers (candidates they are assigned to), through `interviews.access.session_list_for_user`.
A candidate, who may see their own candidate record, never rates, and nobody learns that an answer they may not
see exists (404). The agreement page is HR's: other staff get 403, everyone else 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from talentloop.core.exceptions import NotFound, PermissionDenied
from talentloop.interviews.access import session_list_for_user
from talentloop.interviews.models import Answer
from talentloop.org.access import actor_get


def answer_list_for_rating(user: Any) -> QuerySet[Answer]:
    """Answers the user may rate: staff only, and only in interviews they may see."""
    if not actor_get(user).is_staff_member:
        return Answer.objects.none()
    return Answer.objects.filter(session__in=session_list_for_user(user).values("pk"))


def answer_get_for_rating(user: Any, answer_id: int | str) -> Answer:
    """The answer, if the user may rate it; not found otherwise."""
    try:
        return answer_list_for_rating(user).select_related("session", "question").get(pk=int(answer_id))
    except (Answer.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Answer not found.")) from None


def answer_check_rate(user: Any, answer: Answer) -> None:
    """Raise not found unless the user may rate the answer (the services' own check)."""
    if not answer_list_for_rating(user).filter(pk=answer.pk).exists():
        raise NotFound(_("Answer not found."))


def agreement_check_view(user: Any) -> None:
    """HR reads the AI–human agreement statistics; other staff are refused, and non-staff are told nothing."""
    actor = actor_get(user)
    if not actor.is_staff_member:
        raise NotFound(_("Page not found."))
    if not actor.is_hr:
        raise PermissionDenied(_("Only HR can read the AI–human agreement statistics."))
