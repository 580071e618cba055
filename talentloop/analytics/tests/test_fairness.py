"""Selection rates, impact ratios and the four-fifths flag against values worked out by hand."""

from fractions import Fraction

import pytest

from talentloop.analytics.statistics.fairness import (
    FOUR_FIFTHS,
    SMALL_GROUP_SHARE,
    ScoredSubject,
    Subject,
    fairness_audit,
    scoring_rate_audit,
)


def people(count, selected, **attributes):
    """``count`` subjects with these attributes, the first ``selected`` of them selected."""
    return [Subject(attributes=dict(attributes), selected=index < selected) for index in range(count)]


def by_label(audit):
    return {group.label: group for group in audit.groups}


def test_the_rules_constants():
    assert Fraction(4, 5) == FOUR_FIFTHS
    assert Fraction(2, 100) == SMALL_GROUP_SHARE


def test_an_impact_ratio_of_exactly_four_fifths_is_not_flagged_and_079_is():
    # 男 50/100 = 1/2 (the reference); 女 40/100 = 2/5, ratio (2/5)/(1/2) = 4/5 exactly: not flagged;
    # 其他 79/200, ratio (79/200)/(1/2) = 79/100: flagged. Shares 100/400, 100/400, 200/400.
    subjects = people(100, 50, sex="男") + people(100, 40, sex="女") + people(200, 79, sex="其他")
    audit = fairness_audit(subjects, attributes=["sex"])
    groups = by_label(audit)
    assert audit.total == 400
    assert audit.reference_group == ("男",)
    assert groups["男"].selection_rate == Fraction(1, 2)
    assert groups["男"].impact_ratio == 1
    assert groups["男"].reference is True
    assert groups["女"].selection_rate == Fraction(2, 5)
    assert groups["女"].impact_ratio == Fraction(4, 5)
    assert groups["女"].flagged is False
    assert groups["其他"].impact_ratio == Fraction(79, 100)
    assert groups["其他"].flagged is True
    # Groups come in the order of their values (code points: 其 U+5176, 女 U+5973, 男 U+7537).
    assert [(g.label, g.share) for g in audit.groups] == [
        ("其他", Fraction(1, 2)),
        ("女", Fraction(1, 4)),
        ("男", Fraction(1, 4)),
    ]
    assert [g.label for g in audit.flagged_groups] == ["其他"]


def test_floating_point_would_not_decide_the_boundary():
    # 女 60/100 against 男 75/100: exactly (3/5)/(3/4) = 4/5, but in floats 0.6 / 0.75 = 0.7999999999999999,
    # which would flag it. Fractions decide.
    subjects = people(100, 60, sex="女") + people(100, 75, sex="男")
    assert (60 / 100) / (75 / 100) < 0.8  # the trap
    audit = fairness_audit(subjects, attributes=["sex"])
    assert by_label(audit)["女"].impact_ratio == Fraction(4, 5)
    assert audit.flagged_groups == ()


def test_a_group_below_two_percent_is_reported_and_can_be_excluded():
    # 男 50/100, 女 40/100, 其他 1/1. 其他 is 1/201 of the sample (< 2 %): small.
    subjects = people(100, 50, sex="男") + people(100, 40, sex="女") + people(1, 1, sex="其他")
    # Kept in: 其他's rate 1 becomes the reference, so 男 (1/2) and 女 (2/5) are both flagged.
    kept = by_label(fairness_audit(subjects, attributes=["sex"]))
    assert kept["其他"].small is True
    assert kept["其他"].share == Fraction(1, 201)
    assert kept["其他"].excluded is False
    assert kept["其他"].reference is True
    assert (kept["男"].impact_ratio, kept["男"].flagged) == (Fraction(1, 2), True)
    assert (kept["女"].impact_ratio, kept["女"].flagged) == (Fraction(2, 5), True)
    assert kept["男"].small is False
    # Excluded: still reported with its counts, but 男 is the reference and 女's 4/5 stands.
    audit = fairness_audit(subjects, attributes=["sex"], exclude_small=True)
    excluded = by_label(audit)
    assert (excluded["其他"].count, excluded["其他"].selected, excluded["其他"].excluded) == (1, 1, True)
    assert excluded["其他"].impact_ratio == 2
    assert excluded["其他"].flagged is False
    assert excluded["其他"].reference is False
    assert audit.reference_group == ("男",)
    assert (excluded["女"].impact_ratio, excluded["女"].flagged) == (Fraction(4, 5), False)
    assert audit.flagged_groups == ()


def test_exactly_two_percent_is_not_small():
    subjects = people(2, 1, sex="其他") + people(98, 49, sex="男")
    assert by_label(fairness_audit(subjects, attributes=["sex"]))["其他"].small is False


def test_unknown_values_are_counted_apart():
    # Missing key, None and blank are unknown: 3 subjects, 2 of them selected. Shares are of all 13.
    subjects = [
        *people(10, 5, sex="男"),
        Subject(attributes={}, selected=True),
        Subject(attributes={"sex": None}, selected=True),
        Subject(attributes={"sex": "  "}, selected=False),
    ]
    audit = fairness_audit(subjects, attributes=["sex"])
    assert (audit.total, audit.unknown, audit.unknown_selected) == (13, 3, 2)
    assert [(g.label, g.count, g.share) for g in audit.groups] == [("男", 10, Fraction(10, 13))]


def test_intersectional_groups():
    # 女 × 25–34: 4/10, 女 × 35–44: 2/10, 男 × 25–34: 5/10, 男 × 35–44: 5/10; one 女 without an age band is unknown.
    # The two 1/2 rates tie; the reference is the one that sorts first (男 × 25–34).
    # Ratios: (4/10)/(5/10) = 4/5 not flagged, (2/10)/(5/10) = 2/5 flagged.
    subjects = (
        people(10, 4, sex="女", age_band="25–34")
        + people(10, 2, sex="女", age_band="35–44")
        + people(10, 5, sex="男", age_band="25–34")
        + people(10, 5, sex="男", age_band="35–44")
        + [Subject(attributes={"sex": "女", "age_band": None}, selected=True)]
    )
    audit = fairness_audit(subjects, attributes=("sex", "age_band"))
    assert audit.attributes == ("sex", "age_band")
    assert (audit.total, audit.unknown, audit.unknown_selected) == (41, 1, 1)
    assert audit.reference_group == ("男", "25–34")
    assert [(g.label, g.selection_rate, g.impact_ratio, g.flagged, g.share) for g in audit.groups] == [
        ("女 × 25–34", Fraction(2, 5), Fraction(4, 5), False, Fraction(10, 41)),
        ("女 × 35–44", Fraction(1, 5), Fraction(2, 5), True, Fraction(10, 41)),
        ("男 × 25–34", Fraction(1, 2), Fraction(1), False, Fraction(10, 41)),
        ("男 × 35–44", Fraction(1, 2), Fraction(1), False, Fraction(10, 41)),
    ]


def test_nobody_selected_defines_no_ratio():
    audit = fairness_audit(people(5, 0, sex="男") + people(5, 0, sex="女"), attributes=["sex"])
    assert audit.reference_group is None
    assert [(g.impact_ratio, g.flagged, g.reference) for g in audit.groups] == [(None, False, False)] * 2


def test_an_audit_needs_an_attribute():
    with pytest.raises(ValueError, match="at least one attribute"):
        fairness_audit(people(1, 1, sex="男"), attributes=[])


def test_scoring_rate_method_uses_the_full_sample_median():
    # A: 40, 50, 60, 90; B: 55, 65, 75, 85; unknown: 100. All nine sorted: 40 50 55 60 65 75 85 90 100, median 65.
    # Strictly above 65: A has 90 → 1/4; B has 75, 85 (65 itself is not above) → 1/2; the unknown 100 → selected.
    # A's ratio (1/4)/(1/2) = 1/2: flagged.
    subjects = [ScoredSubject(attributes={"group": "A"}, score=score) for score in (40, 50, 60, 90)]
    subjects += [ScoredSubject(attributes={"group": "B"}, score=score) for score in (55, 65, 75, 85)]
    subjects += [ScoredSubject(attributes={}, score=100)]
    audit = scoring_rate_audit(subjects, attributes=["group"])
    assert audit.median == 65.0
    assert (audit.total, audit.unknown, audit.unknown_selected) == (9, 1, 1)
    groups = by_label(audit)
    assert (groups["A"].selected, groups["A"].selection_rate) == (1, Fraction(1, 4))
    assert (groups["B"].selected, groups["B"].selection_rate) == (2, Fraction(1, 2))
    assert (groups["A"].impact_ratio, groups["A"].flagged) == (Fraction(1, 2), True)
    assert audit.reference_group == ("B",)


def test_scoring_rate_with_an_even_sample_takes_the_middle_mean():
    # 1, 2, 3, 4: median 2.5; 3 and 4 are above. X (1, 3) → 1/2, Y (2, 4) → 1/2: ratio 1.
    subjects = [ScoredSubject(attributes={"g": g}, score=s) for g, s in (("X", 1), ("Y", 2), ("X", 3), ("Y", 4))]
    audit = scoring_rate_audit(subjects, attributes=["g"])
    assert audit.median == 2.5
    assert [g.impact_ratio for g in audit.groups] == [1, 1]


def test_scoring_rate_of_nobody():
    audit = scoring_rate_audit([], attributes=["sex"])
    assert (audit.total, audit.groups, audit.median) == (0, (), None)
