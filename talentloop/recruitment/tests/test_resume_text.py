"""Résumé files: content sniffing, text extraction and the structured features, on exact inputs."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from talentloop.recruitment.resume_text import (
    DOCX,
    PDF,
    ResumeUnreadable,
    docx_build,
    highest_degree,
    resume_content_type,
    resume_features,
    resume_text,
    years_of_experience,
)
from talentloop.recruitment.tests.careers_fixtures import DOCX_LINES, PDF_LINES

TODAY = date(2026, 11, 29)


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_a_pdf_and_a_docx_are_recognised_by_content(pdf_resume: bytes, docx_resume: bytes) -> None:
    assert resume_content_type(pdf_resume) == PDF
    assert resume_content_type(docx_resume) == DOCX


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00\x03\x00\x00\x00 a Windows program renamed to resume.pdf",
        b"\x7fELF\x02\x01\x01 a Linux program",
        b"plain text pretending to be a PDF",
        b"",
        _zip({"hello.txt": "a zip that is not a Word document"}),
        _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"}),  # an Excel file
        b"PK\x03\x04 a broken zip",
    ],
)
def test_anything_else_is_refused_whatever_it_is_called(content: bytes) -> None:
    assert resume_content_type(content) is None


def test_the_text_of_a_generated_pdf_reads_back_exactly(pdf_resume: bytes) -> None:
    assert resume_text(pdf_resume, PDF) == "\n".join(PDF_LINES)


def test_the_text_of_a_generated_docx_reads_back_exactly(docx_resume: bytes) -> None:
    assert resume_text(docx_resume, DOCX) == "\n".join(DOCX_LINES)


def test_a_damaged_pdf_is_unreadable_not_a_crash() -> None:
    with pytest.raises(ResumeUnreadable, match="could not be read"):
        resume_text(b"%PDF-1.7\n this is not really a PDF", PDF)


def test_a_docx_with_an_entity_declaration_is_refused() -> None:
    document = (
        '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
    )
    content = _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": document})
    with pytest.raises(ResumeUnreadable, match="document type declaration"):
        resume_text(content, DOCX)


def test_a_docx_without_text_is_unreadable() -> None:
    with pytest.raises(ResumeUnreadable, match="no text"):
        resume_text(docx_build(["", "  "]), DOCX)


@pytest.mark.parametrize(
    ("text", "value", "rule"),
    [
        ("本人有5年工作经验，熟悉 Java。", 5, "stated '5年工作经验'"),
        ("3年以上销售经验；另有 8 年相关经验", 8, "stated '8 年相关经验'"),
        ("Over 12+ years of software experience.", 12, "stated '12+ years of software experience'"),
        ("7 years experience in sales", 7, "stated '7 years experience'"),
    ],
)
def test_stated_years_of_experience(text: str, value: int, rule: str) -> None:
    feature = years_of_experience(text, today=TODAY)
    assert feature is not None and (feature.value, feature.rule) == (value, rule)


def test_years_from_date_ranges_merge_overlaps_skip_education_and_end_today() -> None:
    text = (
        "2016.09 - 2020.06 复旦大学 本科\n"  # education: not experience
        "2020.07 - 2022.12 A公司 开发\n"  # 30 months
        "2022.06 - 2023.05 兼职顾问\n"  # overlaps: adds 2023.01–2023.05 = 5 months
        "2024年3月 至今 B公司\n"  # 2024.03–2026.11 = 33 months
    )
    feature = years_of_experience(text, today=TODAY)
    assert feature is not None
    assert (feature.value, feature.rule) == (5.7, "3 date range(s) outside education, 68 months")


def test_no_experience_is_none_not_zero() -> None:
    assert years_of_experience("应届毕业生，热爱编程。", today=TODAY) is None


@pytest.mark.parametrize(
    ("text", "value", "keyword"),
    [
        ("北京大学 博士；清华大学 硕士", "doctorate", "博士"),
        ("华东师范大学 硕士研究生", "master", "硕士"),
        ("Master of Engineering, Bachelor of Arts", "master", "Master"),
        ("Ph.D. in Statistics", "doctorate", "Ph.D"),
        ("本科 计算机", "bachelor", "本科"),
        ("深圳职业技术学院 大专", "associate", "大专"),
    ],
)
def test_highest_degree(text: str, value: str, keyword: str) -> None:
    feature = highest_degree(text)
    assert feature is not None and (feature.value, feature.rule) == (value, f"degree keyword '{keyword}'")


def test_features_of_the_generated_pdf(pdf_resume: bytes) -> None:
    assert resume_features(resume_text(pdf_resume, PDF), today=TODAY) == {
        "years_of_experience": {"value": 8.4, "rule": "2 date range(s) outside education, 101 months"},
        "highest_degree": {"value": "master", "rule": "degree keyword '硕士'"},
    }


def test_no_features_in_a_text_without_them() -> None:
    assert resume_features("喜欢跑步。", today=TODAY) == {}
