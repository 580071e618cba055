"""Who may read and write the message threads: a candidate their own thread, HR every thread, nobody else."""

from __future__ import annotations

import pytest

from talentloop.accounts.models import User
from talentloop.collaboration.message_access import (
    message_person_get_for_candidate,
    message_thread_get_for_user,
    messages_check_manage,
)
from talentloop.collaboration.messages import message_send
from talentloop.core.exceptions import NotFound
from talentloop.core.models import AuditEvent

pytestmark = pytest.mark.django_db

HR_SEES = {
    "hr_admin": True,
    "hr": True,
    "sales_manager": False,  # candidate_a applied to their department, still not their conversation
    "rnd_manager": False,
    "interviewer": False,  # assigned to candidate_a
    "employee": False,
    "candidate_a": False,  # their own thread is reached in the portal, never by id
    "candidate_b": False,
}


@pytest.mark.parametrize(("persona", "sees"), sorted(HR_SEES.items()))
def test_who_opens_a_thread_in_the_console(personas: dict[str, User], persona: str, sees: bool) -> None:
    candidate_a = personas["candidate_a"]
    thread = message_send(author=candidate_a, person=candidate_a.person, side="candidate", body="问").thread
    user = personas[persona]
    views_before = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW).count()
    if sees:
        assert message_thread_get_for_user(user, thread.pk) == thread
        messages_check_manage(user)
        assert AuditEvent.objects.filter(action=AuditEvent.Action.VIEW).count() == views_before + 1
    else:
        with pytest.raises(NotFound):
            message_thread_get_for_user(user, thread.pk)
        with pytest.raises(NotFound):
            messages_check_manage(user)
        assert AuditEvent.objects.filter(action=AuditEvent.Action.VIEW).count() == views_before


def test_an_unknown_or_malformed_thread_is_not_found(hr: User) -> None:
    for thread_id in (999, "x"):
        with pytest.raises(NotFound):
            message_thread_get_for_user(hr, thread_id)


@pytest.mark.parametrize(
    ("persona", "writes"),
    [("candidate_a", True), ("candidate_b", True), ("employee", False), ("hr", False), ("sales_manager", False)],
)
def test_only_candidates_write_in_the_portal_and_only_in_their_own_thread(
    personas: dict[str, User], persona: str, writes: bool
) -> None:
    user = personas[persona]
    if writes:
        assert message_person_get_for_candidate(user) == user.person
    else:
        with pytest.raises(NotFound):
            message_person_get_for_candidate(user)


def test_an_anonymous_visitor_has_no_thread() -> None:
    with pytest.raises(NotFound):
        message_person_get_for_candidate(None)
