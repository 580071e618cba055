"""Small helpers the tests of every app share."""

from __future__ import annotations

import json
import re
from typing import Any

from django.utils.translation import gettext


def translated(fields: dict[str, list[str]]) -> dict[str, list[str]]:
    """Field errors as the active language words them: tests name the English message id, the product may speak
    Chinese."""
    return {name: [gettext(message) for message in messages] for name, messages in fields.items()}


def body_text(response: Any) -> str:
    """The body as a person would read it: JSON is re-encoded so escaped non-ASCII text becomes searchable, and
    the "signed in as" label of the top bar is dropped (a persona seeing their own name there is no leak)."""
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(json.loads(response.content), ensure_ascii=False)
    return re.sub(r'<span class="who">[^<]*</span>', "", response.content.decode())
