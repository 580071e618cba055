"""HR admins' WeCom page: link people to WeCom userids (who receives result cards and WeCom notifications), and see
the channel's state and recent problems (an untrusted IP, wrong credentials, people without a link)."""

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
from talentloop.core.exceptions import ApplicationError
from talentloop.integrations.wecom.access import wecom_accounts_check_manage
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
