"""feedback's "Re-applications" part of My data: export, records and erasure of the person's own rows only."""

from __future__ import annotations

from datetime import timedelta

from talentloop.accounts.models import User
from talentloop.core.personal_data import Subject, personal_data_parts
from talentloop.feedback.models import Reapplication
from talentloop.feedback.personal_data import ReapplicationsPart
from talentloop.feedback.services.reapplications import reapplication_create
from talentloop.feedback.tests.reapplications.conftest import SUBMITTED
from talentloop.interviews.models import InterviewSession


def test_the_part_is_registered_on_floor_five() -> None:
    parts = {part.key: part for part in personal_data_parts()}
    assert isinstance(parts["reapplications"], ReapplicationsPart)
    assert parts["reapplications"].floor == 5


def test_export_records_and_erase(candidate_a: User, candidate_b: User, failed: InterviewSession) -> None:
    reapplication = reapplication_create(actor=candidate_a, session=failed, now=SUBMITTED + timedelta(days=90))
    part = ReapplicationsPart()
    mine = Subject(person_id=candidate_a.person.pk, user_id=candidate_a.pk)
    # export
    (row,) = part.export(mine)["reapplications"]
    assert (row["position"], row["reapplied_because"], row["weak_dimensions"], row["questions"]) == (
        "销售代表",
        "cooldown_over",
        ["customer-needs", "communication"],
        ["q1", "q2", "q3"],
    )
    assert row["reapplied_at"] == SUBMITTED + timedelta(days=90)
    assert list(part.records(mine)) == [("feedback.reapplication", str(reapplication.pk))]
    # nobody else's
    others = Subject(person_id=candidate_b.person.pk, user_id=candidate_b.pk)
    assert part.export(others) == {"reapplications": []}
    assert part.erase(others) == {}
    # erase
    assert part.erase(mine) == {"reapplications": 1}
    assert part.erase(mine) == {}
    assert Reapplication.objects.get().weak_dimensions == []
