"""The growth-path ranking on hand-made gaps: exact orders, ties, zero weights, no gap, no library items."""

from __future__ import annotations

from talentloop.feedback.growth_ranking import (
    DimensionResult,
    LibraryOption,
    Limits,
    Tip,
    gaps_rank,
    growth_plan,
    number_text,
)


def dim(code: str, score: float, weight: float, level: int, name: str = "") -> DimensionResult:
    return DimensionResult(code=code, name=name or code, name_en=code.title(), score=score, weight=weight,
                           required_level=level)  # fmt: skip


def course(item_id: int, code: str, level_from: int, level_to: int, hours: float, title: str = "") -> LibraryOption:
    return LibraryOption("course", item_id, code, level_from, level_to, title or f"c{item_id}", f"C{item_id}", hours)


class TestGaps:
    def test_gaps_are_ranked_by_gap_times_weight_share(self) -> None:
        # given level 4 needs 75 and level 5 needs 100
        dimensions = [dim("a", 65, 1, 4), dim("b", 65, 3, 4), dim("c", 90, 2, 5), dim("d", 100, 5, 4)]
        # when
        gaps = gaps_rank(dimensions)
        # then b: 10 × 3/11, c: 10 × 2/11, a: 10 × 1/11; d has no gap
        assert [(g.code, g.gap, g.priority) for g in gaps] == [("b", 10, 2.7273), ("c", 10, 1.8182), ("a", 10, 0.9091)]
        assert [(g.current_level, g.required_level, g.required_score) for g in gaps] == [
            (3, 4, 75.0), (4, 5, 100.0), (3, 4, 75.0)
        ]  # fmt: skip

    def test_a_bigger_gap_with_a_smaller_weight_can_come_first(self) -> None:
        gaps = gaps_rank([dim("small-gap", 70, 3, 4), dim("big-gap", 35, 1, 4)])
        # 5 × 0.75 = 3.75 against 40 × 0.25 = 10
        assert [(g.code, g.priority) for g in gaps] == [("big-gap", 10.0), ("small-gap", 3.75)]

    def test_equal_priorities_are_broken_by_gap_then_weight_then_code(self) -> None:
        # given x: 20 × 1/7, and y, z, w: 10 × 2/7
        gaps = gaps_rank([dim("y", 65, 2, 4), dim("x", 55, 1, 4), dim("z", 65, 2, 4), dim("w", 90, 2, 5)])
        # then all four tie on priority; x has the largest gap, then y, w, z tie on gap and weight → by code
        assert {g.priority for g in gaps} == {2.8571}
        assert [g.code for g in gaps] == ["x", "w", "y", "z"]

    def test_zero_weight_dimensions_and_met_levels_give_no_gap(self) -> None:
        gaps = gaps_rank([dim("delivery", 20, 0, 5), dim("met", 75, 1, 4), dim("above", 100, 1, 5)])
        assert gaps == []

    def test_no_dimensions_at_all(self) -> None:
        assert gaps_rank([]) == []
        assert growth_plan([], [], []) == ([], [])


class TestActions:
    def test_tips_then_courses_projects_mentors_per_gap_in_gap_order(self) -> None:
        # given
        dimensions = [dim("a", 45, 1, 4, "甲"), dim("b", 65, 3, 4, "乙")]
        tips = [
            Tip("a", "partial", 10, "要点2", "提示2", question_order=1, key_point_order=2),
            Tip("a", "miss", 5, "要点1", "提示1", question_order=2, key_point_order=1),
            Tip("a", "hit", 0, "命中", "不该出现"),
            Tip("b", "miss", 20, "要点3", "提示3"),
        ]
        options = [
            course(1, "a", 1, 3, 5),  # reaches 3, not the required 4
            course(2, "a", 2, 4, 8),  # reaches 4 → before course 1
            course(3, "a", 3, 5, 1),  # starts above the candidate's level 2 → not offered
            LibraryOption("project", 7, "b", 3, 4, "项目", "Project", 12),
            LibraryOption("mentor", 9, "b", 1, 5, "王敏", "Wang Min"),
            course(4, "b", 1, 5, 2),
        ]
        # when
        gaps, actions = growth_plan(dimensions, tips, options)
        # then a (30 × 1/4) and b (10 × 3/4) tie at 7.5; a has the larger gap, so it comes first
        assert [g.code for g in gaps] == ["a", "b"]
        assert [(a.rank, a.kind, a.gap.code, a.item_id, a.tip.key_point if a.tip else None) for a in actions] == [
            (1, "tip", "a", None, "要点1"),
            (2, "tip", "a", None, "要点2"),
            (3, "course", "a", 2, None),
            (4, "course", "a", 1, None),
            (5, "tip", "b", None, "要点3"),
            (6, "course", "b", 4, None),
            (7, "project", "b", 7, None),
            (8, "mentor", "b", 9, None),
        ]

    def test_explanations_name_the_score_the_requirement_and_the_item(self) -> None:
        dimensions = [DimensionResult("problem-solving", "问题解决", 40, 1, 4, name_en="Problem solving")]
        options = [course(1, "problem-solving", 1, 4, 3, title="结构化思维训练")]
        _gaps, actions = growth_plan(dimensions, [], options)
        assert (
            actions[0].explanation == "因为你在「问题解决」上得了 40 分，而岗位要求 75 分：《结构化思维训练》，3 小时"
        )
        assert (
            actions[0].explanation_en == "Because you scored 40 on Problem solving where the role needs 75: “C1”, 3 h"
        )

    def test_an_item_fitting_two_gaps_is_recommended_once_and_full_mentors_are_skipped(self) -> None:
        dimensions = [dim("a", 25, 1, 4), dim("b", 65, 1, 4)]
        options = [
            course(1, "a", 1, 4, 2),
            course(1, "b", 1, 4, 2),
            LibraryOption("mentor", 5, "b", 1, 5, "满", available=False),
            LibraryOption("mentor", 6, "b", 1, 5, "空", available=True),
        ]
        _gaps, actions = growth_plan(dimensions, [], options)
        assert [(a.kind, a.gap.code, a.item_id) for a in actions] == [("course", "a", 1), ("mentor", "b", 6)]

    def test_limits_and_ties_among_items(self) -> None:
        dimensions = [dim("a", 45, 1, 4)]
        options = [course(n, "a", 1, 4, 2, title="同名") for n in (4, 2, 3, 1)]
        _gaps, actions = growth_plan(dimensions, [], options, Limits(courses=2))
        assert [a.item_id for a in actions] == [1, 2]

    def test_a_gap_without_library_items_or_tips_keeps_its_gap_and_no_actions(self) -> None:
        gaps, actions = growth_plan([dim("a", 45, 1, 4)], [], [course(1, "other", 1, 5, 1)])
        assert [(g.code, g.gap) for g in gaps] == [("a", 30.0)]
        assert actions == []

    def test_the_same_tip_text_counts_once(self) -> None:
        tips = [
            Tip("a", "miss", 5, "要点", "同一提示", question_order=1),
            Tip("a", "miss", 5, "要点", "同一提示", question_order=2),
        ]
        _gaps, actions = growth_plan([dim("a", 0, 1, 3)], tips, [])
        assert len(actions) == 1
        assert actions[0].explanation == "因为你在「a」上得了 0 分，而岗位要求 50 分，并且遗漏了要点「要点」：同一提示"


def test_number_text() -> None:
    assert [number_text(v) for v in (3.0, 62.5, 62.46, 0)] == ["3", "62.5", "62.5", "0"]
