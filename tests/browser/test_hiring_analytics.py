"""Issue 7's walk through in one sitting: the HR admin moves an application through the stages of an opening's board
(with the select that works without JavaScript), then opens the question analysis and the fairness audit from the
navigation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, expect

from talentloop.cli.demo import DemoAccount
from talentloop.recruitment.models import Application, Opening
from tests.browser.tabs import TabFactory

pytestmark = pytest.mark.browser


def test_hr_admin_moves_an_application_through_stages_then_opens_question_analysis_and_fairness(
    new_tab: TabFactory, demo_accounts: dict[str, DemoAccount]
) -> None:
    # given the HR admin on the board of the Sales opening, with an applicant waiting at the AI interview
    opening = Opening.objects.get(title__contains="华南拓展")
    applicant = Application.objects.filter(opening=opening, stage__kind="ai_interview", status="active").first()
    assert applicant is not None
    tab = new_tab()
    tab.sign_in("hradmin", demo_accounts["hradmin"].password)
    tab.goto(f"/console/openings/{opening.pk}/board/")
    page = tab.page

    def column(name: str) -> Locator:
        return page.locator(".board-column", has=page.locator("h2", has_text=name))

    def move_to(stage: str) -> None:
        card = page.locator(f'.board-card[data-application="{applicant.pk}"]')
        card.locator("select").select_option(label=stage)
        with page.expect_navigation():
            card.locator("button", has_text="Move").click()
        expect(column(stage)).to_contain_text(applicant.person.full_name)

    # when she moves the application on, stage by stage, to the offer
    for stage in ("Department interview", "Background check", "Offer"):
        move_to(stage)

    # then its history holds every step, in order
    applicant.refresh_from_db()
    assert applicant.stage is not None and applicant.stage.kind == "offer"
    assert [
        (move.from_stage.kind if move.from_stage else None, move.to_stage.kind if move.to_stage else None)
        for move in applicant.moves.order_by("moved_at", "pk")
    ][-3:] == [
        ("ai_interview", "human_interview"),
        ("human_interview", "background_check"),
        ("background_check", "offer"),
    ]

    # when she opens the question analysis from the navigation
    page.locator("nav.nav a", has_text="Analytics").click()
    page.locator("nav.tabs a", has_text="Questions").click()

    # then it lists the questions asked in the demo's interviews
    expect(page.locator("h1")).to_have_text("Question analysis")
    expect(page.locator("#question-analysis tbody tr[data-question]").first).to_be_visible()

    # and when she opens the fairness audit, it shows the groups and the chart
    page.locator("nav.nav a", has_text="Fairness audit").click()
    expect(page.locator("h1")).to_have_text("Fairness audit")
    expect(page.locator("#fairness-groups tbody tr")).to_have_count(2)
    expect(page.locator("#fairness-chart .bar")).to_have_count(2)
    tab.assert_clean()
