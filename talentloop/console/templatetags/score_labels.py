"""Words for the codes a stored score keeps (why an answer scored low, which rule found a piece of evidence), so HR
reads them in their language instead of the codes the scorer stores and the API returns."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from talentloop.feedback.selectors import NOTE_TEXTS
from talentloop.scoring.keypoints import Rule

register = template.Library()

EVIDENCE_RULE_TEXTS: dict[str, Promise] = {
    Rule.KEYWORD: gettext_lazy("keyword"),
    Rule.SYNONYM: gettext_lazy("synonym"),
    Rule.CHARACTER_NGRAM: gettext_lazy("similar wording"),
    Rule.EXAMPLE_PHRASE: gettext_lazy("example phrase"),
    Rule.SEMANTIC: gettext_lazy("similar meaning"),
}


@register.filter
def score_reasons(codes: Iterable[str]) -> str:
    """The reasons an answer scored low, in the report's words (the same sentences the candidate reads); a code
    this version does not know is shown as it is stored."""
    return " ".join(str(NOTE_TEXTS.get(code, code)) for code in codes)


@register.filter
def evidence_rule(code: str) -> str:
    """Which key-point rule found this evidence, in words; an unknown code is shown as it is stored."""
    return str(EVIDENCE_RULE_TEXTS.get(code, code))
