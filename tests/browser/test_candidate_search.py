"""The candidate list filters as the person types: htmx swaps the rows in place, without reloading the page."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Request, expect

from talentloop.cli.demo import CANDIDATES, DemoAccount
from talentloop.cli.demo_completed import demo_completed_candidates
from tests.browser.tabs import Tab, TabFactory

pytestmark = pytest.mark.browser

ROW_NAMES = "#candidate-rows tbody td:first-child a"
NEW_FROM_CAREERS_SITE = ["陈宇航", "Sophie Wang"]  # the third careers-site applicant, 郑洁, was a candidate already


def is_htmx_search(request: Request) -> bool:
    return urlsplit(request.url).path == "/console/candidates/" and request.headers.get("hx-request") == "true"


def search(tab: Tab, action: str, selector: str, value: str) -> dict[str, list[str]]:
    """Type into the search box or pick a status, and return the query of the htmx request it set off."""
    with tab.page.expect_request(is_htmx_search) as request_info:
        if action == "fill":
            tab.page.fill(selector, value)
        else:
            tab.page.select_option(selector, value)
    return parse_qs(urlsplit(request_info.value.url).query, keep_blank_values=True)


def test_candidate_search_filters_live(new_tab: TabFactory, demo_accounts: dict[str, DemoAccount]) -> None:
    # given HR on the candidate list, which shows every demo candidate
    tab = new_tab()
    tab.sign_in("hr", demo_accounts["hr"].password)
    tab.goto("/console/candidates/")
    rows = tab.page.locator(ROW_NAMES)
    expect(rows).to_have_count(len(CANDIDATES) + len(demo_completed_candidates()) + len(NEW_FROM_CAREERS_SITE))
    tab.page.evaluate("window.talentloopPageMarker = 'not reloaded'")

    # when they type a name, then only that candidate is left, and the address can be shared
    assert search(tab, "fill", "#id_q", "Emily") == {"q": ["Emily"], "status": [""]}
    expect(rows).to_have_text(["Emily Carter"])
    assert tab.path == "/console/candidates/?q=Emily&status="

    # when they type part of a position title, then the candidates who applied for it, and 郑洁, whose résumé
    # (sent from the careers site) says she wants to move into backend work
    assert search(tab, "fill", "#id_q", "后端") == {"q": ["后端"], "status": [""]}
    expect(rows).to_have_text(
        ["Sophie Wang", "陈宇航", "曹宇", "韩雪", "唐逸飞", "何倩", "郑洁", "吴杰"], ignore_case=False
    )

    # when they also pick a status nobody has, then the empty message
    assert search(tab, "select", "#id_status", "hired") == {"q": ["后端"], "status": ["hired"]}
    expect(rows).to_have_count(0)
    expect(tab.page.locator("#candidate-rows tbody")).to_have_text("No candidates match.")

    # when they clear both, then everybody again — all without reloading the page
    search(tab, "fill", "#id_q", "")
    search(tab, "select", "#id_status", "")
    expect(rows).to_have_count(len(CANDIDATES) + len(demo_completed_candidates()) + len(NEW_FROM_CAREERS_SITE))
    assert tab.page.evaluate("window.talentloopPageMarker") == "not reloaded"
    tab.assert_clean()
