"""A hiring manager sees their own department's candidates and gets the 404 page for any other."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from talentloop.cli.demo import DemoAccount
from talentloop.org.models import Candidate
from tests.browser.tabs import TabFactory

pytestmark = pytest.mark.browser


def test_rnd_hiring_manager_gets_not_found_for_a_sales_candidate(
    new_tab: TabFactory, demo_accounts: dict[str, DemoAccount]
) -> None:
    # given the R&D hiring manager, a Sales candidate and an R&D candidate
    sales_candidate = Candidate.objects.get(person__email="zhou.ting@example.com")
    rnd_candidate = Candidate.objects.get(person__email="wu.jie@example.com")
    assert sales_candidate.applied_position.department.code == "sales-east"
    assert rnd_candidate.applied_position.department.code == "rnd-backend"
    tab = new_tab()
    tab.sign_in("rnd.manager", demo_accounts["rnd.manager"].password)

    # when they open the Sales candidate's page, or its edit page, by URL
    for path in (f"/console/candidates/{sales_candidate.pk}/", f"/console/candidates/{sales_candidate.pk}/edit/"):
        response = tab.goto(path)

        # then they get the product's 404 page, which names nobody
        assert response.status == 404
        expect(tab.page.locator("main h1")).to_have_text("Not found")
        expect(tab.page.locator("main")).not_to_contain_text(sales_candidate.person.full_name)
        expect(tab.page.locator("main a[href='/']")).to_have_text("Back to the start page")

    # and their own department's candidate opens
    response = tab.goto(f"/console/candidates/{rnd_candidate.pk}/")
    assert response.status == 200
    expect(tab.page.locator("main h1")).to_have_text(rnd_candidate.person.full_name)

    # and the list shows only R&D candidates
    tab.goto("/console/candidates/")
    names = tab.page.locator("#candidate-rows tbody td:first-child a").all_text_contents()
    # the R&D and Backend Team positions (陈宇航 and Sophie Wang applied from the careers site)
    assert sorted(names) == sorted(["Emily Carter", "何倩", "吴杰", "唐逸飞", "韩雪", "曹宇", "陈宇航", "Sophie Wang"])
    assert sales_candidate.person.full_name not in names
    # Chromium reports the 404 documents themselves on the console; nothing else may appear there.
    tab.assert_clean(allowed=("status of 404",))
