"""HR admins' group robots page (/console/wecom/robots/): add, change, switch off a WeCom group robot, send it a
test message and see its outcome and the recent problems. The webhook key is never shown again once saved."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from talentloop.console.forms import form_add_application_error
from talentloop.core.exceptions import ApplicationError
from talentloop.integrations.wecom_robot.access import robot_get_for_user, robots_check_manage
from talentloop.integrations.wecom_robot.models import RobotPost
from talentloop.integrations.wecom_robot.selectors import robot_list, robot_post_list, robot_problems
from talentloop.integrations.wecom_robot.services import (
    robot_create,
    robot_enabled_set,
    robot_test_send,
    robot_update,
)
from talentloop.notifications.models import Kind
from talentloop.notifications.team import TEAM_KINDS
from talentloop.org.models import Department


class RobotForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    webhook = forms.CharField(
        label=gettext_lazy("Webhook address"),
        max_length=500,
        help_text=gettext_lazy(
            "In the group chat: ⋯ → 群机器人 → the robot → copy its webhook address (or only the key after key=)."
        ),
    )
    kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Events it posts"), required=False, widget=forms.CheckboxSelectMultiple
    )
    department = forms.ModelChoiceField(
        label=gettext_lazy("Department"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=gettext_lazy("The whole company"),
        help_text=gettext_lazy("Only events about this department and the departments below it."),
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kinds"].choices = [(kind, Kind(kind).label) for kind in TEAM_KINDS]  # type: ignore[attr-defined]
        self.fields["department"].queryset = Department.objects.order_by("path")  # type: ignore[attr-defined]
        if editing:
            self.fields["webhook"].required = False
            self.fields["webhook"].help_text = _("Leave empty to keep the saved key.")


@login_required
def robot_list_view(request: HttpRequest) -> HttpResponse:
    robots_check_manage(request.user)
    form = RobotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            robot = robot_create(
                actor=request.user,
                name=form.cleaned_data["name"],
                webhook=form.cleaned_data["webhook"],
                kinds=form.cleaned_data["kinds"],
                department=form.cleaned_data["department"],
            )
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(
                request, _("The group robot %(name)s was added. Send it a test message.") % {"name": robot.name}
            )
            return redirect("console:wecom_robot_detail", robot.pk)
    context = {
        "section": "wecom",
        "form": form,
        "robots": robot_list(),
        "problems": robot_problems(),
        "kind_labels": dict(Kind.choices),
    }
    return render(request, "console/wecom/robots.html", context, status=400 if form.errors else 200)


@login_required
def robot_detail_view(request: HttpRequest, robot_id: int) -> HttpResponse:
    robot = robot_get_for_user(request.user, robot_id)
    initial = {"name": robot.name, "kinds": robot.kinds, "department": robot.department}
    form = RobotForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            robot_update(
                actor=request.user,
                robot=robot,
                name=form.cleaned_data["name"],
                kinds=form.cleaned_data["kinds"],
                department=form.cleaned_data["department"],
                webhook=form.cleaned_data["webhook"],
            )
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("The group robot was saved."))
            return redirect("console:wecom_robot_detail", robot.pk)
    context = {
        "section": "wecom",
        "robot": robot,
        "form": form,
        "posts": robot_post_list(robot=robot),
        "kind_labels": {**dict(Kind.choices), RobotPost.TEST_KIND: _("Test message")},
    }
    return render(request, "console/wecom/robot_detail.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def robot_enabled_view(request: HttpRequest, robot_id: int) -> HttpResponse:
    robot = robot_get_for_user(request.user, robot_id)
    enabled = request.POST.get("enabled") == "1"
    robot_enabled_set(actor=request.user, robot=robot, enabled=enabled)
    if enabled:
        messages.success(request, _("The group robot is on."))
    else:
        messages.success(request, _("The group robot is off: it posts nothing until it is switched on."))
    return redirect("console:wecom_robot_detail", robot.pk)


@login_required
@require_POST
def robot_test_view(request: HttpRequest, robot_id: int) -> HttpResponse:
    robot = robot_get_for_user(request.user, robot_id)
    post = robot_test_send(actor=request.user, robot=robot)
    if post.status == RobotPost.Status.SENT:
        messages.success(request, _("The test message was sent. Check the group chat."))
    else:
        messages.error(request, _("The test message was not sent: %(error)s") % {"error": post.last_error})
    return redirect("console:wecom_robot_detail", robot.pk)
