"""Forms of HR's score pages: picking the interviews to re-score."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from talentloop.assessments.selectors import RescoreSelection
from talentloop.competencies.models import JobProfile
from talentloop.interviews.models import InterviewTemplate


class SessionIdsField(forms.Field):
    """Ticked interviews: repeated ``session`` values, each a whole number."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> tuple[int, ...]:
        if not value:
            return ()
        values = value if isinstance(value, list | tuple) else [value]
        try:
            return tuple(sorted({int(item) for item in values}))
        except (TypeError, ValueError):
            raise ValidationError(_("Interview numbers must be whole numbers."), code="invalid") from None


class RescoreSelectionForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Interview template"), queryset=InterviewTemplate.objects.none(), required=False
    )
    job_profile = forms.ModelChoiceField(label=_("Job profile"), queryset=JobProfile.objects.none(), required=False)
    session = SessionIdsField(label=_("Interviews"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = InterviewTemplate.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["job_profile"].queryset = JobProfile.objects.select_related(  # type: ignore[attr-defined]
            "position"
        )

    def selection(self, *, ticked: bool = True) -> RescoreSelection:
        """What the form picks; without ``ticked``, everything the template and job profile pick (the list HR
        ticks from)."""
        template = self.cleaned_data.get("template")
        job_profile = self.cleaned_data.get("job_profile")
        session_ids = self.cleaned_data.get("session") or ()
        if not ticked and (template is not None or job_profile is not None):
            session_ids = ()
        return RescoreSelection(
            template_id=template.pk if template is not None else None,
            job_profile_id=job_profile.pk if job_profile is not None else None,
            session_ids=tuple(session_ids),
        )
