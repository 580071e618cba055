"""Parsing the human-rating form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

LEVELS = [1, 2, 3, 4, 5]


class RatingForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("Level"),
        choices=[(level, str(level)) for level in LEVELS],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a level from 1 to 5."),
            "invalid_choice": _("Choose a level from 1 to 5."),
        },
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, anchors: dict[int, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        anchors = anchors or {}
        field = self.fields["level"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [
            (level, f"{level} · {anchors[level]}" if anchors.get(level) else str(level)) for level in LEVELS
        ]
