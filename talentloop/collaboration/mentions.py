"""@mentions in a comment: ``@handle`` where the handle is the colleague's sign-in name (the autocomplete inserts
it); shown as "@full name"."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Not after a word character or "@", so an email address in the text is not a mention.
MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_.+\-]+)")


def mention_handles(body: str) -> list[str]:
    """The handles mentioned in ``body``, each once, in order of first appearance (a trailing "." or "-" ends the
    sentence, not the handle)."""
    handles: list[str] = []
    for match in MENTION.finditer(body):
        handle = match.group(1).rstrip(".-")
        if handle and handle not in handles:
            handles.append(handle)
    return handles


def body_render(body: str, names: dict[str, str]) -> SafeString:
    """The comment as HTML: escaped, line breaks kept, known mentions shown as "@full name"."""
    parts: list[str] = []
    position = 0
    for match in MENTION.finditer(body):
        handle = match.group(1).rstrip(".-")
        if handle not in names:
            continue
        parts.append(escape(body[position : match.start()]))
        parts.append(f'<span class="mention" title="@{escape(handle)}">@{escape(names[handle])}</span>')
        position = match.start() + 1 + len(handle)
    parts.append(escape(body[position:]))
    return mark_safe("".join(parts).replace("\n", "<br>"))  # noqa: S308  (every piece is escaped above)
