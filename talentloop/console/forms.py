"""Forms only parse and validate input shape; services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from talentloop.core.exceptions import ApplicationError
from talentloop.org.models import Candidate, Department, Position, Role


def form_add_application_error(form: forms.Form, error: ApplicationError) -> None:
    """Show a service's error on the form: per field where it names fields, else on the whole form."""
    placed = False
    for name, messages in error.fields.items():
        if name in form.fields:
            for message in messages or [error.message]:
                form.add_error(name, message or error.message)
            placed = True
    if not placed:
        form.add_error(None, error.message)


class CandidateForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("Email"), required=False)
    mobile = forms.CharField(label=_("Mobile"), max_length=32, required=False)
    applied_position = forms.ModelChoiceField(label=_("Applied position"), queryset=Position.objects.none())
    source = forms.CharField(label=_("Source"), max_length=100, required=False)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["applied_position"].queryset = Position.objects.select_related("department")  # type: ignore[attr-defined]


class CandidateEditForm(CandidateForm):
    status = forms.ChoiceField(label=_("Status"), choices=Candidate.Status.choices)


class DepartmentForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("department", "Name"), max_length=200)
    name_en = forms.CharField(label=_("English name"), max_length=200, required=False)
    code = forms.SlugField(label=_("Code"), max_length=50, required=False)
    parent = forms.ModelChoiceField(label=_("Parent department"), queryset=Department.objects.all(), required=False)


class PositionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    title_en = forms.CharField(label=_("English title"), max_length=200, required=False)
    code = forms.SlugField(label=_("Code"), max_length=50, required=False)
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.all())
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class RoleGrantForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(r.value, r.label) for r in (Role.HR_ADMIN, Role.HR, Role.HIRING_MANAGER, Role.INTERVIEWER)],
    )
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.all(), required=False)


class AuditFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    action = forms.ChoiceField(label=_("Action"), required=False)
    since = forms.DateField(
        label=pgettext_lazy("date range", "From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=pgettext_lazy("date range", "To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from talentloop.core.models import AuditEvent

        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All actions")), *AuditEvent.Action.choices]  # type: ignore[attr-defined]
