"""The language switcher: 简体中文 ↔ English, on the login page and after signing in."""

from __future__ import annotations

import pytest
from django.utils import translation
from playwright.sync_api import expect

from talentloop.cli.demo import DemoAccount
from tests.browser.tabs import Tab, TabFactory

pytestmark = pytest.mark.browser

LOGIN_STRINGS = ["Sign in to TalentLoop", "Username", "Password", "Sign in", "Forgot your password?"]


def chinese(text: str, *, must_differ: bool = True) -> str:
    """The Simplified Chinese the catalogue has for ``text``; a missing translation fails the test."""
    with translation.override("zh-hans"):
        translated = translation.gettext(text)
    assert translated != text or not must_differ, f"no Simplified Chinese translation for {text!r}"
    return translated


def login_page_strings(tab: Tab) -> list[str]:
    form = tab.page.locator("main form[action='/accounts/login/']")
    return [
        tab.page.locator("main h1").inner_text(),
        form.locator("label[for=id_username]").inner_text(),
        form.locator("label[for=id_password]").inner_text(),
        form.locator("button[type=submit]").inner_text(),
        tab.page.locator("main a[href='/accounts/password-reset/']").inner_text(),
    ]


def switch_language(tab: Tab, label: str) -> None:
    with tab.page.expect_navigation():
        tab.page.click(f"form.language-switcher button:text-is('{label}')")


def test_login_page_switches_between_chinese_and_english(
    new_tab: TabFactory, demo_accounts: dict[str, DemoAccount]
) -> None:
    # given a browser that prefers Chinese
    tab = new_tab(locale="zh-CN")
    tab.goto("/accounts/login/")
    assert tab.page.get_attribute("html", "lang") == "zh-hans"
    assert login_page_strings(tab) == [chinese(text) for text in LOGIN_STRINGS]
    assert tab.page.title() == f"{chinese('Sign in')} · TalentLoop"
    expect(tab.page.locator("form.language-switcher button[aria-pressed=true]")).to_have_text("简体中文")

    # when the person picks English, then the same page comes back in English
    switch_language(tab, "English")
    assert tab.path == "/accounts/login/"
    assert tab.page.get_attribute("html", "lang") == "en"
    assert login_page_strings(tab) == LOGIN_STRINGS
    assert tab.page.title() == "Sign in · TalentLoop"
    expect(tab.page.locator("form.language-switcher button[aria-pressed=true]")).to_have_text("English")

    # and 简体中文 brings Chinese back
    switch_language(tab, "简体中文")
    assert tab.path == "/accounts/login/"
    assert tab.page.get_attribute("html", "lang") == "zh-hans"
    assert login_page_strings(tab) == [chinese(text) for text in LOGIN_STRINGS]
    tab.assert_clean()


def test_language_chosen_before_signing_in_is_kept_after(
    new_tab: TabFactory, demo_accounts: dict[str, DemoAccount]
) -> None:
    # given a browser that prefers English, switched to Chinese on the login page
    tab = new_tab(locale="en-US")
    tab.goto("/accounts/login/")
    assert login_page_strings(tab) == LOGIN_STRINGS
    switch_language(tab, "简体中文")

    # when an interviewer signs in
    tab.sign_in("interviewer", demo_accounts["interviewer"].password)

    # then the console speaks Chinese, navigation included
    assert tab.path == "/console/"
    assert tab.page.get_attribute("html", "lang") == "zh-hans"
    expect(tab.page.locator("main h1")).to_have_text(chinese("Dashboard"))
    assert tab.nav_labels() == [
        chinese("Dashboard"),
        chinese("Candidates"),
        chinese("Interviews"),
        chinese("Question bank"),
        chinese("Learning library"),
        chinese("My profile"),
        chinese("Internal opportunities"),
        chinese("My data"),
        chinese("API", must_differ=False),
    ]

    # and switching back to English from inside the console stays on the page
    switch_language(tab, "English")
    assert tab.path == "/console/"
    assert tab.nav_labels() == [
        "Dashboard",
        "Candidates",
        "Interviews",
        "Question bank",
        "Learning library",
        "My profile",
        "Internal opportunities",
        "My data",
        "API",
    ]
    tab.assert_clean()
