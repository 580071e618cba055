"""The discussion on an interview in the browser: HR comments on candidate3's interview on a phone, mentions the
Sales manager by typing the pinyin initials "zw" and picking 张伟 from the dropdown; 张伟 sees the notification
and follows it to the comment. A mention of the R&D manager, who may not see the interview, is refused."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from talentloop.accounts.models import User
from talentloop.cli.demo import DemoAccount
from talentloop.collaboration.models import Comment
from talentloop.notifications.models import Notification
from tests.browser.tabs import PHONE, TabFactory
from tests.browser.test_phone import assert_fits_the_screen

pytestmark = pytest.mark.browser


def test_hr_mentions_a_colleague_by_pinyin_and_they_are_told(
    new_tab: TabFactory, demo_accounts: dict[str, DemoAccount]
) -> None:
    session = User.objects.get(username="candidate3").person.candidate.invitations.get().session
    # HR, on a phone, writes a comment and picks 张伟 from the @ dropdown by typing "zw"
    tab = new_tab(**PHONE)
    tab.sign_in("hr", demo_accounts["hr"].password)
    tab.goto(f"/console/interviews/sessions/{session.pk}/")
    panel = tab.page.locator("#discussion")
    expect(panel).to_contain_text("No comments yet.")
    box = panel.locator("#id_body")
    box.fill("请看沟通维度 ")
    box.press_sequentially("@zw")
    option = panel.locator("#mentions-new .mention-option")
    expect(option).to_have_count(1)
    expect(option).to_contain_text("张伟")
    option.click()
    expect(box).to_have_value("请看沟通维度 @sales.manager ")
    panel.get_by_role("button", name="Post comment").click()
    comment = tab.page.locator("#discussion .comment").first
    expect(comment.locator(".mention")).to_have_text("@张伟")
    expect(comment).to_contain_text("请看沟通维度")
    assert_fits_the_screen(tab)

    # A mention of the R&D manager is refused with his name, and HR is offered the grant
    box = tab.page.locator("#id_body")
    box.fill("@rnd.manager 你怎么看")
    tab.page.get_by_role("button", name="Post comment").click()
    expect(tab.page.locator("#discussion .form-errors")).to_contain_text("陈磊 cannot see this interview")
    expect(tab.page.locator("#discussion")).to_contain_text("Grant 陈磊 access to this candidate and mention them")
    assert Comment.objects.filter(session=session).count() == 1
    assert Notification.objects.filter(recipient__username="rnd.manager", kind="comment_mention").count() == 0
    tab.assert_clean()

    # 张伟 sees the notification and follows it to the comment
    manager = new_tab()
    manager.sign_in("sales.manager", demo_accounts["sales.manager"].password)
    expect(manager.page.locator("#notification-bell .count")).to_contain_text("1")
    manager.page.locator("#notification-bell").click()
    item = manager.page.locator("#notification-list li").first
    expect(item).to_contain_text("李娜 mentioned you in a discussion")
    item.get_by_role("button", name="Go to page").click()
    expect(manager.page).to_have_url(re.compile(rf"/console/interviews/sessions/{session.pk}/#comment-\d+$"))
    expect(manager.page.locator("#discussion .mention").first).to_have_text("@张伟")
    manager.assert_clean()
