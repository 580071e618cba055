"""Building a growth path from a stored score, idempotence, rebuilds, and the candidate's progress."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from talentloop.core.exceptions import Conflict, ValidationFailed
from talentloop.feedback.errors import GrowthErrorCode
from talentloop.feedback.growth_selectors import growth_path_progress
from talentloop.feedback.models import GrowthPath, GrowthPathItem
from talentloop.feedback.services.growth import (
    growth_item_complete,
    growth_item_enrol,
    growth_item_note,
    growth_path_build,
)
from talentloop.interviews.models import Invitation
from talentloop.learning.models import Course
from talentloop.learning.services import library_item_set_active

NOW = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)


def rows(path: GrowthPath) -> list[tuple[int, str, str, str]]:
    return [
        (item.rank, item.kind, item.dimension.code, item.key_point or str(item.library_item))
        for item in path.items.select_related("dimension", "course", "project", "mentor__employee__person")
    ]


@pytest.mark.django_db
class TestGrowthPathBuild:
    def test_an_unscored_interview_is_refused_and_nothing_is_written(self, interview_of_a: Invitation) -> None:
        with pytest.raises(ValidationFailed) as raised:
            growth_path_build(session=interview_of_a.session)
        assert raised.value.code == GrowthErrorCode.NOT_SCORED
        assert GrowthPath.objects.count() == 0

    def test_the_path_ranks_gaps_tips_and_library_items(self, scored_interview_of_a: Invitation, library: Any) -> None:
        # when
        path = growth_path_build(session=scored_interview_of_a.session, now=NOW)
        # then customer-needs (100 − 62.5 = 37.5 × 3/4 = 28.125) comes before communication (50 × 1/4 = 12.5)
        assert [(g["code"], g["gap"], g["priority"]) for g in path.gaps] == [
            ("customer-needs", 37.5, 28.125),
            ("communication", 50.0, 12.5),
        ]
        assert rows(path) == [
            (1, "course", "customer-needs", "客户需求进阶"),
            (2, "project", "customer-needs", "五次客户访谈"),
            (3, "tip", "communication", "询问客户的预算和使用场景"),
            (4, "tip", "communication", "确认客户的真实需求"),
            (5, "tip", "communication", "用数据说明结果"),
            (6, "course", "communication", "结构化表达"),
            (7, "mentor", "communication", "赵静"),
        ]
        assert path.items.get(rank=1).explanation == (
            "因为你在「客户需求识别」上得了 62.5 分，而岗位要求 100 分：《客户需求进阶》，6 小时"
        )
        assert path.items.get(rank=5).explanation_en == (
            "Because you scored 0 on Communication where the role needs 50, and you missed the key point "
            "“用数据说明结果”: Quantify the result."
        )
        assert path.person == scored_interview_of_a.candidate.person

    def test_building_twice_returns_the_same_path(self, scored_interview_of_a: Invitation, library: Any) -> None:
        first = growth_path_build(session=scored_interview_of_a.session)
        ids = list(first.items.values_list("pk", flat=True))
        second = growth_path_build(session=scored_interview_of_a.session)
        assert second.pk == first.pk
        assert list(second.items.values_list("pk", flat=True)) == ids
        assert GrowthPath.objects.count() == 1

    def test_a_rebuild_keeps_progress_and_drops_deactivated_items(
        self, scored_interview_of_a: Invitation, library: Any, hr: Any
    ) -> None:
        path = growth_path_build(session=scored_interview_of_a.session)
        talk = path.items.get(course__code="talk")
        growth_item_complete(item=talk, evidence_text="学完了", now=NOW)
        library_item_set_active(actor=hr, item=Course.objects.get(code="needs-advanced"), is_active=False)
        # when
        rebuilt = growth_path_build(session=scored_interview_of_a.session, rebuild=True)
        # then
        assert [row[3] for row in rows(rebuilt)] == [
            "五次客户访谈", "询问客户的预算和使用场景", "确认客户的真实需求", "用数据说明结果", "结构化表达", "赵静",
        ]  # fmt: skip
        kept = rebuilt.items.get(course__code="talk")
        assert (kept.status, kept.evidence_text, kept.completed_at) == ("done", "学完了", NOW)


@pytest.mark.django_db
class TestGrowthItems:
    def test_enrol_then_complete_with_evidence_updates_progress(
        self, scored_interview_of_a: Invitation, library: Any
    ) -> None:
        path = growth_path_build(session=scored_interview_of_a.session)
        item = path.items.get(rank=1)
        growth_item_enrol(item=item, now=NOW)
        done = growth_item_complete(item=item, evidence_url="https://learn.example.com/cert/1", now=NOW)
        assert (done.status, done.enrolled_at, done.completed_at, done.evidence_url) == (
            "done", NOW, NOW, "https://learn.example.com/cert/1"
        )  # fmt: skip
        progress = growth_path_progress(path=GrowthPath.objects.get(pk=path.pk))
        assert (progress.done, progress.total, progress.percent) == (1, 7, 14)

    def test_a_course_cannot_be_done_without_evidence(self, scored_interview_of_a: Invitation, library: Any) -> None:
        item = growth_path_build(session=scored_interview_of_a.session).items.get(rank=1)
        with pytest.raises(ValidationFailed) as raised:
            growth_item_complete(item=item, evidence_text="  ")
        assert raised.value.code == GrowthErrorCode.EVIDENCE_REQUIRED
        item.refresh_from_db()
        assert (item.status, item.completed_at) == ("not_started", None)

    def test_a_bad_evidence_link_is_refused(self, scored_interview_of_a: Invitation, library: Any) -> None:
        item = growth_path_build(session=scored_interview_of_a.session).items.get(rank=1)
        with pytest.raises(ValidationFailed) as raised:
            growth_item_complete(item=item, evidence_url="javascript:alert(1)")
        assert raised.value.fields == {"evidence_url": ["The link must be an http or https address."]}
        item.refresh_from_db()
        assert item.status == "not_started"

    def test_a_tip_can_be_done_without_evidence(self, scored_interview_of_a: Invitation, library: Any) -> None:
        tip = growth_path_build(session=scored_interview_of_a.session).items.filter(kind="tip").first()
        assert tip is not None
        assert growth_item_complete(item=tip).status == "done"

    def test_enrolling_twice_is_a_conflict(self, scored_interview_of_a: Invitation, library: Any) -> None:
        item = growth_path_build(session=scored_interview_of_a.session).items.get(rank=1)
        growth_item_enrol(item=item, now=NOW)
        with pytest.raises(Conflict) as raised:
            growth_item_enrol(item=item)
        assert raised.value.code == GrowthErrorCode.ITEM_STATUS
        item.refresh_from_db()
        assert item.enrolled_at == NOW

    def test_a_full_mentor_cannot_take_another_mentee(self, scored_interview_of_a: Invitation, library: Any) -> None:
        path = growth_path_build(session=scored_interview_of_a.session)
        mentor_item = path.items.get(kind="mentor")
        # given the mentor's only place is taken by someone else's path
        GrowthPathItem.objects.filter(pk=mentor_item.pk).update(status="enrolled")
        copy = GrowthPathItem.objects.create(
            path=path, rank=99, kind="mentor", dimension=mentor_item.dimension, mentor=mentor_item.mentor,
            explanation="x", explanation_en="x",
        )  # fmt: skip
        with pytest.raises(Conflict) as raised:
            growth_item_enrol(item=copy)
        assert raised.value.code == GrowthErrorCode.MENTOR_FULL
        copy.refresh_from_db()
        assert copy.status == "not_started"

    def test_notes_are_kept_and_too_long_notes_refused(self, scored_interview_of_a: Invitation, library: Any) -> None:
        item = growth_path_build(session=scored_interview_of_a.session).items.get(rank=2)
        growth_item_note(item=item, note=" 周末开始 ")
        with pytest.raises(ValidationFailed):
            growth_item_note(item=item, note="长" * 2001)
        item.refresh_from_db()
        assert item.note == "周末开始"
