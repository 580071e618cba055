"""Who may read and join an interview's discussion: staff who may see the interview; never the candidate."""

from __future__ import annotations

import pytest

from talentloop.accounts.models import User
from talentloop.collaboration.access import comment_get_for_user, discussion_can_see, discussion_session_get_for_user
from talentloop.collaboration.services import comment_create
from talentloop.core.exceptions import NotFound
from talentloop.interviews.models import InterviewSession

pytestmark = pytest.mark.django_db

SEES = {
    "hr_admin": True,
    "hr": True,
    "sales_manager": True,
    "interviewer": True,
    "rnd_manager": False,
    "employee": False,
    "candidate_a": False,  # their own interview, but the discussion is the staff's
    "candidate_b": False,
}


@pytest.mark.parametrize(("persona", "sees"), sorted(SEES.items()))
def test_who_sees_the_discussion(
    scored: InterviewSession, hr: User, personas: dict[str, User], persona: str, sees: bool
) -> None:
    comment = comment_create(author=hr, session=scored, body="内部")
    user = personas[persona]
    assert discussion_can_see(user, scored) is sees
    if sees:
        assert discussion_session_get_for_user(user, scored.pk) == scored
        assert comment_get_for_user(user, comment.pk) == comment
    else:
        with pytest.raises(NotFound):
            discussion_session_get_for_user(user, scored.pk)
        with pytest.raises(NotFound):
            comment_get_for_user(user, comment.pk)


def test_unknown_or_malformed_ids_are_not_found(scored: InterviewSession, hr: User) -> None:
    for comment_id in (0, "x", None):
        with pytest.raises(NotFound):
            comment_get_for_user(hr, comment_id)  # type: ignore[arg-type]
