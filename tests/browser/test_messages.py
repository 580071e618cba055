"""The candidate ↔ HR thread in the browser: candidate3 (who did not pass) asks HR from her report, on a phone,
"我想知道面试中的具体失分点"; HR finds the thread at the top of the console inbox, lets "Suggest a reply" draft
the answer from her report, edits it and sends it; candidate3 reads the reply and sees that HR read her question,
and HR sees that she read the reply."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from talentloop.accounts.models import User
from talentloop.cli.demo import DemoAccount
from talentloop.collaboration.models import Message
from talentloop.notifications.models import Notification
from tests.browser.tabs import PHONE, TabFactory
from tests.browser.test_phone import assert_fits_the_screen

pytestmark = pytest.mark.browser

QUESTION = "我想知道面试中的具体失分点"
EDIT = "——李娜，人力资源部"


def test_candidate_asks_hr_drafts_from_the_report_edits_sends_and_both_see_read_receipts(
    new_tab: TabFactory, demo_accounts: dict[str, DemoAccount]
) -> None:
    session = User.objects.get(username="candidate3").person.candidate.invitations.get().session
    # candidate3, on a phone, opens her report and asks HR about it
    candidate = new_tab(**PHONE)
    candidate.sign_in("candidate3", demo_accounts["candidate3"].password)
    candidate.goto(f"/portal/reports/{session.pk}/")
    candidate.page.locator("#ask-hr").tap()
    expect(candidate.page).to_have_url(re.compile(rf"/portal/messages/\?session={session.pk}$"))
    box = candidate.page.locator("#id_body")
    expect(box).to_have_value("About my report on the 销售代表 interview: ")
    box.fill(QUESTION)
    candidate.page.get_by_role("button", name="Send").tap()
    expect(candidate.page).to_have_url(re.compile(r"/portal/messages/$"))
    mine = candidate.page.locator("#message-list .message-item.mine").last
    expect(mine).to_contain_text(QUESTION)
    expect(mine).to_contain_text("about the 销售代表 interview")
    expect(mine.locator(".receipt")).to_have_text("Not read yet")
    assert_fits_the_screen(candidate)
    candidate.assert_clean()

    # HR sees one thread waiting, on top of the inbox, and is told
    assert Notification.objects.filter(recipient__username="hr", kind="candidate_message").count() == 2
    hr = new_tab()
    hr.sign_in("hr", demo_accounts["hr"].password)
    messages_link = hr.page.locator("nav.nav a", has_text="Messages")
    expect(messages_link).to_have_text("Messages 1")
    messages_link.click()
    first = hr.page.locator("#message-threads tbody tr").first
    expect(first).to_contain_text("罗丹丹")
    expect(first).to_contain_text("waiting")
    first.get_by_role("link", name="罗丹丹").click()
    expect(hr.page.locator("#message-list")).to_contain_text(QUESTION)

    # "Suggest a reply" drafts from her report; nothing is sent until HR edits and presses Send
    hr.page.get_by_role("button", name="Suggest a reply").click()
    expect(hr.page.locator("#suggestion-note")).to_be_visible()
    reply_box = hr.page.locator("#id_body")
    draft = reply_box.input_value()
    assert "罗丹丹" in draft
    assert re.search(r"Question \d|第 ?\d ?题", draft), draft
    assert Message.objects.filter(side="hr").count() == 1  # only the demo's earlier reply
    reply_box.fill(draft + "\n" + EDIT)
    hr.page.get_by_role("button", name="Send").click()
    expect(hr.page.locator(".messages")).to_contain_text("Your reply was sent; the candidate is notified.")
    sent = hr.page.locator("#message-list .message-item.mine").last
    expect(sent).to_contain_text(EDIT)
    expect(sent.locator(".receipt")).to_have_text("Not read yet")
    expect(hr.page.locator("nav.nav a", has_text="Messages")).to_have_text("Messages")
    hr.assert_clean()

    # candidate3 sees the reply (her unread count says so) and that HR read her question
    candidate.goto("/portal/")
    expect(candidate.page.locator("nav.nav a", has_text="Messages")).to_have_text("Messages 1")
    candidate.goto("/portal/messages/")
    expect(candidate.page.locator("#message-list .message-item.from-hr").last).to_contain_text(EDIT)
    question = candidate.page.locator("#message-list .message-item.mine").last
    expect(question.locator(".read-receipt")).to_contain_text(re.compile(r"^Read \d{4}-\d{2}-\d{2} \d{2}:\d{2}$"))
    expect(candidate.page.locator("nav.nav a", has_text="Messages")).to_have_text("Messages")
    assert_fits_the_screen(candidate)
    candidate.assert_clean()

    # and HR sees that she read the reply
    hr.page.reload()
    expect(hr.page.locator("#message-list .message-item.mine").last.locator(".read-receipt")).to_be_visible()
    hr.assert_clean()
