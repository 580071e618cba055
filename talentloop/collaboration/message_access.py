"""Who may read and write the candidate ↔ HR message threads.

A candidate reads and writes only their own thread (the portal never takes a thread id from them). HR and HR admins
read every thread and reply. Nobody else learns a thread exists: hiring managers, interviewers, employees and other
candidates get *not found* (404) for the console pages, the thread pages and the API alike.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from talentloop.collaboration.models import MessageThread
from talentloop.core.exceptions import NotFound
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.org.access import actor_get
from talentloop.org.models import Person, Role


def message_person_get_for_candidate(user: Any) -> Person:
    """The signed-in candidate's own person record (whose thread they write in), or not found for anyone who is not
    a candidate."""
    actor = actor_get(user)
    if actor.person_id is None or not actor.has(Role.CANDIDATE):
        raise NotFound(_("Page not found."))
    return Person.objects.select_related("user").get(pk=actor.person_id)


def message_thread_for_candidate(person: Person) -> MessageThread | None:
    """The candidate's thread, or None before their first message."""
    return MessageThread.objects.filter(person=person).first()


def messages_check_manage(user: Any) -> None:
    """The console's inbox and statistics: HR only; everyone else not found."""
    if not actor_get(user).is_hr:
        raise NotFound(_("Page not found."))


def message_thread_get_for_user(
    user: Any, thread_id: int | str, *, request: HttpRequest | None = None
) -> MessageThread:
    """A thread HR may read and answer (each opening is audited), or not found for everyone else."""
    if not actor_get(user).is_hr:
        raise NotFound(_("Message thread not found."))
    try:
        thread = MessageThread.objects.select_related("person__user", "person__candidate__applied_position").get(
            pk=int(thread_id)
        )
    except (MessageThread.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Message thread not found.")) from None
    audit_record(actor=user, action=AuditEvent.Action.VIEW, target=thread, request=request)
    return thread
