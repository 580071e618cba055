"""Every demo account signs in through the real login page and lands where its work is, with its navigation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Response as PlaywrightResponse
from playwright.sync_api import expect

from talentloop.cli.demo import DemoAccount
from tests.browser.tabs import Tab, TabFactory

pytestmark = pytest.mark.browser

CONSOLE = "/console/"
PORTAL = "/portal/"

# username -> (where the front door sends them, their navigation in English)
LANDING = {
    "hradmin": (
        CONSOLE,
        [
            "Dashboard",
            "Candidates",
            "Interviews",
            "Question bank",
            "Learning library",
            "Employees",
            "Openings",
            "Review requests",
            "Messages",
            "Tasks 1",
            "Re-applications",
            "Organisation",
            "AI–human agreement",
            "Analytics",
            "Deletion requests",
            "Roles",
            "Audit log",
            "Fairness audit",
            "WeCom",
            "My profile",
            "Internal opportunities",
            "My data",
            "API",
        ],
    ),
    "hr": (
        CONSOLE,
        [
            "Dashboard",
            "Candidates",
            "Interviews",
            "Question bank",
            "Learning library",
            "Employees",
            "Openings",
            "Review requests",
            "Messages",
            "Tasks 1",
            "Re-applications",
            "Organisation",
            "AI–human agreement",
            "Analytics",
            "Deletion requests",
            "My profile",
            "Internal opportunities",
            "My data",
            "API",
        ],
    ),
    "sales.manager": (
        CONSOLE,
        [
            "Dashboard",
            "Candidates",
            "Interviews",
            "Question bank",
            "Learning library",
            "Employees",
            "Openings",
            "My profile",
            "Internal opportunities",
            "My data",
            "API",
        ],
    ),
    "rnd.manager": (
        CONSOLE,
        [
            "Dashboard",
            "Candidates",
            "Interviews",
            "Question bank",
            "Learning library",
            "Employees",
            "Openings",
            "My profile",
            "Internal opportunities",
            "My data",
            "API",
        ],
    ),
    "interviewer": (
        CONSOLE,
        [
            "Dashboard",
            "Candidates",
            "Interviews",
            "Question bank",
            "Learning library",
            "My profile",
            "Internal opportunities",
            "My data",
            "API",
        ],
    ),
    "employee1": (PORTAL, ["My profile", "Internal opportunities", "My data"]),
    "employee2": (PORTAL, ["My profile", "Internal opportunities", "My data"]),
    "candidate1": (PORTAL, ["My profile", "Messages", "My data"]),
    "candidate2": (PORTAL, ["My profile", "Messages", "My data"]),
    # HR's demo reply waits unread in candidate3's messages
    "candidate3": (PORTAL, ["My profile", "Messages 1", "My data"]),
    "candidate4": (PORTAL, ["My profile", "Messages", "My data"]),
}


def test_every_demo_account_is_covered(demo_accounts: dict[str, DemoAccount]) -> None:
    assert sorted(demo_accounts) == sorted(LANDING)


@pytest.mark.parametrize("username", list(LANDING))
def test_demo_account_signs_in_and_lands_on_its_page(
    new_tab: TabFactory, demo_accounts: dict[str, DemoAccount], username: str
) -> None:
    # given the front door, which sends an anonymous visitor to the login page
    account = demo_accounts[username]
    tab = new_tab()
    tab.goto("/")
    assert tab.path == "/accounts/login/"

    # when they sign in with the password `talentloop demo` printed
    tab.page.fill("#id_username", account.username)
    tab.page.fill("#id_password", account.password)
    with tab.page.expect_navigation():
        tab.page.click("form[action='/accounts/login/'] button[type=submit]")

    # then they land on their page, see their name and exactly their navigation, the current section marked
    landing, navigation = LANDING[username]
    assert tab.path == landing
    expect(tab.page.locator("h1")).to_have_text("Dashboard" if landing == CONSOLE else "My profile")
    expect(tab.page.locator(".topbar .who")).to_have_text(account.name)
    assert tab.nav_labels() == navigation
    current = tab.page.locator("nav.nav a[aria-current=page]")
    expect(current).to_have_text("Dashboard" if landing == CONSOLE else "My profile")
    tab.assert_clean()


def test_wrong_password_stays_on_the_login_page_with_an_error(
    new_tab: TabFactory, demo_accounts: dict[str, DemoAccount]
) -> None:
    tab = new_tab()
    tab.sign_in("hr", "not-the-password")

    assert tab.path == "/accounts/login/"
    expect(tab.page.locator(".form-errors")).to_have_text("Your username and password did not match. Please try again.")
    expect(tab.page.locator("nav.nav")).to_have_count(0)
    tab.assert_clean()


def test_sign_out_returns_to_the_login_page(new_tab: TabFactory, demo_accounts: dict[str, DemoAccount]) -> None:
    tab = new_tab()
    tab.sign_in("interviewer", demo_accounts["interviewer"].password)
    assert tab.path == CONSOLE

    with tab.page.expect_navigation():
        tab.page.click("form.logout button[type=submit]")

    assert tab.path == "/accounts/login/"
    tab.goto(CONSOLE)
    assert tab.path == "/accounts/login/?next=/console/"
    tab.assert_clean()


def test_stylesheet_and_htmx_load_under_the_content_security_policy(
    new_tab: TabFactory, demo_accounts: dict[str, DemoAccount]
) -> None:
    tab = new_tab()
    statuses: dict[str, int] = {}

    def record(response: PlaywrightResponse) -> None:
        statuses[response.url.removeprefix(tab.base_url)] = response.status

    tab.page.on("response", record)

    response = tab.goto("/accounts/login/")

    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert statuses["/static/talentloop/app.css"] == 200
    assert statuses["/static/django_htmx/htmx-2.min.js"] == 200
    # the stylesheet applies (the brand colour of the top bar) and htmx started
    assert _top_bar_colour(tab) == "rgb(11, 110, 79)"
    assert tab.page.evaluate("typeof window.htmx") == "object"
    tab.assert_clean()


def _top_bar_colour(tab: Tab) -> str:
    return str(tab.page.evaluate("getComputedStyle(document.querySelector('.topbar')).backgroundColor"))


def test_production_cookie_flags_work_over_http_localhost(
    new_tab: TabFactory, demo_accounts: dict[str, DemoAccount]
) -> None:
    # The test settings run with DEBUG off, so the session and CSRF cookies are Secure; Chromium accepts Secure
    # cookies from http://localhost, so these tests exercise the production flags rather than overriding them.
    tab = new_tab()
    tab.sign_in("hr", demo_accounts["hr"].password)
    assert tab.path == CONSOLE

    cookies = {cookie["name"]: cookie for cookie in tab.page.context.cookies()}
    assert {name: (cookies[name]["secure"], cookies[name]["httpOnly"]) for name in ("sessionid", "csrftoken")} == {
        "sessionid": (True, True),
        "csrftoken": (True, False),
    }
    assert cookies["sessionid"]["sameSite"] == "Lax"
    tab.assert_clean()
