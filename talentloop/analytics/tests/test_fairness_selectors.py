"""The company's interviews and recorded attributes turned into exact audits (see conftest.py for the world)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from talentloop.analytics.fairness_selectors import FairnessFilters, Outcome, fairness_report_get
from talentloop.analytics.models import SensitiveCategory
from talentloop.analytics.tests.fairness_world import FEBRUARY, AuditWorld, assessed
from talentloop.assessments.models import SessionScore
from talentloop.conftest import Organisation
from talentloop.recruitment.models import Application, Opening


def category(code: str) -> SensitiveCategory:
    return SensitiveCategory.objects.get(code=code)


def table(report):
    return [
        (row.label, row.group.count, row.group.selected, row.group.selection_rate, row.group.impact_ratio)
        for row in report.rows
    ]


def flags(report):
    return [
        (row.label, row.group.flagged, row.group.small, row.group.excluded, row.group.reference) for row in report.rows
    ]


def test_ai_pass_by_sex_gives_exact_rates_and_an_exact_four_fifths_ratio_that_is_not_flagged(
    audit_world: AuditWorld, org: Organisation
):
    report = fairness_report_get(
        filters=FairnessFilters(outcome=Outcome.AI_PASS, categories=(category("sex"),), department=org.sales)
    )

    assert report.audit.total == 52
    assert (report.audit.unknown, report.audit.unknown_selected) == (32, 10)
    assert table(report) == [
        ("女", 10, 4, Fraction(2, 5), Fraction(4, 5)),
        ("男", 10, 5, Fraction(1, 2), Fraction(1)),
    ]
    assert flags(report) == [("女", False, False, False, False), ("男", False, False, False, True)]
    assert report.rows[0].impact_ratio_exact == "4/5"
    assert report.rows[0].group.share == Fraction(10, 52)
    assert (report.data_from, report.data_to) == (date(2026, 3, 10), date(2026, 3, 10))
    assert report.flagged_count == 0


def test_a_group_under_two_percent_is_reported_and_can_be_excluded(audit_world: AuditWorld, org: Organisation):
    kept = fairness_report_get(
        filters=FairnessFilters(outcome=Outcome.AI_PASS, categories=(category("age_band"),), department=org.sales)
    )
    excluded = fairness_report_get(
        filters=FairnessFilters(
            outcome=Outcome.AI_PASS, categories=(category("age_band"),), department=org.sales, exclude_small=True
        )
    )

    assert table(kept) == [
        ("25–34 岁", 19, 8, Fraction(8, 19), Fraction(8, 19)),
        ("55 岁及以上", 1, 1, Fraction(1), Fraction(1)),
    ]
    assert flags(kept) == [("25–34 岁", True, False, False, False), ("55 岁及以上", False, True, False, True)]
    assert table(excluded) == [
        ("25–34 岁", 19, 8, Fraction(8, 19), Fraction(1)),
        ("55 岁及以上", 1, 1, Fraction(1), Fraction(19, 8)),
    ]
    assert flags(excluded) == [("25–34 岁", False, False, False, True), ("55 岁及以上", False, True, True, False)]
    assert excluded.audit.unknown == 32


def test_the_intersection_of_two_categories(audit_world: AuditWorld, org: Organisation):
    report = fairness_report_get(
        filters=FairnessFilters(
            outcome=Outcome.AI_PASS, categories=(category("sex"), category("age_band")), department=org.sales
        )
    )

    assert report.category_label == "性别 × 年龄段"
    assert table(report) == [
        ("女 × 25–34 岁", 10, 4, Fraction(2, 5), Fraction(2, 5)),
        ("男 × 25–34 岁", 9, 4, Fraction(4, 9), Fraction(4, 9)),
        ("男 × 55 岁及以上", 1, 1, Fraction(1), Fraction(1)),
    ]
    assert [row.group.flagged for row in report.rows] == [True, True, False]


def test_ai_scores_use_the_scoring_rate_method_above_the_full_sample_median(audit_world: AuditWorld, org: Organisation):
    # Lift one woman's failed score to 50: above the median of 40, so she now counts as selected.
    SessionScore.objects.filter(session=audit_world.women[4]).update(overall=50.0)

    report = fairness_report_get(
        filters=FairnessFilters(outcome=Outcome.AI_SCORE, categories=(category("sex"),), department=org.sales)
    )

    assert report.audit.median == 40.0
    assert table(report) == [
        ("女", 10, 5, Fraction(1, 2), Fraction(1)),
        ("男", 10, 5, Fraction(1, 2), Fraction(1)),
    ]


def test_only_the_newest_score_version_counts(audit_world: AuditWorld, org: Organisation):
    SessionScore.objects.create(
        session=audit_world.first_woman,
        scorer_name="rubric_scorer",
        scorer_version="v2",
        overall=40.0,
        passed=False,
        threshold=60.0,
    )

    report = fairness_report_get(
        filters=FairnessFilters(outcome=Outcome.AI_PASS, categories=(category("sex"),), department=org.sales)
    )

    assert table(report)[0] == ("女", 10, 3, Fraction(3, 10), Fraction(3, 5))
    assert report.rows[0].group.flagged is True


def test_department_and_period_filters(audit_world: AuditWorld, org: Organisation):
    rnd = fairness_report_get(
        filters=FairnessFilters(outcome=Outcome.AI_PASS, categories=(category("sex"),), department=org.rnd)
    )
    february = fairness_report_get(
        filters=FairnessFilters(
            outcome=Outcome.AI_PASS,
            categories=(category("sex"),),
            date_from=date(2026, 2, 1),
            date_to=date(2026, 2, 28),
        )
    )
    everything = fairness_report_get(filters=FairnessFilters(outcome=Outcome.AI_PASS, categories=(category("sex"),)))

    assert table(rnd) == [("女", 1, 1, Fraction(1), Fraction(1)), ("男", 1, 0, Fraction(0), Fraction(0))]
    assert table(february) == table(rnd)
    assert (february.data_from, february.data_to) == (FEBRUARY.date(), FEBRUARY.date())
    assert everything.audit.total == 54
    assert (everything.data_from, everything.data_to) == (date(2026, 2, 5), date(2026, 3, 10))


def test_opening_filter_counts_only_interviews_taken_for_that_opening(audit_world: AuditWorld, org: Organisation):
    opening = Opening.objects.create(
        company=org.company, title="销售代表（上海）", position=org.sales_representative, department=org.sales_east
    )
    woman = audit_world.first_woman.invitation
    Application.objects.create(
        opening=opening,
        person=woman.candidate.person,
        candidate=woman.candidate,
        source=Application.Source.EXTERNAL,
        invitation=woman,
    )
    other_opening = Opening.objects.create(
        company=org.company, title="后端工程师", position=org.backend_engineer, department=org.rnd
    )

    report = fairness_report_get(
        filters=FairnessFilters(outcome=Outcome.AI_PASS, categories=(category("sex"),), opening=opening)
    )
    empty = fairness_report_get(
        filters=FairnessFilters(outcome=Outcome.AI_PASS, categories=(category("sex"),), opening=other_opening)
    )

    assert table(report) == [("女", 1, 1, Fraction(1), Fraction(1))]
    assert (empty.audit.total, empty.rows, empty.data_from) == (0, (), None)


def test_an_unscored_or_unsubmitted_interview_is_not_in_the_sample(audit_world: AuditWorld, org: Organisation):
    session = assessed(audit_world.sales, passed=True, sex="female", age_band="25_34")
    SessionScore.objects.filter(session=session).delete()

    report = fairness_report_get(
        filters=FairnessFilters(outcome=Outcome.AI_PASS, categories=(category("sex"),), department=org.sales)
    )

    assert report.audit.total == 52
