"""An anonymous visitor finds an opening on the public careers site, applies with a PDF résumé and sees the
confirmation; HR then finds the new candidate by a word that only appears in the résumé, and opens the résumé."""

from __future__ import annotations

import pytest
from django.core import mail
from playwright.sync_api import FilePayload, expect

from talentloop.cli.demo import DemoAccount
from talentloop.recruitment.models import Application, Resume
from talentloop.recruitment.resume_samples import resume_pdf_build
from tests.browser.tabs import TabFactory

pytestmark = pytest.mark.browser

RESUME_LINES = [
    "林一帆 后端工程师",
    "2019.03 - 2025.06 深圳某支付公司 后端开发，用 Terraform 管理基础设施",
    "华南理工大学 计算机 本科",
]


def test_a_visitor_applies_from_the_careers_site_and_hr_finds_them_by_resume_text(
    new_tab: TabFactory, demo_accounts: dict[str, DemoAccount]
) -> None:
    # given an anonymous visitor on the careers page: only the public, open opening is listed (and no email sent yet:
    # the demo's own notifications to its staff are not this test's)
    mail.outbox.clear()
    visitor = new_tab()
    visitor.goto("/careers/")
    openings = visitor.page.locator("#openings li a")
    expect(openings).to_have_text(["Backend Engineer (external hiring)"])

    # when they open it, send the form empty (refused, field by field), then fill it and attach a PDF résumé
    with visitor.page.expect_navigation():
        openings.first.click()
    expect(visitor.page.locator("#requirements li")).not_to_have_count(0)
    with visitor.page.expect_navigation():
        visitor.page.locator("#apply button[type=submit]").click()
    expect(visitor.page.locator("#apply p.error")).to_have_count(5)  # name, email, mobile, résumé, consent
    visitor.page.fill("#id_full_name", "林一帆")
    visitor.page.fill("#id_email", "lin.yifan@example.com")
    visitor.page.fill("#id_mobile", "+86 137 0000 1234")
    resume_file: FilePayload = {
        "name": "林一帆.pdf",
        "mimeType": "application/pdf",
        "buffer": resume_pdf_build(RESUME_LINES),
    }
    visitor.page.set_input_files("#id_resume", files=[resume_file])
    visitor.page.check("#id_consent")
    with visitor.page.expect_navigation():
        visitor.page.locator("#apply button[type=submit]").click()

    # then the confirmation, one application with its résumé read, and the interview link emailed
    expect(visitor.page.locator("#applied h1")).to_have_text("Thank you, your application was sent")
    application = Application.objects.get(person__email="lin.yifan@example.com")
    assert (application.source, application.person.mobile) == ("external", "13700001234")
    resume = Resume.objects.get(application=application)
    assert "Terraform" in resume.text and resume.features["highest_degree"]["value"] == "bachelor"
    assert [message.to for message in mail.outbox] == [["lin.yifan@example.com"]]
    visitor.assert_clean(allowed=("status of 400",))  # the empty form, refused on purpose

    # when HR searches the candidates for a word that is only in the résumé
    hr = new_tab()
    hr.sign_in("hr", demo_accounts["hr"].password)
    hr.goto("/console/candidates/?q=terraform")

    # then the new candidate is the one match, and their page links the résumé
    rows = hr.page.locator("#candidate-rows tbody td:first-child a")
    expect(rows).to_have_text(["林一帆"])
    with hr.page.expect_navigation():
        rows.first.click()
    expect(hr.page.locator("#resumes a", has_text="林一帆.pdf")).to_have_count(1)
    with hr.page.expect_download() as download:
        hr.page.locator("#resumes a", has_text="林一帆.pdf").click()
    assert download.value.suggested_filename == "林一帆.pdf"
    hr.assert_clean()
