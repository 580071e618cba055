"""Browser tabs for the tests: Debian's Chromium settings, and a page that records what its console says."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Error, Page, Response

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps calling home, which this machine's closed network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# A phone in portrait, as WeCom's in-app browser sees the product.
PHONE_WIDTH = 390
PHONE: dict[str, Any] = {
    "viewport": {"width": PHONE_WIDTH, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 3,
}

_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.talentloopReportViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


@dataclass
class Tab:
    """One page in its own browser context, with everything its console said."""

    page: Page
    base_url: str
    console_errors: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)

    def goto(self, path: str) -> Response:
        response = self.page.goto(self.base_url + path)
        assert response is not None, f"no response for {path}"
        return response

    @property
    def path(self) -> str:
        return self.page.url.removeprefix(self.base_url)

    def sign_in(self, username: str, password: str) -> None:
        """Sign in through the real login page, as a person would."""
        self.goto("/accounts/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        with self.page.expect_navigation():
            self.page.click("form[action='/accounts/login/'] button[type=submit]")

    def nav_labels(self) -> list[str]:
        return [label.strip() for label in self.page.locator("nav.nav a").all_text_contents()]

    def assert_clean(self, *, allowed: tuple[str, ...] = ()) -> None:
        """No console error (a failed static file included), no uncaught exception, no CSP violation."""
        errors = [error for error in self.console_errors if not any(text in error for text in allowed)]
        assert errors == [], f"console errors on {self.page.url}: {errors}"
        assert self.violations == [], f"Content-Security-Policy violations on {self.page.url}: {self.violations}"


class TabFactory:
    """Opens tabs in fresh browser contexts (no shared cookies) against the live server, and closes them all."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self._browser = browser
        self._base_url = base_url
        self._contexts: list[BrowserContext] = []

    def __call__(self, *, locale: str = "en-US", **context_options: Any) -> Tab:
        context = self._browser.new_context(locale=locale, **context_options)
        context.set_default_timeout(10_000)
        self._contexts.append(context)
        tab = Tab(page=context.new_page(), base_url=self._base_url)
        context.expose_function("talentloopReportViolation", lambda text: tab.violations.append(str(text)))
        context.add_init_script(_CSP_LISTENER)
        tab.page.on("console", lambda message: _record_console_error(tab, message))
        tab.page.on("pageerror", lambda error: tab.console_errors.append(f"uncaught: {_error_text(error)}"))
        return tab

    def close(self) -> None:
        for context in self._contexts:
            context.close()


def _record_console_error(tab: Tab, message: ConsoleMessage) -> None:
    url = message.location.get("url", "")
    # Chromium asks for /favicon.ico on its own, not because a page links it; the product has no favicon yet.
    if message.type == "error" and not url.endswith("/favicon.ico"):
        tab.console_errors.append(f"{message.text} ({url})")


def _error_text(error: Error) -> str:
    return error.message or str(error)
