"""The fairness audit in the browser: the HR admin opens the page from the navigation, reads the groups and the
chart, switches the outcome to the AI score, and downloads the CSV report of what she sees."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from talentloop.cli.demo import DemoAccount
from tests.browser.tabs import TabFactory

pytestmark = pytest.mark.browser


def test_hr_admin_audits_fairness_and_downloads_the_csv(
    new_tab: TabFactory, demo_accounts: dict[str, DemoAccount]
) -> None:
    tab = new_tab()
    tab.sign_in("hradmin", demo_accounts["hradmin"].password)

    # when she opens the page from the navigation
    tab.page.locator("nav.nav a", has_text="Fairness audit").click()

    # then she sees the groups of the demo's AI interviews by sex, the unknowns, and the chart with the 4/5 line
    expect(tab.page.locator("h1")).to_have_text("Fairness audit")
    expect(tab.page.locator("#fairness-groups tbody tr")).to_have_count(2)
    expect(tab.page.locator('#fairness-groups tr[data-group="Female"] td').nth(1)).to_have_text("3")
    expect(tab.page.locator('#fairness-groups tr[data-group="Male"] td').nth(1)).to_have_text("4")
    expect(tab.page.locator("#fairness-unknown td").nth(1)).to_have_text("2")
    expect(tab.page.locator("#fairness-chart .bar")).to_have_count(2)

    # when she switches the outcome to the AI score
    tab.page.select_option("#id_outcome", label="AI overall score (scoring-rate method)")
    tab.page.get_by_role("button", name="Show").click()

    # then the facts name the method and the median
    expect(tab.page.locator("#fairness-facts")).to_contain_text("AI overall score (scoring-rate method)")
    expect(tab.page.locator("#fairness-facts")).to_contain_text("Median score (full sample)")

    # and the CSV she downloads is the same audit
    with tab.page.expect_download() as download_info:
        tab.page.locator("#download-csv").click()
    download = download_info.value
    assert download.suggested_filename.startswith("fairness-audit-ai_score-")
    lines = Path(download.path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Fairness audit"
    assert "Outcome,AI overall score (scoring-rate method)" in lines
    assert [line.split(",")[:2] for line in lines if line.startswith(("Female,", "Male,"))] == [
        ["Female", "3"],
        ["Male", "4"],
    ]
    tab.assert_clean()
