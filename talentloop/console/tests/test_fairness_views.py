"""The fairness audit page, its CSV and PDF, and the sensitive attributes pages: HR admins only, every read audited,
no value ever shown to anyone else."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from talentloop.accounts.models import User
from talentloop.analytics.models import SensitiveAttribute, SensitiveCategory
from talentloop.analytics.services import sensitive_attributes_declare
from talentloop.analytics.tests.fairness_world import AuditWorld
from talentloop.conftest import Organisation
from talentloop.core.models import AuditEvent

EN: dict[str, Any] = {"HTTP_ACCEPT_LANGUAGE": "en"}
# Session, user, actor (grants, person, employee?, candidate?), categories (form, report), interviews, newest scores,
# attributes, the audit event, the navigation's two counts, the opening and department options.
QUERIES = 18
FAIRNESS = "/console/analytics/fairness/"

pytestmark = pytest.mark.usefixtures("sensitive_categories")


def signed_in(user: User | None) -> Client:
    client = Client(**EN)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("hr_admin", 200),
        ("hr", 403),
        ("sales_manager", 403),
        ("interviewer", 403),
        ("employee", 404),
        ("candidate_a", 404),
    ],
)
def test_only_hr_admins_open_the_fairness_audit(personas: dict[str, User | None], persona: str, status: int):
    for url in (FAIRNESS, f"{FAIRNESS}report.csv", f"{FAIRNESS}report.pdf"):
        assert signed_in(personas[persona]).get(url).status_code == status, url
    exports = AuditEvent.objects.filter(object_type="analytics.fairness_audit")
    assert exports.count() == (3 if status == 200 else 0)


def test_anonymous_visitors_are_sent_to_sign_in(db: None):
    response = signed_in(None).get(FAIRNESS)
    assert (response.status_code, response["Location"].split("?")[0]) == (302, reverse("accounts:login"))


@pytest.mark.parametrize("persona", ["hr", "sales_manager", "rnd_manager", "interviewer", "employee", "candidate_a"])
def test_nobody_but_an_hr_admin_finds_the_sensitive_attributes_pages(
    personas: dict[str, User | None], persona: str, candidate_b: User
):
    sensitive_attributes_declare(actor=candidate_b, person=candidate_b.person, values={"sex": "male"}, consent=True)
    client = signed_in(personas[persona])
    page = reverse("console:sensitive_attributes", args=[candidate_b.person.pk])

    assert client.get(page).status_code == 404
    assert client.post(page, {"category_sex": "female", "consent_evidence": "x"}).status_code == 404
    assert client.get(reverse("console:sensitive_categories")).status_code == 404
    assert [attribute.value for attribute in SensitiveAttribute.objects.all()] == ["male"]
    assert not AuditEvent.objects.filter(object_type="analytics.sensitive_attributes", action="view").exists()


def test_hr_sees_the_candidate_but_neither_the_value_nor_the_link(hr: User, hr_admin: User, candidate_b: User):
    candidate = candidate_b.person.candidate
    sensitive_attributes_declare(actor=candidate_b, person=candidate_b.person, values={"sex": "male"}, consent=True)
    page = reverse("console:candidate_detail", args=[candidate.pk])

    html = signed_in(hr).get(page).content.decode()
    admin_html = signed_in(hr_admin).get(page).content.decode()

    assert "sensitive-attributes-link" not in html
    assert "Male" not in html and "男" not in html
    assert reverse("console:sensitive_attributes", args=[candidate_b.person.pk]) in admin_html


def test_an_hr_admin_views_and_records_attributes_and_each_view_is_audited(hr_admin: User, candidate_b: User):
    person = candidate_b.person
    client = signed_in(hr_admin)
    page = reverse("console:sensitive_attributes", args=[person.pk])

    first = client.get(page)
    refused = client.post(page, {"category_sex": "male", "consent_evidence": ""})
    saved = client.post(
        page, {"category_sex": "male", "consent_given_on": "2026-11-02", "consent_evidence": "Signed form 117"}
    )
    shown = client.get(page).content.decode()

    assert first.status_code == 200
    assert refused.status_code == 400
    assert "Say where the person&#x27;s written consent is kept." in refused.content.decode()
    assert (saved.status_code, saved["Location"]) == (302, page)
    assert "Signed form 117" in shown and "Male" in shown
    views = AuditEvent.objects.filter(object_type="analytics.sensitive_attributes", object_id=str(person.pk))
    assert sorted(views.values_list("action", flat=True)) == ["update", "view", "view"]


def test_an_hr_admin_adds_a_category_and_a_bad_one_writes_nothing(hr_admin: User):
    client = signed_in(hr_admin)
    url = reverse("console:sensitive_categories")

    bad = client.post(url, {"code": "disability", "name": "残疾", "values": "yes|有"})
    good = client.post(url, {"code": "disability", "name": "残疾状况", "values": "yes | 有 | Yes\nno | 无 | No"})

    assert bad.status_code == 400
    assert good.status_code == 302
    assert SensitiveCategory.objects.get(code="disability").values == [
        {"code": "yes", "label": "有", "label_en": "Yes"},
        {"code": "no", "label": "无", "label_en": "No"},
    ]


def test_the_page_shows_groups_unknowns_the_flag_and_the_chart(
    audit_world: AuditWorld, org: Organisation, hr_admin: User
):
    response = signed_in(hr_admin).get(FAIRNESS, {"category": "age_band", "department": str(org.sales.pk)})
    html = response.content.decode()

    assert response.status_code == 200
    rows = response.context["report"].rows
    assert [(row.label, row.rate_percent, row.impact_ratio, row.group.flagged) for row in rows] == [
        ("25–34", 42.1, 0.421, True),
        ("55 and over", 100.0, 1.0, False),
    ]
    assert 'id="fairness-unknown"><td>Unknown category</td><td>32</td><td>10</td>' in html
    assert "small group" in html
    assert '<svg id="fairness-chart"' in html and 'id="four-fifths-line"' in html
    assert "<script" not in html.split('<svg id="fairness-chart"')[1].split("</svg>")[0]
    assert "1 group is below four fifths of the reference rate." in html
    event = AuditEvent.objects.get(object_type="analytics.fairness_audit")
    assert (event.action, event.changes["filters"]["categories"]) == ("view", ["age_band"])


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"outcome": "hired"}, "outcome"),
        ({"category": "religion"}, "category"),
        ({"category": "sex", "intersect_with": "sex"}, "intersect_with"),
        ({"date_from": "2026-03-02", "date_to": "2026-03-01"}, "date_to"),
        ({"date_from": "yesterday"}, "date_from"),
        ({"opening": "999999"}, "opening"),
        ({"outcome": "advance", "stage_kind": "hired"}, "stage_kind"),
    ],
)
def test_a_bad_filter_is_a_400_with_a_message_and_nothing_is_audited(hr_admin: User, query: dict[str, str], field: str):
    client = signed_in(hr_admin)

    page = client.get(FAIRNESS, query)
    csv = client.get(f"{FAIRNESS}report.csv", query)

    assert page.status_code == 400
    assert field in page.context["form"].errors
    assert "These filters cannot be used:" in page.content.decode()
    assert csv.status_code == 400
    assert not AuditEvent.objects.filter(object_type="analytics.fairness_audit").exists()


def test_the_csv_report_has_the_facts_and_every_group(audit_world: AuditWorld, org: Organisation, hr_admin: User):
    response = signed_in(hr_admin).get(f"{FAIRNESS}report.csv", {"category": "sex", "department": str(org.sales.pk)})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(
        r'attachment; filename="fairness-audit-ai_pass-\d{8}-\d{4}\.csv"', response["Content-Disposition"]
    )
    lines = response.content.decode("utf-8-sig").split("\n")
    assert re.fullmatch(r"Generated at,\d{4}-\d\d-\d\d \d\d:\d\d", lines[1])
    assert [lines[0], *lines[2:]] == [
        "Fairness audit",
        "Data range,2026-03-10 – 2026-03-10",
        "Outcome,Passed the AI interview",
        "Categories,Sex",
        "Opening,All openings",
        "Department,Sales",
        "Period from,any",
        "Period to,any",
        "Groups under 2% excluded,no",
        "Assessed,52",
        "Unknown category,32",
        "Unknown and selected,10",
        "",
        "Group,Count,Selected,Selection rate,Share,Impact ratio,Impact ratio (exact),Below four fifths,"
        "Small group,Excluded,Reference group",
        "Female,10,4,0.4000,0.1923,0.8000,4/5,no,no,no,no",
        "Male,10,5,0.5000,0.1923,1.0000,1/1,no,no,no,yes",
        "",
    ]
    assert AuditEvent.objects.get(object_type="analytics.fairness_audit").action == "export"


def test_the_pdf_report_carries_the_title_the_data_range_and_the_groups(
    audit_world: AuditWorld,
    hr_admin: User,
):
    response = signed_in(hr_admin).get(
        f"{FAIRNESS}report.pdf", {"category": "sex", "outcome": "ai_score", "date_from": "2026-03-01"}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Fairness audit" in text
    assert "2026-03-10 – 2026-03-10" in text
    assert "Female" in text and "Male" in text
    assert "Median score (full sample)" in text


def test_the_page_makes_the_same_number_of_queries_whatever_the_sample_size(
    audit_world: AuditWorld, org: Organisation, hr_admin: User, django_assert_num_queries: Any
):
    from talentloop.analytics.tests.fairness_world import assessed

    client = signed_in(hr_admin)
    query = {"category": "sex", "intersect_with": "age_band"}
    client.get(FAIRNESS, query)  # warm the session and the actor

    with django_assert_num_queries(QUERIES):
        client.get(FAIRNESS, query)
    for _index in range(5):
        assessed(audit_world.sales, passed=True, sex="female", age_band="45_54")
    with django_assert_num_queries(QUERIES):
        response = client.get(FAIRNESS, query)
    assert response.status_code == 200


def test_the_pipeline_outcomes_are_offered_and_audited_with_their_stage(hr_admin: User):
    client = signed_in(hr_admin)

    response = client.get(FAIRNESS, {"outcome": "advance", "stage_kind": "background_check"})

    assert response.status_code == 200
    assert response.context["report"].outcome_label == "Moved beyond a stage: Background check"
    html = response.content.decode()
    assert '<option value="offer">Reached the offer stage</option>' in html
    event = AuditEvent.objects.get(object_type="analytics.fairness_audit")
    assert (event.changes["filters"]["outcome"], event.changes["filters"]["stage_kind"]) == (
        "advance",
        "background_check",
    )
