"""On a phone (390×844, touch), the menu opens the navigation and no page scrolls sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from talentloop.cli.demo import DemoAccount
from talentloop.org.models import Candidate, Employee
from tests.browser.tabs import PHONE, PHONE_WIDTH, Tab, TabFactory

pytestmark = pytest.mark.browser


def horizontal_overflow(tab: Tab) -> dict[str, int]:
    """The page's scroll width against its visible width."""
    return dict(
        tab.page.evaluate(
            """() => ({
                scrollWidth: document.documentElement.scrollWidth,
                clientWidth: document.documentElement.clientWidth,
            })"""
        )
    )


def offenders(tab: Tab) -> list[str]:
    """The first elements sticking out on the right, to name them when the page is too wide."""
    return list(
        tab.page.evaluate(
            """() => [...document.querySelectorAll("body *")]
                .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth)
                .slice(0, 5)
                .map((element) => `${element.tagName.toLowerCase()}.${element.className} ` +
                                  `right=${Math.round(element.getBoundingClientRect().right)}`)"""
        )
    )


def assert_fits_the_screen(tab: Tab) -> None:
    widths = horizontal_overflow(tab)
    assert widths["clientWidth"] == PHONE_WIDTH, widths
    assert widths["scrollWidth"] <= widths["clientWidth"], f"{tab.path} scrolls sideways: {widths} {offenders(tab)}"


def test_login_page_fits_a_phone(new_tab: TabFactory, demo_accounts: dict[str, DemoAccount]) -> None:
    tab = new_tab(**PHONE)
    tab.goto("/accounts/login/")
    assert_fits_the_screen(tab)
    tab.assert_clean()


def test_menu_toggle_opens_and_closes_the_navigation(
    new_tab: TabFactory, demo_accounts: dict[str, DemoAccount]
) -> None:
    # given HR admin (the longest navigation: 20 links) signed in on a phone
    tab = new_tab(**PHONE)
    tab.sign_in("hradmin", demo_accounts["hradmin"].password)
    assert tab.path == "/console/"
    navigation = tab.page.locator("nav.nav")
    toggle = tab.page.locator("label.nav-toggle-label")
    expect(navigation).to_be_hidden()
    expect(toggle).to_be_visible()

    # when they tap the menu, then every section shows inside the screen and nothing scrolls sideways
    toggle.tap()
    expect(navigation).to_be_visible()
    links = navigation.locator("a")
    expect(links).to_have_count(23)
    for index in range(23):
        box = links.nth(index).bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= PHONE_WIDTH
    assert_fits_the_screen(tab)

    # and tapping a section opens it; the menu starts closed again there
    with tab.page.expect_navigation():
        links.filter(has_text="Candidates").tap()
    assert tab.path == "/console/candidates/"
    expect(tab.page.locator("nav.nav")).to_be_hidden()

    # and a second tap on the menu closes it again
    toggle.tap()
    expect(navigation).to_be_visible()
    toggle.tap()
    expect(navigation).to_be_hidden()
    tab.assert_clean()


def test_no_page_scrolls_sideways_on_a_phone(new_tab: TabFactory, demo_accounts: dict[str, DemoAccount]) -> None:
    # given HR admin, who can open every console page, signed in on a phone
    candidate = Candidate.objects.get(person__full_name="Emily Carter")
    employee = Employee.objects.get(employee_number="E0101")
    tab = new_tab(**PHONE)
    tab.sign_in("hradmin", demo_accounts["hradmin"].password)

    pages = [
        "/console/",
        "/console/candidates/",
        f"/console/candidates/{candidate.pk}/",
        f"/console/candidates/{candidate.pk}/edit/",
        "/console/candidates/new/",
        "/console/employees/",
        f"/console/employees/{employee.pk}/",
        "/console/organisation/",
        "/console/roles/",
        "/console/audit/",
        "/console/wecom/",
        "/console/wecom/robots/",
        "/console/wecom/sync/",
        "/console/reapplications/",
        "/console/notifications/",
        "/console/notifications/settings/",
        "/portal/",
        "/accounts/password/",
    ]
    for path in pages:
        response = tab.goto(path)
        assert response.status == 200, path
        # with the menu closed and with it open
        assert_fits_the_screen(tab)
        tab.page.locator("label.nav-toggle-label").tap()
        expect(tab.page.locator("nav.nav")).to_be_visible()
        assert_fits_the_screen(tab)
    tab.assert_clean()


def test_portal_fits_a_phone_for_a_candidate(new_tab: TabFactory, demo_accounts: dict[str, DemoAccount]) -> None:
    tab = new_tab(**PHONE)
    tab.sign_in("candidate1", demo_accounts["candidate1"].password)
    assert tab.path == "/portal/"
    assert_fits_the_screen(tab)
    tab.page.locator("label.nav-toggle-label").tap()
    expect(tab.page.locator("nav.nav a")).to_have_text(["My profile", "Messages", "My data"])
    assert_fits_the_screen(tab)
    # My data: the JSON download and the list of report PDFs fit too
    response = tab.goto("/portal/my-data/")
    assert response.status == 200
    expect(tab.page.locator("#my-data-reports")).to_be_visible()
    assert_fits_the_screen(tab)
    # the notification centre and its settings, reached from the top bar
    tab.page.locator("#notification-bell").tap()
    expect(tab.page.locator("#notification-list")).to_be_visible()
    assert_fits_the_screen(tab)
    response = tab.goto("/portal/notifications/settings/")
    assert response.status == 200
    assert_fits_the_screen(tab)
    tab.assert_clean()


def test_internal_opportunities_fit_a_phone_for_an_employee(
    new_tab: TabFactory, demo_accounts: dict[str, DemoAccount]
) -> None:
    # given employee1 on a phone
    tab = new_tab(**PHONE)
    tab.sign_in("employee1", demo_accounts["employee1"].password)
    assert tab.path == "/portal/"
    tab.page.locator("label.nav-toggle-label").tap()
    expect(tab.page.locator("nav.nav a")).to_have_text(["My profile", "Internal opportunities", "My data"])

    # when she opens Internal opportunities and the demo's internal opening
    with tab.page.expect_navigation():
        tab.page.locator("nav.nav a", has_text="Internal opportunities").tap()
    assert tab.path == "/portal/opportunities/"
    assert_fits_the_screen(tab)
    with tab.page.expect_navigation():
        tab.page.locator("#openings a").first.tap()

    # then the opening and its application form fit the screen
    expect(tab.page.locator("#apply textarea")).to_be_visible()
    assert_fits_the_screen(tab)
    tab.assert_clean()
