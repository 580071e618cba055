"""An employee applies to an internal opening, reaches the same AI interview, and the opening's hiring manager
sees the application; another employee gets the 404 page for it."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from talentloop.cli.demo import DemoAccount
from talentloop.recruitment.models import Application
from tests.browser.tabs import TabFactory

pytestmark = pytest.mark.browser

MOTIVATION = "我在华东做了三年销售代表，熟悉客户开发，想去华南开拓新市场。"


def test_employee1_applies_internally_and_the_hiring_manager_sees_it(
    new_tab: TabFactory, demo_accounts: dict[str, DemoAccount]
) -> None:
    # given employee1 on the portal home, which links her record and the internal opportunities
    tab = new_tab()
    tab.sign_in("employee1", demo_accounts["employee1"].password)
    assert tab.path == "/portal/"
    with tab.page.expect_navigation():
        tab.page.locator("main a", has_text="My employee record").click()
    expect(tab.page.locator("#employee-record")).to_contain_text("E0102")
    expect(tab.page.locator("#employee-record")).to_contain_text("张伟")

    # when she opens the internal opening and applies with a motivation (an empty one is refused first)
    with tab.page.expect_navigation():
        tab.page.locator("nav.nav a", has_text="Internal opportunities").click()
    with tab.page.expect_navigation():
        tab.page.locator("#openings a", has_text="华南拓展").click()
    with tab.page.expect_navigation():
        tab.page.locator("#apply button[type=submit]").click()
    expect(tab.page.locator("#apply .error")).to_have_count(1)
    tab.page.fill("#apply textarea", MOTIVATION)
    with tab.page.expect_navigation():
        tab.page.locator("#apply button[type=submit]").click()

    # then her application shows the AI interview, which opens on the consent notice like any candidate's
    application = Application.objects.get(person__user__username="employee1")
    assert tab.path == f"/portal/applications/{application.pk}/"
    expect(tab.page.locator("main")).to_contain_text(MOTIVATION)
    href = tab.page.locator("#interview a", has_text="Open the interview").get_attribute("href")
    assert href is not None
    # the link carries TALENTLOOP_BASE_URL; the live server listens elsewhere
    response = tab.goto(urlsplit(href).path)
    assert response.status == 200
    assert tab.path.startswith("/i/")
    expect(tab.page.locator("main")).to_contain_text("Hello 赵静")
    expect(tab.page.locator("main")).to_contain_text("I have read this notice and agree to take the interview.")
    tab.assert_clean(allowed=("status of 400",))

    # and the hiring manager of Sales sees the application on the opening's page
    manager = new_tab()
    manager.sign_in("sales.manager", demo_accounts["sales.manager"].password)
    with manager.page.expect_navigation():
        manager.page.locator("nav.nav a", has_text="Openings").click()
    with manager.page.expect_navigation():
        manager.page.locator("#opening-rows a", has_text="华南拓展").click()
    expect(manager.page.locator("#applications tbody")).to_contain_text("赵静")
    expect(manager.page.locator("#applications tbody")).to_contain_text(MOTIVATION)
    manager.assert_clean()

    # and another employee gets the 404 page for it, which names nobody
    other = new_tab()
    other.sign_in("employee2", demo_accounts["employee2"].password)
    response = other.goto(f"/portal/applications/{application.pk}/")
    assert response.status == 404
    expect(other.page.locator("main")).not_to_contain_text(MOTIVATION)
    other.assert_clean(allowed=("status of 404",))
