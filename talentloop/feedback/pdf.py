"""The report as a PDF, rendered by WeasyPrint from the same template and SVG chart as the page.

Chinese is set in Noto Sans CJK from the ``noto-cjk-sans-otc`` package, loaded with ``@font-face`` from the
package's own path, so the PDF never depends on the fonts a server happens to have. WeasyPrint needs Pango from the
operating system (Debian: ``libpango-1.0-0``, ``libpangoft2-1.0-0``); see decision 0013.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from talentloop.core.exceptions import ApplicationError, ErrorCode

FONT_FAMILY = "TalentLoop CJK"
REPORT_CSS = Path(__file__).parent / "static" / "feedback" / "report.css"


class PdfUnavailable(ApplicationError):
    status = 503
    default_code = ErrorCode.SERVER_ERROR


@cache
def font_path() -> Path:
    """The Noto Sans CJK collection shipped inside the ``noto-cjk-sans-otc`` wheel."""
    import noto_cjk_sans_otc

    return Path(str(noto_cjk_sans_otc.FONT_PATH))


def font_face_css() -> str:
    """The ``@font-face`` rule that points WeasyPrint at the packaged font file."""
    return f"@font-face {{ font-family: '{FONT_FAMILY}'; src: url('{font_path().as_uri()}'); }}"


def pdf_render(*, template: str, context: dict[str, Any]) -> bytes:
    """Render ``template`` with ``context`` (plus ``font_family``) to PDF bytes in the packaged CJK font. Any room
    above this floor that prints a document (the fairness audit report) uses this one helper."""
    try:
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration
    except (OSError, ImportError) as error:  # Pango is missing from the operating system (OSError)
        raise PdfUnavailable(
            _("PDF export is not available on this server: the Pango library is missing. Ask your administrator.")
        ) from error
    html = render_to_string(template, {**context, "font_family": FONT_FAMILY})
    fonts = FontConfiguration()
    stylesheet = CSS(string=font_face_css(), font_config=fonts)
    return bytes(HTML(string=html).write_pdf(stylesheets=[stylesheet], font_config=fonts))


def report_pdf_render(*, context: dict[str, Any]) -> bytes:
    """Render ``feedback/report_pdf.html`` with ``context`` to PDF bytes."""
    return pdf_render(
        template="feedback/report_pdf.html",
        context={**context, "report_css": REPORT_CSS.read_text(encoding="utf-8")},
    )
