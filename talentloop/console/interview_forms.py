"""Forms for HR's interview pages: they parse; the interview services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from talentloop.competencies.models import JobProfile
from talentloop.interviews.models import InterviewTemplate
from talentloop.org.models import Candidate


class TemplateGenerateForm(forms.Form):
    profile = forms.ModelChoiceField(label=_("Job profile"), queryset=JobProfile.objects.none())
    count = forms.IntegerField(label=_("Number of questions"), min_value=1, max_value=30, initial=6)
    language = forms.ChoiceField(label=_("Interview language"), choices=settings.LANGUAGES)
    name = forms.CharField(label=pgettext_lazy("interview template", "Name"), max_length=200, required=False)
    allow_text = forms.BooleanField(label=_("Text answers allowed"), required=False, initial=True)
    allow_voice = forms.BooleanField(label=_("Voice answers allowed"), required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = JobProfile.objects.select_related("position")  # type: ignore[attr-defined]


class TemplateSettingsForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("interview template", "Name"), max_length=200)
    allow_text = forms.BooleanField(label=_("Text answers allowed"), required=False)
    allow_voice = forms.BooleanField(label=_("Voice answers allowed"), required=False)
    is_active = forms.BooleanField(label=pgettext_lazy("in use", "Active"), required=False)


class InvitationForm(forms.Form):
    template = forms.ModelChoiceField(label=_("Interview template"), queryset=InterviewTemplate.objects.none())
    candidate = forms.ModelChoiceField(
        label=_("Existing candidate"),
        queryset=Candidate.objects.none(),
        required=False,
        help_text=_("Or leave empty and enter a new candidate below."),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    mobile = forms.CharField(label=_("Mobile"), max_length=32, required=False)
    valid_days = forms.IntegerField(label=_("Link valid for (days)"), min_value=1, max_value=365)
    send = forms.BooleanField(label=_("Send the link by email now"), required=False, initial=True)

    def __init__(self, *args: Any, candidates: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = InterviewTemplate.objects.filter(is_active=True)  # type: ignore[attr-defined]
        self.fields["candidate"].queryset = candidates if candidates is not None else Candidate.objects.none()  # type: ignore[attr-defined]
        self.fields["valid_days"].initial = settings.INTERVIEW_INVITATION_DAYS

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("candidate") and not cleaned.get("full_name"):
            self.add_error("full_name", _("Choose an existing candidate or enter a name."))
        return cleaned


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("Extend by (days)"), min_value=1, max_value=365, initial=7)
