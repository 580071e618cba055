"""Interview analytics in the browser: HR opens the question analysis, filters by opening, and reads one question's
histograms and discrimination."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from talentloop.cli.demo import DemoAccount
from talentloop.cli.demo_history import demo_history_load
from talentloop.org.models import Company
from tests.browser.tabs import TabFactory

pytestmark = pytest.mark.browser


def test_hr_reads_the_question_analysis_of_an_opening(
    new_tab: TabFactory, demo_accounts: dict[str, DemoAccount]
) -> None:
    # given two months of demo history (the demo itself loads six)
    demo_history_load(
        company=Company.objects.get(slug="demo"), seed=7, months=2, end=timezone.make_aware(datetime(2026, 11, 1))
    )
    tab = new_tab()
    tab.sign_in("hr", demo_accounts["hr"].password)

    # when HR opens Analytics, then the question analysis, filtered by the sales opening
    tab.page.locator("nav.nav a", has_text="Analytics").click()
    expect(tab.page.locator("h1")).to_have_text("Analytics")
    expect(tab.page.locator("#analytics-funnel")).to_contain_text("applications in the filter")
    tab.page.locator("nav.tabs a", has_text="Questions").click()
    expect(tab.page.locator("h1")).to_have_text("Question analysis")
    tab.page.select_option("#filter-opening", label="销售代表 · 华东（上半年）")
    tab.page.get_by_role("button", name="Show").click()

    # then only the sales questions are listed
    rows = tab.page.locator("#question-analysis tbody tr[data-question]")
    expect(rows).to_have_count(6)
    codes = rows.evaluate_all("rows => rows.map(row => row.dataset.question)")
    assert all(code.startswith("sales-") for code in codes)

    # and one question's page shows both histograms and the discrimination in words
    rows.first.locator("a").click()
    expect(tab.page.locator("h1")).to_have_text(codes[0])
    expect(tab.page.locator("#duration-histogram svg.histogram")).to_be_visible()
    expect(tab.page.locator("#score-histogram svg.histogram")).to_be_visible()
    expect(tab.page.locator("#discrimination")).to_contain_text("have a department-interview outcome")
    expect(tab.page.locator("#discrimination .verdict")).to_be_visible()
    assert "opening=" in tab.page.url  # the filter travels with the link
    tab.assert_clean()
