"""Forms of the interview set-up pages. They parse input into the services' input types; services decide."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from talentloop.competencies.models import LEVELS, REQUIRED_ANCHOR_LEVELS, Dimension
from talentloop.competencies.services import AnchorInput, RequirementInput
from talentloop.core.exceptions import ApplicationError
from talentloop.org.models import Position
from talentloop.questionbank.io import MAX_IMPORT_BYTES
from talentloop.questionbank.models import Question, Rubric
from talentloop.questionbank.services import KeyPointInput, QuestionInput, RubricInput

# Keywords and synonyms are typed as one line: commas or semicolons (ASCII or full-width) or 、 separate them.
_TERM_SEPARATORS = re.compile(r"[,;，；、]")
LEVEL_CHOICES = [("", "—"), *((str(level), str(level)) for level in LEVELS)]
REQUIREMENT_ROWS = 8
BLANK_KEY_POINT_ROWS = 3
MAX_RUBRIC_BLOCKS = 20


def terms_split(value: str) -> list[str]:
    return [term.strip() for term in _TERM_SEPARATORS.split(value) if term.strip()]


def lines_split(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def label_inputs_for_screen_readers(form: forms.Form) -> None:
    """Rows of a table show their labels once, in the header; each input still carries its own for screen readers."""
    for field in form.fields.values():
        field.widget.attrs.setdefault("aria-label", field.label)


def dimension_choices(dimensions: Iterable[Dimension]) -> list[tuple[str, str]]:
    choices = [("", "—")]
    for dimension in dimensions:
        label = f"{dimension.name} ({dimension.code})"
        if not dimension.is_active:
            label = f"{label} · {gettext('inactive')}"
        choices.append((dimension.code, label))
    return choices


# --- competency dimensions --------------------------------------------------------------------------------------


class DimensionForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=50, help_text=_("Letters, digits and hyphens; cannot change."))
    name = forms.CharField(label=_("Name (Chinese)"), max_length=100)
    name_en = forms.CharField(label=_("Name (English)"), max_length=100, required=False)
    description = forms.CharField(
        label=_("Description (Chinese)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    description_en = forms.CharField(
        label=_("Description (English)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Dimension.Kind.choices)
    is_active = forms.BooleanField(label=pgettext_lazy("in use", "Active"), required=False)

    def __init__(self, *args: Any, dimension: Dimension | None = None, **kwargs: Any) -> None:
        if dimension is not None:
            kwargs.setdefault("initial", self.initial_for(dimension))
        super().__init__(*args, **kwargs)
        self.dimension = dimension
        if dimension is None:
            del self.fields["is_active"]
        else:
            # The code names the dimension everywhere (rubrics, imports); the kind decides how profiles may weight
            # it. Neither changes after creation.
            del self.fields["code"]
            self.fields["kind"].disabled = True
        for level in LEVELS:
            # Levels 1, 3 and 5 are required; the service checks that, so the rule lives in one place.
            self.fields[f"anchor_{level}"] = forms.CharField(
                label=_("Level %(level)s (Chinese)") % {"level": level},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )
            self.fields[f"anchor_{level}_en"] = forms.CharField(
                label=_("Level %(level)s (English)") % {"level": level},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )

    @staticmethod
    def initial_for(dimension: Dimension) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "name": dimension.name,
            "name_en": dimension.name_en,
            "description": dimension.description,
            "description_en": dimension.description_en,
            "kind": dimension.kind,
            "is_active": dimension.is_active,
        }
        for anchor in dimension.anchors.all():
            initial[f"anchor_{anchor.level}"] = anchor.description
            initial[f"anchor_{anchor.level}_en"] = anchor.description_en
        return initial

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if not name.startswith("anchor_")]

    def anchor_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "level": level,
                "required": level in REQUIRED_ANCHOR_LEVELS,
                "fields": [self[f"anchor_{level}"], self[f"anchor_{level}_en"]],
            }
            for level in LEVELS
        ]

    def anchors(self) -> dict[int, AnchorInput]:
        """The anchors typed in; a level left blank in both languages is left out."""
        anchors = {}
        for level in LEVELS:
            description = self.cleaned_data.get(f"anchor_{level}", "")
            description_en = self.cleaned_data.get(f"anchor_{level}_en", "")
            if description or description_en:
                anchors[level] = AnchorInput(description=description, description_en=description_en)
        return anchors

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        arguments = {
            "name": data["name"],
            "name_en": data["name_en"],
            "description": data["description"],
            "description_en": data["description_en"],
            "anchors": self.anchors(),
        }
        if self.dimension is None:
            arguments.update(code=data["code"], kind=data["kind"])
        else:
            arguments.update(is_active=data["is_active"])
        return arguments


# --- job profiles -----------------------------------------------------------------------------------------------


class JobProfileForm(forms.Form):
    pass_threshold = forms.IntegerField(label=_("Pass threshold (0–100)"), initial=60)
    summary = forms.CharField(
        label=_("What the role requires (Chinese)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    summary_en = forms.CharField(
        label=_("What the role requires (English)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class RequirementRowForm(forms.Form):
    dimension = forms.ChoiceField(label=_("Dimension"), required=False)
    weight = forms.DecimalField(label=_("Weight"), max_digits=5, decimal_places=2, required=False)
    required_level = forms.TypedChoiceField(
        label=_("Required level"), choices=LEVEL_CHOICES, coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args: Any, dimension_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dimension"].choices = dimension_choices  # type: ignore[attr-defined]
        label_inputs_for_screen_readers(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("dimension"):
            if data.get("weight") is not None or data.get("required_level") is not None:
                raise forms.ValidationError(_("Choose a dimension or clear the row."))
            return data
        for name in ("weight", "required_level"):
            if data.get(name) is None and name not in self.errors:
                self.add_error(name, _("This field is required."))
        return data

    def is_blank(self) -> bool:
        return not self.cleaned_data.get("dimension")


RequirementFormSet = formset_factory(RequirementRowForm, extra=0)


def requirement_formset(data: Any, *, dimensions: Iterable[Dimension], requirements: Iterable[Any] = ()) -> Any:
    """Rows for the profile's dimensions plus blank ones, ``REQUIREMENT_ROWS`` at least."""
    initial = [
        {"dimension": r.dimension.code, "weight": r.weight, "required_level": r.required_level} for r in requirements
    ]
    initial += [{}] * max(3, REQUIREMENT_ROWS - len(initial))
    return RequirementFormSet(
        data,
        initial=initial,
        prefix="requirements",
        form_kwargs={"dimension_choices": dimension_choices(dimensions)},
    )


def requirement_inputs(formset: Any) -> list[RequirementInput]:
    return [
        RequirementInput(
            form.cleaned_data["dimension"], form.cleaned_data["weight"], form.cleaned_data["required_level"]
        )
        for form in formset.forms
        if not form.is_blank()
    ]


def job_profile_add_application_error(form: forms.Form, formset: Any, error: ApplicationError) -> None:
    """Show job_profile_save's errors on the profile form, or on the row they name (``requirements.<index>``
    counts the filled-in rows from 0)."""
    rows = [row for row in formset.forms if not row.is_blank()]
    placed = False
    for name, messages in error.fields.items():
        target: forms.Form = form
        field: str | None = name if name in form.fields else None
        _prefix, _dot, index = name.partition("requirements.")
        if index.isdigit() and int(index) < len(rows):
            target, field = rows[int(index)], None
        for message in messages or [error.message]:
            target.add_error(field, message or error.message)
        placed = True
    if not placed:
        form.add_error(None, error.message)


# --- questions and rubrics --------------------------------------------------------------------------------------


class QuestionForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=80, help_text=_("Letters, digits and hyphens; cannot change."))
    kind = forms.ChoiceField(label=_("Type"), choices=Question.Kind.choices)
    text = forms.CharField(label=_("Question (Chinese)"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    text_en = forms.CharField(label=_("Question (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    reference_answer = forms.CharField(
        label=_("Reference answer"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    positions = forms.ModelMultipleChoiceField(
        label=_("Positions"),
        queryset=Position.objects.none(),
        to_field_name="code",
        required=False,
        help_text=_("Leave empty for a generic question."),
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    expected_answer_seconds = forms.IntegerField(label=_("Expected answer duration (s)"), initial=120)
    preparation_seconds = forms.IntegerField(label=_("Preparation time (s)"), initial=30)
    max_answer_seconds = forms.IntegerField(label=_("Maximum answer time (s)"), initial=180)
    allowed_retries = forms.IntegerField(label=_("Allowed retries"), initial=1)
    is_active = forms.BooleanField(label=pgettext_lazy("in use", "Active"), required=False, initial=True)

    def __init__(self, *args: Any, question: Question | None = None, **kwargs: Any) -> None:
        if question is not None:
            kwargs.setdefault(
                "initial",
                {
                    "kind": question.kind,
                    "text": question.text,
                    "text_en": question.text_en,
                    "reference_answer": question.reference_answer,
                    "positions": [p.code for p in question.positions.all()],
                    "expected_answer_seconds": question.expected_answer_seconds,
                    "preparation_seconds": question.preparation_seconds,
                    "max_answer_seconds": question.max_answer_seconds,
                    "allowed_retries": question.allowed_retries,
                    "is_active": question.is_active,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["positions"].queryset = Position.objects.select_related("department")  # type: ignore[attr-defined]
        if question is not None:
            # The code is how question_save finds the question to update, so it cannot change.
            del self.fields["code"]


class RubricForm(forms.Form):
    dimension = forms.ChoiceField(
        label=_("Dimension"), required=False, help_text=_("Choose “—” to retire this rubric from the question.")
    )

    def __init__(self, *args: Any, dimension_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dimension"].choices = dimension_choices  # type: ignore[attr-defined]
        for level in LEVELS:
            self.fields[f"anchor_{level}"] = forms.CharField(
                label=_("Level %(level)s looks like") % {"level": level}, required=False
            )

    def anchor_fields(self) -> list[forms.BoundField]:
        return [self[f"anchor_{level}"] for level in LEVELS]


class KeyPointRowForm(forms.Form):
    text = forms.CharField(label=_("Key point (Chinese)"), max_length=300, required=False)
    text_en = forms.CharField(label=_("Key point (English)"), max_length=300, required=False)
    weight = forms.DecimalField(label=_("Weight"), max_digits=5, decimal_places=2, required=False)
    keywords = forms.CharField(label=_("Keywords"), required=False, help_text=_("Separate with commas or semicolons."))
    synonyms = forms.CharField(label=_("Synonyms"), required=False, help_text=_("Separate with commas or semicolons."))
    example_phrases = forms.CharField(
        label=_("Example phrases"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("One per line."),
    )
    improvement_tip = forms.CharField(
        label=_("Improvement tip (Chinese)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    improvement_tip_en = forms.CharField(
        label=_("Improvement tip (English)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        label_inputs_for_screen_readers(self)

    def is_blank(self) -> bool:
        return not any(value not in ("", None) for value in self.cleaned_data.values())

    def to_input(self) -> KeyPointInput:
        data = self.cleaned_data
        return KeyPointInput(
            text=data["text"],
            text_en=data["text_en"],
            weight=Decimal("1") if data["weight"] is None else data["weight"],
            keywords=terms_split(data["keywords"]),
            synonyms=terms_split(data["synonyms"]),
            example_phrases=lines_split(data["example_phrases"]),
            improvement_tip=data["improvement_tip"],
            improvement_tip_en=data["improvement_tip_en"],
        )


KeyPointFormSet = formset_factory(KeyPointRowForm, extra=0)


class RubricBlock:
    """One dimension's rubric in the editor: the dimension and its level anchors, and rows of key points."""

    def __init__(
        self,
        data: Any,
        *,
        number: int,
        choices: list[tuple[str, str]],
        rubric: Rubric | None = None,
    ) -> None:
        initial: dict[str, Any] = {}
        points: list[dict[str, Any]] = []
        if rubric is not None:
            initial = {"dimension": rubric.dimension.code}
            initial.update({f"anchor_{level}": text for level, text in rubric.level_anchors.items()})
            points = [
                {
                    "text": p.text,
                    "text_en": p.text_en,
                    "weight": p.weight,
                    "keywords": "; ".join(p.keywords),
                    "synonyms": "; ".join(p.synonyms),
                    "example_phrases": "\n".join(p.example_phrases),
                    "improvement_tip": p.improvement_tip,
                    "improvement_tip_en": p.improvement_tip_en,
                }
                for p in rubric.key_points.all()
            ]
        self.number = number
        self.rubric = rubric
        self.form = RubricForm(data, prefix=f"rubric-{number}", initial=initial, dimension_choices=choices)
        self.points = KeyPointFormSet(
            data, prefix=f"rubric-{number}-points", initial=points + [{}] * BLANK_KEY_POINT_ROWS
        )

    def is_valid(self) -> bool:
        form_valid = self.form.is_valid()
        points_valid = self.points.is_valid()
        return form_valid and points_valid

    @property
    def dimension_code(self) -> str:
        return self.form.cleaned_data.get("dimension", "")

    def filled_points(self) -> list[KeyPointRowForm]:
        return [point for point in self.points.forms if not point.is_blank()]

    def to_input(self) -> RubricInput:
        anchors = {str(level): self.form.cleaned_data[f"anchor_{level}"] for level in LEVELS}
        return RubricInput(
            dimension_code=self.dimension_code,
            level_anchors={level: text for level, text in anchors.items() if text},
            key_points=[point.to_input() for point in self.filled_points()],
        )


class QuestionEditor:
    """The question form and one rubric block per dimension (its current rubric, or blank to add a dimension)."""

    def __init__(
        self,
        data: Any,
        *,
        dimensions: Iterable[Dimension],
        question: Question | None = None,
    ) -> None:
        self.question = question
        self.form = QuestionForm(data, question=question)
        choices = dimension_choices(dimensions)
        rubrics = [r for r in question.rubrics.all() if r.is_current] if question is not None else []
        count = len(rubrics) + 1
        if data is not None:
            # The page says how many blocks it showed, so a rubric added meanwhile does not shift the rows.
            with contextlib.suppress(TypeError, ValueError):
                count = max(1, min(int(data.get("rubric_count", count)), MAX_RUBRIC_BLOCKS))
        self.blocks = [
            RubricBlock(data, number=number, choices=choices, rubric=rubrics[number] if number < len(rubrics) else None)
            for number in range(count)
        ]

    def is_valid(self) -> bool:
        results = [self.form.is_valid(), *(block.is_valid() for block in self.blocks)]
        if not all(results):
            return False
        # A block showing a current rubric may be set to "—" to retire it; a new block's key points need a dimension.
        unassigned = [b for b in self.blocks if b.rubric is None and not b.dimension_code and b.filled_points()]
        for block in unassigned:
            block.form.add_error("dimension", _("Choose the dimension these key points assess."))
        return not unassigned

    def used_blocks(self) -> list[RubricBlock]:
        return [block for block in self.blocks if block.dimension_code]

    def to_input(self) -> QuestionInput:
        data = self.form.cleaned_data
        code = self.question.code if self.question is not None else data["code"]
        return QuestionInput(
            code=code,
            kind=data["kind"],
            text=data["text"],
            text_en=data["text_en"],
            reference_answer=data["reference_answer"],
            position_codes=[position.code for position in data["positions"]],
            expected_answer_seconds=data["expected_answer_seconds"],
            preparation_seconds=data["preparation_seconds"],
            max_answer_seconds=data["max_answer_seconds"],
            allowed_retries=data["allowed_retries"],
            is_active=data["is_active"],
            rubrics=[block.to_input() for block in self.used_blocks()],
        )

    def add_application_error(self, error: ApplicationError) -> None:
        """Show each of the service's errors where it belongs: on a field, a rubric block or a key point row.

        question_save names fields ``text``, ``positions``, ``rubrics.<dimension>`` and
        ``rubrics.<dimension>.key_points.<n>`` (n counts the filled-in rows of that rubric from 1)."""
        blocks = {block.dimension_code: block for block in self.used_blocks()}
        placed = False
        for name, messages in error.fields.items():
            target: forms.Form | None = None
            field: str | None = None
            if name in self.form.fields:
                target, field = self.form, name
            elif name.startswith("rubrics."):
                _prefix, _dot, rest = name.partition(".")
                code, _dot, point = rest.partition(".key_points.")
                block = blocks.get(code)
                if block is not None and point.isdigit():
                    filled = block.filled_points()
                    if 0 < int(point) <= len(filled):
                        target = filled[int(point) - 1]
                elif block is not None:
                    target = block.form
            for message in messages or [error.message]:
                (target or self.form).add_error(field, message or error.message)
            placed = True
        if not placed:
            self.form.add_error(None, error.message)


# --- import -----------------------------------------------------------------------------------------------------


class QuestionBankImportForm(forms.Form):
    file = forms.FileField(
        label=_("Question bank file"),
        help_text=_("A .json or .xlsx file exported from TalentLoop (or written in the same format), at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.xlsx"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        if not upload.name.lower().endswith((".json", ".xlsx")):
            raise forms.ValidationError(_("Upload a .json or .xlsx file."))
        return upload
