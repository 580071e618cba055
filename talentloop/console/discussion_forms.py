"""The discussion panel's forms: they only parse; the collaboration services decide and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from talentloop.collaboration.models import Comment


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
        help_text=_("Type @ and a name, its pinyin (zhangwei or zw) or a department to mention a colleague."),
    )
    target = forms.ChoiceField(label=_("About"), choices=Comment.Target.choices, initial=Comment.Target.SESSION)
    answer = forms.IntegerField(label=_("Answer"), required=False, widget=forms.HiddenInput)
    dimension = forms.CharField(label=_("Dimension"), required=False, widget=forms.HiddenInput)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    quote_answer = forms.IntegerField(required=False, widget=forms.HiddenInput)
    quote_snippet = forms.CharField(
        label=_("Quoted words"), required=False, max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )
    grant_access = forms.BooleanField(label=_("Grant them access to this candidate and mention them"), required=False)


class CommentEditForm(forms.Form):
    body = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    grant_access = forms.BooleanField(label=_("Grant them access to this candidate and mention them"), required=False)
