"""The candidate's growth path for one interview ("My growth path"), and employees' mentor opt-in.

Who may see or change a path is decided by ``talentloop.feedback.growth_access`` alone.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from talentloop.competencies.models import Dimension
from talentloop.core.exceptions import ApplicationError, NotFound
from talentloop.feedback.growth_access import growth_invitation_get_for_user, growth_item_get_for_user
from talentloop.feedback.growth_selectors import growth_path_get, growth_path_overview, session_scored
from talentloop.feedback.reapplication_selectors import ReapplicationEligibility, reapplication_eligibility_get
from talentloop.feedback.services.growth import (
    growth_item_complete,
    growth_item_enrol,
    growth_item_note,
    growth_path_build,
)
from talentloop.feedback.services.reapplications import reapplication_create
from talentloop.interviews.models import InterviewSession, Invitation
from talentloop.interviews.tokens import token_for
from talentloop.learning.selectors import mentor_for_employee
from talentloop.learning.services import mentor_opt_in, mentor_opt_out
from talentloop.org.access import actor_get
from talentloop.org.selectors import own_records_get


@login_required
def growth_path_view(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = growth_invitation_get_for_user(request.user, invitation_id, intent="view")
    owner = invitation.candidate.person_id == actor_get(request.user).person_id
    session = getattr(invitation, "session", None)
    scored = session_scored(session=session)
    path = growth_path_get(session=session)
    if path is None and scored and owner and session is not None:
        path = growth_path_build(session=session)  # built once; idempotent
        path = growth_path_get(session=session)
    context = {
        "section": "portal",
        "invitation": invitation,
        "can_change": owner,
        **growth_path_overview(session=session, path=path),
        **reapply_context(session if owner else None),
    }
    return render(request, "portal/growth/path.html", context)


def _interview_path(invitation: Invitation) -> str:
    # Relative, so the button works on whatever host the candidate uses (the emailed link is absolute).
    return reverse(
        "interview:landing", kwargs={"token": token_for(invitation_id=invitation.pk, nonce=invitation.token_nonce)}
    )


def reapply_context(session: InterviewSession | None) -> dict[str, object]:
    """The "Re-apply" panel: when and why the candidate can (or cannot yet) interview again."""
    reapply: ReapplicationEligibility | None = None
    if session is not None:
        reapply = reapplication_eligibility_get(session=session)
    new_interview_url = ""
    if reapply is not None and reapply.reapplication is not None:
        new_interview_url = _interview_path(reapply.reapplication.invitation)
    return {"reapply": reapply, "new_interview_url": new_interview_url}


@login_required
@require_POST
def reapplication_start_view(request: HttpRequest, invitation_id: int) -> HttpResponse:
    """Re-apply after this interview and go straight to the new one."""
    invitation = growth_invitation_get_for_user(request.user, invitation_id, intent="change")
    session = getattr(invitation, "session", None)
    if session is None:
        raise NotFound(_("Interview not found."))
    try:
        reapplication = reapplication_create(actor=request.user, session=session, request=request)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(reverse("portal:growth_path", args=[invitation.pk]) + "#reapply")
    messages.success(request, _("Your new interview is ready. Good luck!"))
    return redirect(_interview_path(reapplication.invitation))


def _back(item_path_invitation_id: int, item_id: int | None = None) -> HttpResponse:
    url = reverse("portal:growth_path", args=[item_path_invitation_id])
    return redirect(f"{url}#item-{item_id}" if item_id else url)


@login_required
@require_POST
def growth_item_action_view(request: HttpRequest, item_id: int, action: str) -> HttpResponse:
    item = growth_item_get_for_user(request.user, item_id, intent="change")
    invitation_id = item.path.session.invitation_id
    try:
        if action == "enrol":
            growth_item_enrol(item=item)
            messages.success(request, _("Started. Good luck!"))
        elif action == "complete":
            growth_item_complete(
                item=item,
                evidence_text=request.POST.get("evidence_text", ""),
                evidence_url=request.POST.get("evidence_url", ""),
            )
            messages.success(request, _("Marked as done."))
        elif action == "note":
            growth_item_note(item=item, note=request.POST.get("note", ""))
            messages.success(request, _("Note saved."))
        else:
            raise NotFound(_("Page not found."))
    except NotFound:
        raise
    except ApplicationError as error:
        problems = [message for messages_ in error.fields.values() for message in messages_]
        messages.error(request, " ".join([error.message, *problems]))
    return _back(invitation_id, item.pk)


@login_required
@require_POST
def growth_path_rebuild_view(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = growth_invitation_get_for_user(request.user, invitation_id, intent="change")
    session = getattr(invitation, "session", None)
    try:
        if session is None:
            raise NotFound(_("Interview not found."))
        growth_path_build(session=session, rebuild=True)
    except NotFound:
        raise
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your growth path was rebuilt from the latest score and library."))
    return _back(invitation.pk)


class MentorOfferForm(forms.Form):
    dimensions = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Dimensions I can coach"),
        queryset=Dimension.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        to_field_name="code",
    )
    capacity = forms.IntegerField(label=gettext_lazy("How many people at a time"), min_value=1, max_value=20, initial=2)
    introduction = forms.CharField(
        label=gettext_lazy("A few words about you"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["dimensions"].queryset = Dimension.objects.filter(  # type: ignore[attr-defined]
            is_active=True, kind=Dimension.Kind.COMPETENCY
        )


@login_required
@require_http_methods(["GET", "POST"])
def mentoring_view(request: HttpRequest) -> HttpResponse:
    _candidate, employee = own_records_get(user=request.user, request=request)
    if employee is None:
        raise NotFound(_("Only employees can mentor."))
    mentor = mentor_for_employee(employee=employee)
    initial = {}
    if mentor is not None:
        initial = {
            "dimensions": [target.dimension.code for target in mentor.targets.all()],
            "capacity": mentor.capacity,
            "introduction": mentor.introduction,
        }
    form = MentorOfferForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if request.POST.get("stop") == "1":
            mentor_opt_out(actor=request.user, employee=employee)
            messages.success(request, _("You are no longer offered as a mentor."))
            return redirect("portal:mentoring")
        if form.is_valid():
            try:
                mentor_opt_in(
                    actor=request.user,
                    employee=employee,
                    dimension_codes=[d.code for d in form.cleaned_data["dimensions"]],
                    capacity=form.cleaned_data["capacity"],
                    introduction=form.cleaned_data["introduction"],
                )
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Thank you! Candidates and colleagues can now be matched with you."))
                return redirect("portal:mentoring")
    return render(request, "portal/growth/mentoring.html", {"section": "portal", "form": form, "mentor": mentor})
