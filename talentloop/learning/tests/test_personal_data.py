"""learning's part of "my data": a mentor profile is exported exactly and, erased, leaves the library unpublished and
without the introduction; nobody else's profile moves."""

from __future__ import annotations

from typing import Any

import pytest

from talentloop.accounts.models import User
from talentloop.core.models import AuditEvent
from talentloop.core.personal_data import Subject
from talentloop.learning.models import Mentor
from talentloop.learning.personal_data import LearningPart
from talentloop.learning.services import mentor_opt_in

pytestmark = pytest.mark.django_db

PART = LearningPart()


def subject_of(user: User) -> Subject:
    return Subject(person_id=user.person.pk, user_id=user.pk)


@pytest.fixture
def mentors(dimensions: Any, employee: User, sales_manager: User) -> dict[str, Mentor]:
    return {
        username: mentor_opt_in(
            actor=user,
            employee=user.person.employee,
            dimension_codes=["communication"],
            capacity=2,
            introduction=f"{user.person.full_name}：十年销售经验",
        )
        for username, user in (("employee", employee), ("sales_manager", sales_manager))
    }


def test_export_holds_the_persons_mentor_profile(mentors: dict[str, Mentor], employee: User) -> None:
    mentor = mentors["employee"]

    data = PART.export(subject_of(employee))

    assert data == {
        "mentor": {
            "published": True,
            "capacity": 2,
            "introduction": "赵静：十年销售经验",
            "coaches": [{"dimension": "沟通能力", "from_level": 1, "to_level": 5}],
            "recorded_at": mentor.created_at,
            "updated_at": Mentor.objects.get(pk=mentor.pk).updated_at,
        }
    }
    assert list(PART.records(subject_of(employee))) == [("learning.mentor", str(mentor.pk))]


def test_a_person_who_is_no_mentor_has_nothing(mentors: dict[str, Mentor], candidate_a: User) -> None:
    assert PART.export(subject_of(candidate_a)) == {}
    assert list(PART.records(subject_of(candidate_a))) == []
    assert PART.erase(subject_of(candidate_a)) == {}


def test_erase_unpublishes_and_clears_the_introduction_only(
    mentors: dict[str, Mentor], employee: User, sales_manager: User
) -> None:
    # when the mentor's part is erased
    done = PART.erase(subject_of(employee))

    # then their profile is off the library and says nothing about them; capacity and dimensions stay
    assert done == {"mentor_profiles_erased": 1}
    mentor = Mentor.objects.get(pk=mentors["employee"].pk)
    assert (mentor.is_active, mentor.introduction, mentor.capacity) == (False, "", 2)
    assert list(mentor.targets.values_list("dimension__code", "level_from", "level_to")) == [("communication", 1, 5)]

    # and it is audited without their name
    event = AuditEvent.objects.get(object_type="learning.mentor", object_id=str(mentor.pk), actor=None)
    assert (event.action, event.object_label) == ("update", f"#{mentor.pk}")
    assert event.changes == {"reason": "erasure_request", "is_active": [True, False], "introduction_cleared": True}

    # and the other mentor is untouched, and a second erase finds nothing
    other = Mentor.objects.get(pk=mentors["sales_manager"].pk)
    assert (other.is_active, other.introduction) == (True, "张伟：十年销售经验")
    assert PART.erase(subject_of(employee)) == {}
