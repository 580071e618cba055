"""From "not passed" to "how to improve", in the browser (issue 5, "What it must show").

candidate3 (罗丹丹) did not pass the Sales Representative interview. She signs in, finds her report from the portal
home, reads the radar chart and where she lost points, downloads the PDF, enrols in a recommended course and
completes it, and asks for a human review; HR resolves it in the console and she sees the decision and who made it.
candidate4, another candidate, gets the 404 page for her report and its PDF.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from talentloop.cli.demo import DemoAccount
from talentloop.feedback.tests.test_pdf import assert_no_missing_glyphs, pdf_text_and_fonts
from tests.browser.tabs import TabFactory

pytestmark = pytest.mark.browser

DIMENSIONS = ["Communication", "Customer needs", "Negotiation", "Problem solving"]
# What candidate3 said in question 2, quoted on her report as the evidence of a key point she covered.
EVIDENCE = "那个，就是先跟他聊聊天吧，拉近一下关系，然后给他看看我们的产品资料"
REVIEW_REASON = "我在第二题里讲了怎样先和客户建立信任，希望有人重新看一下我的回答。"
HR_REASON = "我重新阅读了全部六个回答：客户需求和谈判两项确实没有具体的例子，维持原结果。"


def test_candidate_not_passed_goes_from_report_to_growth_path_and_a_human_review(
    new_tab: TabFactory, demo_accounts: dict[str, DemoAccount]
) -> None:
    # given candidate3, signed in through the real login page
    tab = new_tab()
    tab.sign_in("candidate3", demo_accounts["candidate3"].password)
    assert tab.path == "/portal/"

    # when she opens her report from "My interviews" on the portal home
    interviews = tab.page.locator("#my-interviews")
    # her one interview, its status and outcome, and links to its report (page and PDF), growth path and review page
    expect(interviews.locator("li")).to_have_count(1)
    expect(interviews.locator("li > .badge")).to_have_text("Submitted")
    expect(interviews.locator(".interview-outcome .badge")).to_have_text("Below the threshold (AI score)")
    labels = [label.strip() for label in interviews.locator("li a").all_text_contents()]
    assert labels == ["See its status", "My report", "My report (PDF)", "My growth path", "Explanation or human review"]
    report_link = interviews.get_by_role("link", name="My report", exact=True).get_attribute("href")
    expect(interviews.get_by_role("link", name="My report (PDF)")).to_have_attribute("href", f"{report_link}pdf/")
    with tab.page.expect_navigation():
        interviews.get_by_role("link", name="My report", exact=True).click()
    report_path = tab.path
    assert re.fullmatch(r"/portal/reports/\d+/", report_path)

    # then she sees the result, the server-rendered radar chart and where she lost points
    expect(tab.page.locator("main h1")).to_have_text("Interview report · 销售代表")
    expect(tab.page.locator(".report-overall-score")).to_have_text("Overall: 6.6 (the role's bar: 65)")
    radar = tab.page.locator(".report-radar svg.radar")
    expect(radar).to_have_attribute("aria-label", "Dimensions against the role's required levels")
    assert radar.locator("text.radar-label").all_text_contents() == DIMENSIONS
    expect(radar.locator("polygon.radar-value")).to_have_count(1)
    expect(radar.locator("polygon.radar-required")).to_have_count(1)
    assert tab.page.locator(".report-table tbody td:first-child").all_text_contents() == DIMENSIONS
    lost_points = tab.page.locator(".report-lost-points")
    assert lost_points.locator(".report-dimension h3").all_text_contents() == [
        "Communication · 32.9 / 100",
        "Customer needs · 0 / 100",
        "Negotiation · 0 / 100",
        "Problem solving · 0 / 100",
    ]
    missed = lost_points.locator("li.key-point-miss").first
    expect(missed).to_contain_text("Missed: Tells the story in a situation–task–action–result structure")
    expect(missed.locator(".report-tip")).to_have_text(
        "How to improve: Use context → action → result, one or two sentences each, "
        "and don't spend too long on the background."
    )
    hit = lost_points.locator("li.key-point-hit").first
    expect(hit).to_contain_text("Covered: Short opening that builds trust and lowers their guard")
    expect(hit.locator("q")).to_have_text(EVIDENCE)

    # when she downloads the PDF
    with tab.page.expect_download() as download_info:
        tab.page.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename.startswith("talentloop-report-")
    pdf_file = download.path()
    assert pdf_file is not None
    text, fonts = pdf_text_and_fonts(pdf_file.read_bytes())

    # then its text has every dimension and the evidence quoted on the page, in the packaged font
    assert [name for name in DIMENSIONS if name not in text] == []
    assert EVIDENCE in text.replace("\n", "")
    assert_no_missing_glyphs(text, fonts)

    # when she opens her growth path from the report
    with tab.page.expect_navigation():
        tab.page.get_by_role("link", name="My growth path").click()
    expect(tab.page.locator("main h1")).to_have_text("My growth path")
    growth_path = tab.path
    progress = tab.page.locator("#growth-progress + p")
    expect(progress).to_have_text("1 of 23 actions done (4%).")

    # and enrols in the first recommended course
    course = tab.page.locator("article.growth-item", has=tab.page.locator(".badge", has_text="Course")).first
    course_id = course.get_attribute("id")
    expect(course).to_contain_text(
        "Because you scored 0 on Customer needs where the role needs 75: “SPIN selling”, 4 h"
    )
    with tab.page.expect_navigation():
        course.get_by_role("button", name="Enrol").click()
    course = tab.page.locator(f"#{course_id}")
    expect(course.locator(".badge").nth(1)).to_have_text("Enrolled")
    expect(course.get_by_role("button", name="Enrol")).to_have_count(0)

    # and marks it done with what she learned
    course.locator("summary", has_text="Mark as done").click()
    course.get_by_label("What did you learn or produce?").fill("学完了四个模块，用 SPIN 提问法重写了第二题的回答。")
    with tab.page.expect_navigation():
        course.get_by_role("button", name="Mark as done").click()

    # then the course is done, with her evidence, and the progress moved on
    course = tab.page.locator(f"#{course_id}")
    expect(course.locator(".badge").nth(1)).to_have_text("Done")
    expect(course).to_contain_text("学完了四个模块，用 SPIN 提问法重写了第二题的回答。")
    expect(progress).to_have_text("2 of 23 actions done (9%).")
    expect(tab.page.locator("#growth-progress")).to_have_attribute("value", "2")
    tab.assert_clean()

    # when she goes back to her report and asks for a human review in her own words
    tab.goto(report_path)
    with tab.page.expect_navigation():
        tab.page.get_by_role("link", name="Explanation or human review").click()
    expect(tab.page.locator("main h1")).to_have_text("Explanation and human review")
    review_path = tab.path
    ask = tab.page.locator("#ask-human_review")
    ask.get_by_label("In your own words").fill(REVIEW_REASON)
    with tab.page.expect_navigation():
        ask.get_by_role("button", name="Send to HR").click()

    # then the request is pending and the AI result is no longer shown as final
    expect(tab.page.locator(".messages")).to_contain_text(
        "Your request was sent to HR. They will answer by email within 15 days."
    )
    request = tab.page.locator("#my-requests article.review-request")
    expect(request.locator("h3")).to_have_text("Human review · Open")
    expect(request.locator("blockquote")).to_have_text(REVIEW_REASON)
    expect(ask).to_contain_text("You have an open request of this kind; HR will answer it first.")
    expect(tab.page.locator(".interview-outcome .badge")).to_have_text("Under human review")
    tab.assert_clean()

    # when HR, in another browser, opens the request from Review requests and upholds the result with a reason
    hr = new_tab()
    hr.sign_in("hr", demo_accounts["hr"].password)
    hr.page.locator("nav.nav a", has_text="Review requests").click()
    expect(hr.page.locator("main h1")).to_have_text("Review requests")
    row = hr.page.locator("main table tbody tr", has_text="罗丹丹")
    expect(row).to_have_count(1)
    with hr.page.expect_navigation():
        row.get_by_role("link").first.click()
    expect(hr.page.locator("main h1")).to_have_text("Human review · 罗丹丹")
    expect(hr.page.locator(".review-text")).to_have_text(REVIEW_REASON)
    # with the answers, the evidence and the AI scores, their reasons in words rather than the scorer's codes
    scores = hr.page.locator("#scores")
    expect(scores.locator(".answer-score .error").first).to_have_text(
        "Reasons: The answer did not address the question."
    )
    expect(scores).not_to_contain_text("off_topic")
    resolve = hr.page.locator("#resolve")
    resolve.get_by_label("Human decision").select_option(label="Uphold the decision")
    resolve.get_by_label("Explanation or reason").fill(HR_REASON)
    with hr.page.expect_navigation():
        resolve.get_by_role("button", name="Send the answer").click()
    expect(hr.page.locator(".messages")).to_contain_text("Answer recorded; the candidate is notified.")
    expect(resolve.locator("h2")).to_have_text("Answered")
    hr.assert_clean()

    # then the candidate sees the decision and who made it, on the request and on her report
    hr_name = demo_accounts["hr"].name
    tab.page.reload()
    expect(request.locator("h3")).to_have_text("Human review · Done")
    expect(request).to_contain_text(f"Uphold the decision · answered by {hr_name} on")
    expect(request.locator("blockquote").nth(1)).to_have_text(HR_REASON)
    tab.goto(report_path)
    outcome = tab.page.locator("#report-outcome")
    expect(outcome.locator(".badge")).to_have_text("AI result upheld (human decision)")
    expect(outcome).to_contain_text(f"decided by {hr_name} on")
    tab.assert_clean()

    # and another candidate gets the 404 page for her report, its PDF, her growth path and her requests, with nothing
    # of them
    other = new_tab()
    other.sign_in("candidate4", demo_accounts["candidate4"].password)
    for path in (report_path, report_path + "pdf/", growth_path, review_path):
        response = other.goto(path)
        assert response.status == 404
        expect(other.page.locator("main h1")).to_have_text("Not found")
        for leaked in ("罗丹丹", "销售代表", EVIDENCE, REVIEW_REASON, "Download PDF"):
            expect(other.page.locator("body")).not_to_contain_text(leaked)
    # Chromium reports the 404 documents themselves on the console; nothing else may appear there.
    other.assert_clean(allowed=("status of 404",))
