"""Input parsing for the learning library pages. Validation of the values lives in ``learning.services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from talentloop.learning.models import Course, Language
from talentloop.learning.services import (
    CourseInput,
    MentorInput,
    ProjectInput,
    TargetInput,
    targets_format,
    targets_parse,
)

TARGETS_HELP = _(
    "One per line or separated by “;”: dimension code, the level it starts from and the level it leads to, "
    "e.g. communication:2-4."
)


class _TargetsField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            label=_("Dimensions and levels it develops"),
            help_text=TARGETS_HELP,
            widget=forms.Textarea(attrs={"rows": 3}),
            **kwargs,
        )

    def clean(self, value: Any) -> list[TargetInput]:
        text = super().clean(value)
        targets, errors = targets_parse(text)
        if errors:
            raise forms.ValidationError(errors)
        return targets


def _initial_targets(item: Any) -> str:
    if item is None:
        return ""
    return targets_format(
        [TargetInput(t.dimension.code, t.level_from, t.level_to) for t in item.targets.select_related("dimension")]
    )


class CourseForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=50)
    title = forms.CharField(label=_("Title"), max_length=200)
    title_en = forms.CharField(label=_("English title"), max_length=200, required=False)
    provider = forms.CharField(label=_("Provider"), max_length=200, required=False)
    format = forms.ChoiceField(label=_("Format"), choices=Course.Format.choices)
    duration_hours = forms.CharField(label=_("Duration (hours)"), max_length=10)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    url = forms.CharField(label=_("Link"), max_length=500, required=False)
    content = forms.CharField(label=_("Internal content"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    targets = _TargetsField()

    def __init__(self, *args: Any, course: Course | None = None, **kwargs: Any) -> None:
        if course is not None:
            kwargs.setdefault(
                "initial",
                {
                    "code": course.code, "title": course.title, "title_en": course.title_en,
                    "provider": course.provider, "format": course.format, "duration_hours": course.duration_hours,
                    "language": course.language, "url": course.url, "content": course.content,
                    "targets": _initial_targets(course),
                },
            )  # fmt: skip
        super().__init__(*args, **kwargs)
        self.course = course
        if course is not None:
            self.fields["code"].disabled = True

    def to_input(self) -> CourseInput:
        data = self.cleaned_data
        return CourseInput(
            code=self.course.code if self.course else data["code"],
            title=data["title"], title_en=data["title_en"], provider=data["provider"], format=data["format"],
            duration_hours=data["duration_hours"], url=data["url"], content=data["content"],
            language=data["language"], is_active=self.course.is_active if self.course else True,
            targets=data["targets"],
        )  # fmt: skip


class ProjectForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=50)
    title = forms.CharField(label=_("Title"), max_length=200)
    title_en = forms.CharField(label=_("English title"), max_length=200, required=False)
    brief = forms.CharField(label=_("Brief"), widget=forms.Textarea(attrs={"rows": 4}))
    expected_outcome = forms.CharField(label=_("Expected outcome"), widget=forms.Textarea(attrs={"rows": 2}))
    effort_hours = forms.CharField(label=_("Effort (hours)"), max_length=10)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    targets = _TargetsField()

    def __init__(self, *args: Any, project: Any = None, **kwargs: Any) -> None:
        if project is not None:
            kwargs.setdefault(
                "initial",
                {
                    "code": project.code, "title": project.title, "title_en": project.title_en,
                    "brief": project.brief, "expected_outcome": project.expected_outcome,
                    "effort_hours": project.effort_hours, "language": project.language,
                    "targets": _initial_targets(project),
                },
            )  # fmt: skip
        super().__init__(*args, **kwargs)
        self.project = project
        if project is not None:
            self.fields["code"].disabled = True

    def to_input(self) -> ProjectInput:
        data = self.cleaned_data
        return ProjectInput(
            code=self.project.code if self.project else data["code"],
            title=data["title"], title_en=data["title_en"], brief=data["brief"],
            expected_outcome=data["expected_outcome"], effort_hours=data["effort_hours"], language=data["language"],
            is_active=self.project.is_active if self.project else True, targets=data["targets"],
        )  # fmt: skip


class MentorForm(forms.Form):
    employee_number = forms.CharField(label=_("Employee number"), max_length=32)
    capacity = forms.IntegerField(label=_("Capacity (mentees at a time)"), min_value=1, max_value=20, initial=2)
    introduction = forms.CharField(label=_("Introduction"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    targets = _TargetsField()

    def __init__(self, *args: Any, mentor: Any = None, **kwargs: Any) -> None:
        if mentor is not None:
            kwargs.setdefault(
                "initial",
                {
                    "employee_number": mentor.employee.employee_number, "capacity": mentor.capacity,
                    "introduction": mentor.introduction, "targets": _initial_targets(mentor),
                },
            )  # fmt: skip
        super().__init__(*args, **kwargs)
        self.mentor = mentor
        if mentor is not None:
            self.fields["employee_number"].disabled = True

    def to_input(self) -> MentorInput:
        data = self.cleaned_data
        return MentorInput(
            employee_number=self.mentor.employee.employee_number if self.mentor else data["employee_number"],
            capacity=data["capacity"], introduction=data["introduction"],
            is_active=self.mentor.is_active if self.mentor else True, targets=data["targets"],
        )  # fmt: skip


class LibraryImportForm(forms.Form):
    file = forms.FileField(label=_("File (.json or .xlsx)"))
