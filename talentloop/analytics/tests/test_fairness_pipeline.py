"""The pipeline outcomes: "moved beyond a stage" and "reached the offer stage", read from the applications' stage
history as the recruitment services write it.

One opening with the default stages (screening → AI interview → department interview → background check → offer →
hired). Five women and five men apply (all enter at the AI interview):

| who    | path                                                         | beyond dept. interview | offer   |
|--------|--------------------------------------------------------------|------------------------|---------|
| woman1 | → dept. interview → background check → offer                 | yes                    | yes     |
| woman2 | → dept. interview → background check, rejected there         | yes                    | no      |
| woman3 | → dept. interview, rejected there                            | no                     | no      |
| woman4 | → dept. interview, rejected there                            | no                     | no      |
| woman5 | → dept. interview (still there)                              | (undecided)            | (open)  |
| man1   | → dept. interview → background check → offer → hired         | yes                    | yes     |
| man2   | → dept. interview → background check → offer                 | yes                    | yes     |
| man3   | → dept. interview → background check (still there)           | yes                    | (open)  |
| man4   | → dept. interview, rejected there                            | no                     | no      |
| man5   | rejected at the AI interview                                 | (never reached)        | no      |
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from django.utils import timezone, translation

from talentloop.accounts.models import User
from talentloop.analytics.fairness_selectors import FairnessFilters, Outcome, fairness_report_get
from talentloop.analytics.models import SensitiveCategory
from talentloop.analytics.tests.fairness_world import attribute_set
from talentloop.conftest import Organisation
from talentloop.org.tests.factories import CandidateFactory
from talentloop.recruitment.models import DEFAULT_STAGES, Application, Opening, PipelineStage, StageMove
from talentloop.recruitment.services import application_hire, application_move, application_reject

pytestmark = pytest.mark.usefixtures("sensitive_categories")

PATHS = {
    "female": [
        ["human_interview", "background_check", "offer"],
        ["human_interview", "background_check", "reject"],
        ["human_interview", "reject"],
        ["human_interview", "reject"],
        ["human_interview"],
    ],
    "male": [
        ["human_interview", "background_check", "offer", "hire"],
        ["human_interview", "background_check", "offer"],
        ["human_interview", "background_check"],
        ["human_interview", "reject"],
        ["reject"],
    ],
}


@pytest.fixture
def pipeline(org: Organisation, hr_admin: User) -> Opening:
    opening = Opening.objects.create(
        company=org.company,
        title="销售代表",
        position=org.sales_representative,
        department=org.sales_east,
        status=Opening.Status.OPEN,
    )
    stages = {
        kind: PipelineStage.objects.create(opening=opening, name=name, name_en=name_en, kind=kind, position=position)
        for position, (name, name_en, kind) in enumerate(DEFAULT_STAGES, start=1)
    }
    for sex, paths in PATHS.items():
        for path in paths:
            candidate = CandidateFactory.create(applied_position=org.sales_representative)
            attribute_set(candidate, "sex", sex)
            application = Application.objects.create(
                opening=opening,
                person=candidate.person,
                candidate=candidate,
                source=Application.Source.EXTERNAL,
                stage=stages["ai_interview"],
                stage_entered_at=timezone.now(),
            )
            StageMove.objects.create(
                application=application,
                to_stage=stages["ai_interview"],
                from_status="active",
                to_status="active",
                moved_at=timezone.now(),
            )
            for step in path:
                if step == "reject":
                    application_reject(actor=hr_admin, application=application, reason="skills_gap")
                elif step == "hire":
                    application_hire(actor=hr_admin, application=application)
                else:
                    application_move(actor=hr_admin, application=application, to_stage=stages[step])
    return opening


def sex() -> tuple[SensitiveCategory, ...]:
    return (SensitiveCategory.objects.get(code="sex"),)


def table(report):
    return [
        (row.label, row.group.count, row.group.selected, row.group.impact_ratio, row.group.flagged)
        for row in report.rows
    ]


def test_moved_beyond_the_department_interview(pipeline: Opening):
    with translation.override("en"):
        report = fairness_report_get(
            filters=FairnessFilters(outcome=Outcome.ADVANCE, categories=sex(), stage_kind="human_interview")
        )

    assert table(report) == [("Female", 4, 2, Fraction(2, 3), True), ("Male", 4, 3, Fraction(1), False)]
    assert report.audit.total == 8
    assert report.outcome_label == "Moved beyond a stage: Human interview"
    assert report.data_from == report.data_to == timezone.localdate()


def test_moved_beyond_the_ai_interview_and_the_background_check(pipeline: Opening):
    ai = fairness_report_get(
        filters=FairnessFilters(outcome=Outcome.ADVANCE, categories=sex(), stage_kind="ai_interview")
    )
    background = fairness_report_get(
        filters=FairnessFilters(outcome=Outcome.ADVANCE, categories=sex(), stage_kind="background_check")
    )

    # the men's 4/5 against the women's 5/5 is exactly four fifths: not flagged
    assert table(ai) == [("女", 5, 5, Fraction(1), False), ("男", 5, 4, Fraction(4, 5), False)]
    assert table(background) == [("女", 2, 1, Fraction(1, 2), True), ("男", 2, 2, Fraction(1), False)]


def test_reached_the_offer_stage(pipeline: Opening):
    with translation.override("en"):
        report = fairness_report_get(filters=FairnessFilters(outcome=Outcome.OFFER, categories=sex()))

    assert table(report) == [("Female", 4, 1, Fraction(1, 2), True), ("Male", 4, 2, Fraction(1), False)]
    assert report.outcome_label == "Reached the offer stage"


def test_pipeline_filters_use_the_opening_its_department_and_the_day_applied(pipeline: Opening, org: Organisation):
    today = timezone.localdate()

    def total(**filters) -> int:
        report = fairness_report_get(filters=FairnessFilters(outcome=Outcome.OFFER, categories=sex(), **filters))
        return report.audit.total

    assert total(opening=pipeline) == 8
    assert total(department=org.sales) == 8
    assert total(department=org.rnd) == 0
    assert total(date_from=today, date_to=today) == 8
    assert total(date_to=date(2020, 1, 1)) == 0
