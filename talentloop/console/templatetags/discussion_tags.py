"""Template helpers of the discussion panel."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from talentloop.collaboration.mentions import body_render
from talentloop.collaboration.models import Comment

register = template.Library()


@register.filter
def comment_body(comment: Comment) -> SafeString:
    """The comment's words as HTML, mentions shown by name (from the prefetched ``mentioned``)."""
    return body_render(comment.body, {user.get_username(): str(user) for user in comment.mentioned.all()})


@register.filter
def lookup(mapping: Any, key: Any) -> Any:
    """``mapping[key]``, or None (``counts.by_answer|lookup:answer.pk``)."""
    if mapping is None:
        return None
    try:
        return mapping.get(key)
    except AttributeError:
        return None
