"""Sign in, sign out and password reset. Django's own views do the work; we add the audit trail and language."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import View

from talentloop.accounts.models import User
from talentloop.accounts.services import (
    sign_in_link_send,
    sign_in_link_user,
    user_record_failed_sign_in,
    user_record_sign_in,
    user_record_sign_out,
)
from talentloop.core.exceptions import Gone, ValidationFailed


def _remember_language(response: HttpResponse, user: User) -> None:
    """Apply the user's preferred language from this sign-in on."""
    if user.preferred_language:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.preferred_language,
            samesite="Lax",
            secure=not settings.DEBUG,
            httponly=False,
        )


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    extra_context = {"title": _("Sign in")}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["wecom_enabled"] = settings.WECOM_ENABLED
        return context

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        user = form.get_user()
        assert isinstance(user, User)
        user_record_sign_in(user=user, request=self.request)
        _remember_language(response, user)
        return response

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        user_record_failed_sign_in(username=form.data.get("username", ""), request=self.request)
        return super().form_invalid(form)


class LogoutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if isinstance(request.user, User):
            user_record_sign_out(user=request.user, request=request)
        return super().post(request, *args, **kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_context = {"title": _("Reset your password")}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"
    extra_context = {"title": _("Check your email")}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    extra_context = {"title": _("Choose a new password")}


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
    extra_context = {"title": _("Password changed")}


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")
    extra_context = {"title": _("Change your password")}


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"
    extra_context = {"title": _("Password changed")}


class SignInLinkForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)


class SignInLinkRequestView(View):
    """Ask for a one-time sign-in link by email (candidates and employees who would rather not keep a password)."""

    template_name = "accounts/sign_in_link_form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": SignInLinkForm(), "title": _("Email me a sign-in link")})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = SignInLinkForm(request.POST)
        if form.is_valid():
            try:
                sign_in_link_send(email=form.cleaned_data["email"], language=get_language() or "")
            except ValidationFailed as error:
                for field, messages in error.fields.items():
                    for message in messages:
                        form.add_error(field if field in form.fields else None, message)
            else:
                # The same page whether or not an account has this address.
                return HttpResponseRedirect(reverse("accounts:sign_in_link_sent"))
        return render(request, self.template_name, {"form": form, "title": _("Email me a sign-in link")}, status=400)


class SignInLinkSentView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "accounts/sign_in_link_sent.html", {"title": _("Check your email")})


class SignInLinkView(View):
    """Opening the link shows one button; only pressing it signs in, so mail scanners that follow links cannot use
    the link up."""

    template_name = "accounts/sign_in_link_confirm.html"

    def _user_or_gone(self, request: HttpRequest, token: str) -> User | HttpResponse:
        try:
            return sign_in_link_user(token=token)
        except Gone as error:
            return render(
                request,
                "accounts/sign_in_link_gone.html",
                {"title": _("Sign-in link not valid"), "message": error.message},
                status=410,
            )

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        user = self._user_or_gone(request, token)
        if isinstance(user, HttpResponse):
            return user
        return render(
            request, self.template_name, {"title": _("Sign in"), "account": user, "next": request.GET.get("next", "")}
        )

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        user = self._user_or_gone(request, token)
        if isinstance(user, HttpResponse):
            return user
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        user_record_sign_in(user=user, request=request)
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
            target = ""
        response = HttpResponseRedirect(target or resolve_url(settings.LOGIN_REDIRECT_URL))
        _remember_language(response, user)
        return response
