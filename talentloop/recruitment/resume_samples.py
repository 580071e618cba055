"""Small résumé files made in code, for the demo and the tests (no binary files in the repository): a PDF set by
WeasyPrint in the report's packaged Noto Sans CJK, and a DOCX from ``resume_text.docx_build``."""

from __future__ import annotations

from html import escape

from talentloop.feedback.pdf import FONT_FAMILY, font_face_css
from talentloop.recruitment.resume_text import docx_build

__all__ = ["docx_build", "resume_pdf_build"]


def resume_pdf_build(paragraphs: list[str]) -> bytes:
    """A one-page PDF with one paragraph per string; its text layer reads back with pypdf."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    body = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)
    html = f"<html><body style=\"font-family: '{FONT_FAMILY}'; font-size: 11pt\">{body}</body></html>"
    fonts = FontConfiguration()
    stylesheet = CSS(string=font_face_css(), font_config=fonts)
    return bytes(HTML(string=html).write_pdf(stylesheets=[stylesheet], font_config=fonts))
