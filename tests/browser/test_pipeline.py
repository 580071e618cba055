"""HR works an opening's board: drags an application from the AI interview to the department interview, moves
another with the no-JavaScript "Move to" select, rejects a third with a reason through the bulk action, and opens
the application page with its history."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, expect

from talentloop.cli.demo import DemoAccount
from talentloop.recruitment.models import Application, Opening
from tests.browser.tabs import TabFactory

pytestmark = pytest.mark.browser


def test_hr_moves_and_rejects_applications_on_the_board(
    new_tab: TabFactory, demo_accounts: dict[str, DemoAccount]
) -> None:
    # given HR on the Sales opening's page, which links its board
    opening = Opening.objects.get(title__contains="华南拓展")
    at_ai = Application.objects.get(opening=opening, stage__kind="ai_interview", status="active")
    at_background = Application.objects.get(opening=opening, stage__kind="background_check")
    in_round = Application.objects.filter(opening=opening, stage__kind="human_interview", status="active").first()
    assert in_round is not None
    tab = new_tab()
    tab.sign_in("hr", demo_accounts["hr"].password)
    tab.goto(f"/console/openings/{opening.pk}/")
    with tab.page.expect_navigation():
        tab.page.locator("main a", has_text="Board").click()
    assert tab.path == f"/console/openings/{opening.pk}/board/"
    page = tab.page

    def column(name: str) -> Locator:
        return page.locator(".board-column", has=page.locator("h2", has_text=name))

    def card(application: Application) -> Locator:
        return page.locator(f'.board-card[data-application="{application.pk}"]')

    expect(column("AI interview")).to_contain_text(at_ai.person.full_name)

    # when HR drags the AI interview card onto the department interview column
    card(at_ai).drag_to(column("Department interview"))

    # then the board comes back with the card in its new column, and the move is stored
    expect(column("Department interview")).to_contain_text(at_ai.person.full_name)
    expect(column("AI interview")).not_to_contain_text(at_ai.person.full_name)
    at_ai.refresh_from_db()
    assert at_ai.stage is not None and at_ai.stage.kind == "human_interview"

    # when HR moves the background-check card to Offer with its select (what works without JavaScript)
    card(at_background).locator("select").select_option(label="Offer")
    with page.expect_navigation():
        card(at_background).locator("button", has_text="Move").click()
    expect(column("Offer")).to_contain_text(at_background.person.full_name)

    # when HR selects a card in the department interview and rejects it with a reason
    card(in_round).locator('input[type="checkbox"]').check()
    page.locator(".reject-dialog summary").click()
    page.select_option("#bulk-reason", "skills_gap")
    page.fill(".reject-dialog textarea", "系统设计深度不足")
    with page.expect_navigation():
        page.locator(".reject-dialog button", has_text="Reject selected").click()

    # then it leaves the board for the rejected list, with its reason
    expect(page.locator("#closed")).to_contain_text(in_round.person.full_name)
    expect(page.locator("#closed")).to_contain_text("Skills do not match the role yet")
    in_round.refresh_from_db()
    assert (in_round.status, in_round.rejection_reason) == ("rejected", "skills_gap")

    # and the moved application's page shows its history, newest move last
    with page.expect_navigation():
        column("Department interview").locator("a", has_text=at_ai.person.full_name).click()
    rows = page.locator("#history tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Entered AI interview")
    expect(rows.nth(1)).to_contain_text("AI interview → Department interview")
    expect(rows.nth(1)).to_contain_text("李娜")
    tab.assert_clean()
