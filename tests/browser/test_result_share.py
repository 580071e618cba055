"""Sharing a result in the browser: HR shares 黄小龙's production-supervisor interview with the Sales manager from the
session page (preview, then share); 张伟 opens the card and asks for a supplementary interview on 团队协作 with one
click; HR finds the task under "Tasks" and schedules it — a supplementary interview on teamwork, drawn from the
question bank, and an invitation to the same candidate."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from talentloop.cli.demo import DemoAccount
from talentloop.collaboration.models import HrTask, ManagerResponse, ResultShare
from talentloop.interviews.models import InterviewSession
from tests.browser.tabs import TabFactory

pytestmark = pytest.mark.browser


def test_hr_shares_the_manager_asks_for_teamwork_and_hr_schedules_it(
    new_tab: TabFactory, demo_accounts: dict[str, DemoAccount]
) -> None:
    session = InterviewSession.objects.get(invitation__candidate__person__full_name="黄小龙")
    shares_before = ResultShare.objects.count()

    # HR shares the result from the session page: preview first, then share
    hr = new_tab()
    hr.sign_in("hr", demo_accounts["hr"].password)
    hr.goto(f"/console/interviews/sessions/{session.pk}/")
    panel = hr.page.locator("#share")
    expect(panel).to_contain_text("Share with hiring manager")
    panel.locator("#id_manager").select_option(label="张伟")
    expect(panel.locator("input[name=snippets]:checked")).to_have_count(3)
    panel.get_by_role("button", name="Preview the card").click()
    expect(hr.page.locator("#result-card")).to_contain_text("Interview result: 黄小龙")
    expect(hr.page.locator("#result-card")).to_contain_text("团队协作")
    hr.page.get_by_role("button", name="Share", exact=True).click()
    expect(hr.page).to_have_url(re.compile(r"/console/shares/\d+/$"))
    share = ResultShare.objects.order_by("-pk").first()
    assert share is not None
    assert ResultShare.objects.count() == shares_before + 1
    assert (share.manager.username, share.session_id, len(share.snippets)) == ("sales.manager", session.pk, 3)
    hr.assert_clean()

    # 张伟 opens the card and asks for a supplementary interview on 团队协作 with one click
    manager = new_tab()
    manager.sign_in("sales.manager", demo_accounts["sales.manager"].password)
    manager.goto(f"/console/shares/{share.pk}/")
    expect(manager.page.locator("#result-card")).to_contain_text("黄小龙")
    respond = manager.page.locator("#respond")
    respond.get_by_label("团队协作").check()
    respond.get_by_role("button", name="Ask for a supplementary interview").click()
    expect(manager.page.locator("#responses")).to_contain_text("Supplementary interview — 团队协作")
    expect(manager.page.locator("#respond")).to_have_count(0)
    response = ManagerResponse.objects.get(share=share)
    assert (response.decision, response.dimensions, response.channel) == ("supplementary", ["teamwork"], "web")
    manager.assert_clean()

    # HR sees the open task under "Tasks" and schedules it
    hr.goto("/console/tasks/")
    expect(hr.page.locator("nav.nav")).to_contain_text("Tasks")
    row = hr.page.locator("table.hr-tasks tbody tr", has_text="黄小龙")
    expect(row).to_contain_text("团队协作")
    row.get_by_role("link").first.click()
    expect(hr.page.locator(".task-focus")).to_have_text("团队协作")
    hr.page.get_by_role("button", name="Schedule and invite").click()
    expect(hr.page.locator(".task-status")).to_have_text("Scheduled")
    expect(hr.page.locator(".task-questions li")).not_to_have_count(0)
    task = HrTask.objects.get(share=share)
    assert task.status == "scheduled"
    assert task.invitation is not None
    assert task.invitation.candidate_id == session.invitation.candidate_id
    dimensions = set(task.invitation.template.items.values_list("question__rubrics__dimension__code", flat=True))
    assert "teamwork" in dimensions
    hr.assert_clean()
