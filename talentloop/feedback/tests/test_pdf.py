"""The PDF: downloaded from HR's page and the candidate's, its text extracted back, every glyph present."""

from __future__ import annotations

import io
import sys
from typing import Any

from django.urls import reverse
from fontTools.ttLib import TTCollection
from pypdf import PdfReader

from talentloop.core.models import AuditEvent
from talentloop.feedback.pdf import FONT_FAMILY, font_path
from talentloop.feedback.tests.conftest import EVIDENCE_QUOTE
from talentloop.interviews.models import InterviewSession


def pdf_text_and_fonts(content: bytes) -> tuple[str, set[str]]:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    fonts = set()
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    return text, fonts


def assert_no_missing_glyphs(text: str, fonts: set[str]) -> None:
    assert "\ufffd" not in text
    # Every font in the PDF is the packaged one (a subset of it), never a system fallback...
    family = FONT_FAMILY.replace(" ", "-")
    assert fonts and all(family in name for name in fonts), fonts
    # ...and the packaged font has a glyph for every character the PDF shows.
    cmap = TTCollection(str(font_path())).fonts[0].getBestCmap()
    missing = {character for character in text if not character.isspace() and ord(character) not in cmap}
    assert missing == set()


def test_hr_pdf_has_the_chinese_dimension_names_and_the_quoted_evidence(
    scored: InterviewSession, client_for: Any, hr: Any
) -> None:
    response = client_for(hr).get(
        reverse("console:interview_report_pdf", args=[scored.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="talentloop-report-{scored.pk}-v1.pdf"'
    text, fonts = pdf_text_and_fonts(response.content)
    assert "问题解决" in text and "沟通能力" in text
    assert EVIDENCE_QUOTE in text.replace("\n", "")
    assert "用一个数字说明结果" in text.replace("\n", "")
    assert_no_missing_glyphs(text, fonts)
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert (event.actor, event.object_type, event.changes) == (
        hr,
        "feedback.report",
        {"format": "pdf", "audience": "hr"},
    )


def test_candidate_pdf_follows_the_policy_and_is_audited(
    scored: InterviewSession, client_for: Any, candidate_a: Any
) -> None:
    response = client_for(candidate_a).get(
        reverse("portal:report_pdf", args=[scored.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.status_code == 200
    text, fonts = pdf_text_and_fonts(response.content)
    assert "问题解决" in text and EVIDENCE_QUOTE in text.replace("\n", "")
    assert_no_missing_glyphs(text, fonts)
    assert (
        AuditEvent.objects.filter(
            action=AuditEvent.Action.EXPORT, actor=candidate_a, changes={"format": "pdf", "audience": "candidate"}
        ).count()
        == 1
    )


def test_without_pango_the_download_says_so_and_audits_nothing(
    scored: InterviewSession, client_for: Any, hr: Any, monkeypatch: Any
) -> None:
    # given WeasyPrint cannot load (as when Pango is missing from the system)
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    url = reverse("console:interview_report_pdf", args=[scored.pk])
    response = client_for(hr).get(url, HTTP_ACCEPT="application/json")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "server_error"
    assert "Pango" in response.json()["error"]["message"]
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()
