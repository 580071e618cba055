"""HR admins' WeCom pages: link people to WeCom userids (who receives result cards and WeCom notifications), and see
the channel's state and recent problems (an untrusted IP, wrong credentials, people without a link); preview and
apply the contact sync (/console/wecom/sync/)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from talentloop.console.forms import form_add_application_error
from talentloop.core.exceptions import ApplicationError, ValidationFailed
from talentloop.integrations.wecom.access import wecom_accounts_check_manage
from talentloop.integrations.wecom.contact_sync import ContactsPlan, contacts_sync_apply, contacts_sync_preview
from talentloop.integrations.wecom.selectors import (
    wecom_account_list,
    wecom_delivery_problems,
    wecom_inbound_recent,
    wecom_linkable_people,
)
from talentloop.integrations.wecom.services import wecom_account_link, wecom_account_unlink


class WeComLinkForm(forms.Form):
    person = forms.ModelChoiceField(label=gettext_lazy("Person"), queryset=wecom_linkable_people())
    userid = forms.CharField(
        label=gettext_lazy("WeCom userid"),
        max_length=64,
        help_text=gettext_lazy("The member's 账号 in the WeCom admin console (通讯录)."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["person"].queryset = wecom_linkable_people()  # type: ignore[attr-defined]


@login_required
def wecom_accounts(request: HttpRequest) -> HttpResponse:
    wecom_accounts_check_manage(request.user)
    form = WeComLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account = wecom_account_link(
                actor=request.user, person_id=form.cleaned_data["person"].pk, userid=form.cleaned_data["userid"]
            )
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is linked to the WeCom userid %(userid)s.")
                % {"name": account.person.full_name, "userid": account.userid},
            )
            return redirect("console:wecom_accounts")
    query = request.GET.get("q", "").strip()
    context = {
        "section": "wecom",
        "form": form,
        "query": query,
        "accounts": wecom_account_list(query=query),
        "problems": wecom_delivery_problems(),
        "inbound": wecom_inbound_recent(),
        "wecom_enabled": settings.WECOM_ENABLED,
        "callback_url": settings.TALENTLOOP_BASE_URL.rstrip("/") + reverse("wecom:callback"),
    }
    return render(request, "console/wecom_accounts.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def wecom_account_remove(request: HttpRequest, person_id: int) -> HttpResponse:
    wecom_accounts_check_manage(request.user)
    wecom_account_unlink(actor=request.user, person_id=person_id)
    messages.success(request, _("The WeCom link was removed."))
    return redirect("console:wecom_accounts")


@login_required
def contacts_sync_view(request: HttpRequest) -> HttpResponse:
    """GET: read WeCom's directory and show what applying would change. POST: apply the plan that was shown (its
    digest); a plan that changed meanwhile is refused and the new preview shown."""
    wecom_accounts_check_manage(request.user)
    plan: ContactsPlan | None = None
    error = ""
    status = 200
    if request.method == "POST":
        try:
            applied = contacts_sync_apply(actor=request.user, expected_digest=request.POST.get("digest", ""))
        except ApplicationError as refused:
            error, status = refused.message, refused.status
        else:
            messages.success(
                request,
                _(
                    "Contact sync applied: %(departments)d departments created, %(renamed)d renamed, %(moved)d "
                    "moved; %(created)d people created, %(linked)d linked."
                )
                % {
                    "departments": len(applied.departments_create),
                    "renamed": len(applied.departments_rename),
                    "moved": len(applied.departments_move),
                    "created": len(applied.people_create),
                    "linked": len(applied.people_link),
                },
            )
            return redirect("console:wecom_contacts_sync")
    if settings.WECOM_ENABLED:
        try:
            plan = contacts_sync_preview()
        except ValidationFailed as failed:
            error, status = error or failed.message, 400 if status == 200 else status
    context = {"section": "wecom", "plan": plan, "error": error, "wecom_enabled": settings.WECOM_ENABLED}
    return render(request, "console/wecom/contact_sync.html", context, status=status)
