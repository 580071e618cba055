"""Forms of the fairness audit and the sensitive attributes pages: they parse and validate; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from talentloop.analytics.fairness_selectors import ADVANCE_STAGE_KINDS, FairnessFilters, Outcome
from talentloop.analytics.models import SEX, SensitiveCategory
from talentloop.analytics.selectors import sensitive_category_list
from talentloop.org.models import Department
from talentloop.recruitment.models import Opening, PipelineStage

DEFAULT_FILTERS = {
    "outcome": Outcome.AI_PASS.value,
    "category": SEX,
    "stage_kind": PipelineStage.Kind.HUMAN_INTERVIEW.value,
}


class FairnessFilterForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    stage_kind = forms.ChoiceField(
        label=_("Stage (for “moved beyond a stage”)"),
        choices=[(kind.value, kind.label) for kind in ADVANCE_STAGE_KINDS],
    )
    category = forms.ChoiceField(label=_("Category"))
    intersect_with = forms.ChoiceField(label=_("Intersect with"), required=False)
    opening = forms.ModelChoiceField(label=_("Opening"), queryset=Opening.objects.none(), required=False)
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none(), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}), input_formats=["%Y-%m-%d"]
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}), input_formats=["%Y-%m-%d"]
    )
    exclude_small = forms.BooleanField(label=_("Exclude groups under 2%"), required=False)

    def __init__(self, data: QueryDict | dict[str, Any], *args: Any, **kwargs: Any) -> None:
        merged = {**DEFAULT_FILTERS, **{key: data.get(key) for key in data}} if data is not None else None
        super().__init__(merged, *args, **kwargs)
        self.categories = {category.code: category for category in sensitive_category_list()}
        choices = [(code, category.label) for code, category in self.categories.items()]
        self.fields["category"].choices = choices  # type: ignore[attr-defined]
        self.fields["intersect_with"].choices = [("", _("(none)")), *choices]  # type: ignore[attr-defined]
        self.fields["opening"].queryset = Opening.objects.order_by("-created_at", "pk")  # type: ignore[attr-defined]
        self.fields["department"].queryset = Department.objects.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("intersect_with") and cleaned.get("intersect_with") == cleaned.get("category"):
            self.add_error("intersect_with", _("Choose a different category to intersect with."))
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The end of the period is before its start."))
        return cleaned

    def filters(self) -> FairnessFilters:
        """The validated filters (call after ``is_valid``)."""
        data = self.cleaned_data
        categories: list[SensitiveCategory] = [self.categories[data["category"]]]
        if data.get("intersect_with"):
            categories.append(self.categories[data["intersect_with"]])
        return FairnessFilters(
            outcome=data["outcome"],
            categories=tuple(categories),
            opening=data.get("opening"),
            department=data.get("department"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            exclude_small=bool(data.get("exclude_small")),
            stage_kind=data["stage_kind"],
        )

    def error_message(self) -> str:
        """All the form's errors in one line, for the 400 page and the downloads."""
        parts = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else ""
            text = " ".join(str(error) for error in errors)
            parts.append(f"{label}: {text}" if label else text)
        return " ".join(parts)


class SensitiveCategoryForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=100)
    name_en = forms.CharField(label=_("English name"), max_length=100, required=False)
    description = forms.CharField(
        label=_("Why it is recorded"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    description_en = forms.CharField(
        label=_("Why it is recorded (English)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    values = forms.CharField(
        label=_("Values"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One value a line: code | Chinese label | English label"),
    )

    def clean_values(self) -> list[dict[str, str]]:
        values = []
        for line in self.cleaned_data["values"].splitlines():
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) < 2:
                raise forms.ValidationError(_("Write each value as: code | Chinese label | English label"))
            values.append({"code": parts[0], "label": parts[1], "label_en": parts[2] if len(parts) > 2 else ""})
        return values


class SensitiveAttributeForm(forms.Form):
    """An HR admin's entry: one choice per category ("" = not recorded), and the consent evidence."""

    consent_given_on = forms.DateField(
        label=_("Consent given on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        input_formats=["%Y-%m-%d"],
    )
    consent_evidence = forms.CharField(
        label=_("Consent evidence"),
        required=False,
        max_length=500,
        help_text=_("Where the person's written consent is kept, e.g. the signed form's number."),
    )

    def __init__(self, *args: Any, categories: list[SensitiveCategory], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for category in categories:
            self.fields[f"category_{category.code}"] = forms.ChoiceField(
                label=category.label,
                required=False,
                choices=[("", _("Not recorded")), *category.value_choices()],
            )
        self.order_fields([f"category_{category.code}" for category in categories])
        self.category_codes = [category.code for category in categories]

    def values(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"category_{code}", "") for code in self.category_codes}
