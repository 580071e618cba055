"""Fixtures for the browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Each test module shares one Chromium; every tab opens in a fresh browser context (no shared cookies), with the demo
data loaded into a transactional database, and a watch over the console: an error logged by the page, an uncaught
exception or a Content-Security-Policy violation fails the test that caused it (``Tab.assert_clean``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, sync_playwright

from talentloop.cli.demo import DemoAccount, demo_load
from talentloop.speech.tests.conftest import fresh_registry  # noqa: F401 - fixtures of the voice interview test
from talentloop.speech.tests.test_transcription import espeak, say, speech_extra  # noqa: F401 - and its skips
from tests.browser.tabs import CHROMIUM, CHROMIUM_ARGS, TabFactory


def _browser_tests_required() -> bool:
    return os.environ.get("TALENTLOOP_BROWSER_TESTS", "").strip().lower() == "required"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium. Without it the tests skip, or fail when TALENTLOOP_BROWSER_TESTS=required (as in CI)."""
    if not os.access(CHROMIUM, os.X_OK):
        message = f"{CHROMIUM} is missing: install Debian's chromium package to run the browser tests"
        if _browser_tests_required():
            pytest.fail(message + " (TALENTLOOP_BROWSER_TESTS=required)", pytrace=False)
        pytest.skip(message)
    # Playwright's sync API keeps an asyncio loop running in the test's thread while it is started, so Django takes
    # the tests for async code and refuses the ORM (demo data, flushes). They really are synchronous: allow it, for
    # exactly as long as Playwright runs.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_tab(browser: Browser, live_server: Any) -> Iterator[TabFactory]:
    factory = TabFactory(browser, live_server.url)
    yield factory
    factory.close()


@pytest.fixture
def demo_accounts(transactional_db: None) -> dict[str, DemoAccount]:
    """The demo company, loaded the way `talentloop demo` loads it, by username."""
    return {account.username: account for account in demo_load().accounts}
