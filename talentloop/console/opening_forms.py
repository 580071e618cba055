"""The opening form: parses input shape only; ``recruitment.services`` validates and writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from talentloop.accounts.models import User
from talentloop.interviews.models import InterviewTemplate
from talentloop.org.models import Position, Role
from talentloop.recruitment.models import MAX_HEADCOUNT, Opening
from talentloop.recruitment.services import OpeningInput


class _UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        person = getattr(obj, "person", None)
        return person.full_name if person is not None else str(obj)


class OpeningForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    title_en = forms.CharField(label=_("English title"), max_length=200, required=False)
    position = forms.ModelChoiceField(label=_("Position"), queryset=Position.objects.none())
    interview_template = forms.ModelChoiceField(
        label=_("AI interview template"),
        queryset=InterviewTemplate.objects.none(),
        required=False,
        help_text=_("Every applicant takes this structured interview. Needed before the opening can be opened."),
    )
    hiring_manager = _UserChoiceField(label=_("Hiring manager"), queryset=User.objects.none(), required=False)
    # Parsed by the service, so the form, the API and the service answer with one message.
    headcount = forms.CharField(label=_("Headcount"), max_length=5, initial="1")
    internal = forms.BooleanField(
        label=_("Open to internal applicants"),
        required=False,
        help_text=_("Employees see it under Internal opportunities in the portal and can apply."),
    )
    public = forms.BooleanField(
        label=_("Listed on the careers site"),
        required=False,
        initial=True,
        help_text=_("Anyone can see it on the public careers page and apply with a résumé."),
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    auto_advance_on_ai_pass = forms.BooleanField(
        label=_("Advance automatically when the AI interview is passed"),
        required=False,
        help_text=_(
            "A passed AI interview moves the application to the next stage. A failed one is never rejected "
            "automatically, and nothing automatic happens when the candidate asked for a human review."
        ),
    )

    def __init__(self, *args: Any, opening: Opening | None = None, **kwargs: Any) -> None:
        if opening is not None and not kwargs.get("data") and not (args and args[0]):
            kwargs["initial"] = {
                "title": opening.title,
                "title_en": opening.title_en,
                "position": opening.position_id,
                "interview_template": opening.interview_template_id,
                "hiring_manager": opening.hiring_manager_id,
                "headcount": str(opening.headcount),
                "internal": opening.internal,
                "public": opening.public,
                "description": opening.description,
                "auto_advance_on_ai_pass": opening.auto_advance_on_ai_pass,
            }
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = Position.objects.select_related("department")  # type: ignore[attr-defined]
        self.fields["interview_template"].queryset = InterviewTemplate.objects.filter(  # type: ignore[attr-defined]
            is_active=True
        ).select_related("job_profile__position")
        self.fields["hiring_manager"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(role_grants__role=Role.HIRING_MANAGER, is_active=True)
            .select_related("person")
            .distinct()
            .order_by("username")
        )
        self.fields["headcount"].widget.attrs.update({"inputmode": "numeric", "max": str(MAX_HEADCOUNT)})

    def to_input(self) -> OpeningInput:
        data = self.cleaned_data
        return OpeningInput(
            title=data["title"],
            title_en=data["title_en"],
            position=data["position"],
            interview_template=data["interview_template"],
            hiring_manager=data["hiring_manager"],
            headcount=data["headcount"],
            internal=data["internal"],
            public=data["public"],
            description=data["description"],
            auto_advance_on_ai_pass=data["auto_advance_on_ai_pass"],
        )
