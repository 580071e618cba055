"""Coming back stronger in the browser: candidate3 (not passed) reads her "Re-apply" panel on a phone, and HR
reads the re-application funnel."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from talentloop.accounts.models import User
from talentloop.cli.demo import DemoAccount
from tests.browser.tabs import PHONE, TabFactory
from tests.browser.test_phone import assert_fits_the_screen

pytestmark = pytest.mark.browser


def test_candidate3_reads_when_she_can_reapply_on_a_phone(
    new_tab: TabFactory, demo_accounts: dict[str, DemoAccount]
) -> None:
    invitation = User.objects.get(username="candidate3").person.candidate.invitations.get()
    tab = new_tab(**PHONE)
    tab.sign_in("candidate3", demo_accounts["candidate3"].password)
    tab.goto(f"/portal/interviews/{invitation.pk}/growth/")
    panel = tab.page.locator("#reapply")
    expect(panel).to_contain_text("cool-down period of 30 days")
    expect(panel).to_contain_text("(1 of")
    expect(tab.page.locator("#reapply-start")).to_have_count(0)
    assert_fits_the_screen(tab)
    tab.assert_clean()


def test_hr_reads_the_funnel(new_tab: TabFactory, demo_accounts: dict[str, DemoAccount]) -> None:
    tab = new_tab()
    tab.sign_in("hr", demo_accounts["hr"].password)
    tab.page.locator("nav.nav a", has_text="Re-applications").click()
    expect(tab.page.locator("h1")).to_have_text("Re-applications")
    tab.page.select_option("#job-profile", label="销售代表")
    tab.page.get_by_role("button", name="Show").click()
    expect(tab.page.locator('[data-stage="failed"] strong')).to_have_text("2")  # 高鹏 and 罗丹丹
    expect(tab.page.locator('[data-stage="started_path"] strong')).to_have_text("1")
    expect(tab.page.locator('[data-stage="reapplied"] strong')).to_have_text("0")
    tab.assert_clean()
