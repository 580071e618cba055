"""Who may read and write the discussion on an interview: staff who may see the interview (the console's rule,
``interviews.access.session_list_for_user``). Candidates never see it, not even on their own interview."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from talentloop.collaboration.models import Comment, HrTask, ResultShare
from talentloop.core.exceptions import NotFound
from talentloop.interviews.access import session_get_for_user, session_list_for_user
from talentloop.interviews.models import InterviewSession
from talentloop.org.access import actor_get


def discussion_session_get_for_user(user: Any, session_id: int | str) -> InterviewSession:
    """The interview whose discussion ``user`` may read and join, or not found."""
    if not actor_get(user).is_staff_member:
        raise NotFound(_("Interview not found."))
    return session_get_for_user(user, session_id)


def discussion_can_see(user: Any, session: InterviewSession) -> bool:
    """Whether ``user`` (anyone, e.g. a colleague being mentioned) may see ``session`` and its discussion."""
    return actor_get(user).is_staff_member and session_list_for_user(user).filter(pk=session.pk).exists()


def comment_get_for_user(user: Any, comment_id: int | str) -> Comment:
    """A comment on an interview ``user`` may see, or not found."""
    if not actor_get(user).is_staff_member:
        raise NotFound(_("Comment not found."))
    try:
        return Comment.objects.select_related("session", "parent", "author").get(
            pk=int(comment_id), session__in=session_list_for_user(user).values("pk")
        )
    except (Comment.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Comment not found.")) from None


def result_share_get_for_user(user: Any, share_id: int | str) -> ResultShare:
    """A shared result ``user`` may read — HR any, a manager the ones addressed to them — or not found."""
    from talentloop.collaboration.selectors import result_share_list

    try:
        return result_share_list(user=user).get(pk=int(share_id))
    except (ResultShare.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Shared result not found.")) from None


def hr_tasks_check_view(user: Any) -> None:
    """HR's task list is HR's: anyone else is told there is nothing here."""
    if not actor_get(user).is_hr:
        raise NotFound(_("Page not found."))


def hr_task_get_for_user(user: Any, task_id: int | str) -> HrTask:
    hr_tasks_check_view(user)
    try:
        return HrTask.objects.select_related(
            "session__invitation__candidate__person",
            "session__invitation__template__job_profile__position",
            "share__manager",
            "invitation",
        ).get(pk=int(task_id))
    except (HrTask.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Task not found.")) from None
