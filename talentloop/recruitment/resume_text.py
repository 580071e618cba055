"""Résumé files: recognising PDF and DOCX by their content, extracting their text, and reading structured features
(years of experience, highest degree) from that text by fixed, explainable rules. No Django, no database.

A DOCX is read with the standard library (zipfile + ElementTree) rather than python-docx: we only need the
paragraph text of ``word/document.xml``, and this avoids a dependency (and lxml) for it (decision 0029).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from typing import Any
from xml.etree import ElementTree

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx"}

MAX_PDF_PAGES = 50
MAX_DOCX_XML_BYTES = 20 * 1024 * 1024  # uncompressed word/document.xml: refuses zip bombs
MAX_TEXT_CHARACTERS = 200_000

_WORD_NAMESPACE = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class ResumeUnreadable(Exception):
    """The file is a PDF or DOCX by its signature but its text cannot be read (damaged, encrypted, empty)."""


def resume_content_type(content: bytes) -> str | None:
    """PDF or DOCX judged by the bytes themselves (never by the file name or the browser's claim), else None.

    A PDF starts with ``%PDF-``; a DOCX is a zip archive holding ``[Content_Types].xml`` and ``word/document.xml``.
    Any other zip (an .xlsx, a .jar, a renamed archive) and anything else is refused."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return DOCX
    return None


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ResumeUnreadable("The PDF is password-protected.")
        pages = reader.pages
        if len(pages) > MAX_PDF_PAGES:
            raise ResumeUnreadable(f"The PDF has more than {MAX_PDF_PAGES} pages.")
        return "\n".join(page.extract_text() or "" for page in pages)
    except ResumeUnreadable:
        raise
    except Exception as error:  # pypdf raises many kinds on damaged files; all mean "cannot read"
        raise ResumeUnreadable(f"The PDF could not be read ({type(error).__name__}).") from None


def _docx_text(content: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_DOCX_XML_BYTES:
                raise ResumeUnreadable("The document is too large once unpacked.")
            xml = archive.read(info)
    except ResumeUnreadable:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, RuntimeError) as error:
        raise ResumeUnreadable(f"The DOCX could not be unpacked ({type(error).__name__}).") from None
    # Word writes UTF-8 without a document type declaration. Refusing DTDs (and UTF-16, which would hide one from
    # this byte check) leaves no entity for an XML attack to expand, so the standard parser is safe here.
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml or b"\x00" in xml:
        raise ResumeUnreadable("The DOCX contains a document type declaration, which Word never writes.")
    try:
        root = ElementTree.fromstring(xml)  # noqa: S314 (no DTD, see above)
    except ElementTree.ParseError:
        raise ResumeUnreadable("The DOCX text is not well-formed XML.") from None
    paragraphs = []
    for paragraph in root.iter(f"{_WORD_NAMESPACE}p"):
        parts = []
        for node in paragraph.iter():
            if node.tag == f"{_WORD_NAMESPACE}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{_WORD_NAMESPACE}tab":
                parts.append("\t")
            elif node.tag in (f"{_WORD_NAMESPACE}br", f"{_WORD_NAMESPACE}cr"):
                parts.append("\n")
        paragraphs.append("".join(parts))
    return "\n".join(paragraphs)


def resume_text(content: bytes, content_type: str) -> str:
    """The plain text of a PDF or DOCX résumé; raises ``ResumeUnreadable`` when there is none to read."""
    if content_type == PDF:
        text = _pdf_text(content)
    elif content_type == DOCX:
        text = _docx_text(content)
    else:
        raise ResumeUnreadable("Only PDF and DOCX résumés are read.")
    text = text.replace("\x00", "").strip()
    if not text:
        raise ResumeUnreadable("The file contains no text (a scanned image needs OCR, which is not offered).")
    return text[:MAX_TEXT_CHARACTERS]


def docx_build(paragraphs: list[str]) -> bytes:
    """A minimal, valid DOCX with one paragraph per string (demo data and tests; Word and LibreOffice open it)."""
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{_xml_escape(paragraph)}</w:t></w:r></w:p>' for paragraph in paragraphs
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_WORD_NAMESPACE[1:-1]}"><w:body>{body}</w:body></w:document>'
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    relationships = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="word/document.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
        "</Relationships>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", relationships)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- structured features ----------------------------------------------------------------------------------------

DEGREES = ("associate", "bachelor", "master", "doctorate")  # lowest to highest
_DEGREE_PATTERNS: dict[str, re.Pattern[str]] = {
    "doctorate": re.compile(r"博士|\bph\.?\s?d\b|\bdoctorate\b|\bdoctor of\b", re.IGNORECASE),
    "master": re.compile(r"硕士|研究生|\bmaster(?:'s)?\b|\bmba\b|\bm\.?sc\b|\bm\.eng\b", re.IGNORECASE),
    "bachelor": re.compile(r"本科|学士|\bbachelor(?:'s)?\b|\bb\.?sc\b|\bb\.eng\b|\bb\.a\.", re.IGNORECASE),
    "associate": re.compile(r"大专|专科|\bassociate degree\b", re.IGNORECASE),
}
_STATED_YEARS = (
    re.compile(r"(\d{1,2})\s*\+?\s*年(?:以上)?(?:的)?[\u4e00-\u9fff]{0,6}?经验"),
    re.compile(r"(\d{1,2})\s*\+?\s*years?\s+(?:of\s+)?(?:[a-z\-]+\s+){0,3}?experience", re.IGNORECASE),
)
_YEAR_MONTH = r"((?:19|20)\d{2})\s*(?:[./\-年]\s*(\d{1,2})\s*月?)?"
_RANGE = re.compile(
    _YEAR_MONTH + r"\s*(?:-|–|—|~|～|至|到|to)\s*(?:" + _YEAR_MONTH + r"|(至今|现在|今|present|now|current))",
    re.IGNORECASE,
)
_EDUCATION_LINE = re.compile(
    r"大学|学院|学校|本科|硕士|博士|大专|university|college|school|bachelor|master|ph\.?\s?d|education|教育",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Feature:
    value: Any
    rule: str

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "rule": self.rule}


def highest_degree(text: str) -> Feature | None:
    """The highest degree the text names, by keyword (博士/硕士/本科/大专, PhD/Master/Bachelor/associate)."""
    for degree in reversed(DEGREES):
        match = _DEGREE_PATTERNS[degree].search(text)
        if match:
            return Feature(degree, f"degree keyword '{match.group(0)}'")
    return None


def _month_index(year: str, month: str | None) -> int:
    number = int(month) if month else 1
    return int(year) * 12 + min(max(number, 1), 12) - 1


def years_of_experience(text: str, *, today: date) -> Feature | None:
    """Years of work experience: a stated "N年经验" / "N years of experience" (the largest stated) wins; otherwise the
    union of the date ranges on lines that are not about education ("2019.03 - 至今"), in whole months, / 12 and
    rounded to one decimal. Ongoing ranges end at ``today``. None when the text says neither."""
    stated = [(int(match.group(1)), match.group(0)) for pattern in _STATED_YEARS for match in pattern.finditer(text)]
    stated = [(years, phrase) for years, phrase in stated if 0 < years <= 60]
    if stated:
        years, phrase = max(stated)
        return Feature(years, f"stated '{phrase.strip()}'")
    now = today.year * 12 + today.month - 1
    intervals: list[tuple[int, int]] = []
    for line in text.splitlines():
        if _EDUCATION_LINE.search(line):
            continue
        for match in _RANGE.finditer(line):
            start = _month_index(match.group(1), match.group(2))
            end = now if match.group(5) else _month_index(match.group(3), match.group(4))
            if start <= end <= now:
                intervals.append((start, end + 1))  # the end month counts as worked
    if not intervals:
        return None
    intervals.sort()
    months = 0
    current_start, current_end = intervals[0]
    for start, end in intervals[1:]:
        if start > current_end:
            months += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    months += current_end - current_start
    return Feature(round(months / 12, 1), f"{len(intervals)} date range(s) outside education, {months} months")


def resume_features(text: str, *, today: date) -> dict[str, dict[str, Any]]:
    """The structured features of a résumé's text, each with the rule that produced it; missing ones are left out."""
    features: dict[str, dict[str, Any]] = {}
    experience = years_of_experience(text, today=today)
    if experience is not None:
        features["years_of_experience"] = experience.as_dict()
    degree = highest_degree(text)
    if degree is not None:
        features["highest_degree"] = degree.as_dict()
    return features
