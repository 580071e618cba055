"""The WeCom callback endpoint, ``/integrations/wecom/callback/``, and sign-in with WeCom (``sign-in/``).

GET is WeCom's URL check (answer the decrypted ``echostr``). POST is an event or a message: verified, decrypted,
stored and acknowledged at once (WeCom waits 5 seconds, then resends); the work happens in
``process_inbound_message_task``. Anything forged, stale or replayed gets a 403 and a warning in the log, and
nothing is stored.
"""

from __future__ import annotations

import logging
import secrets

from django.conf import settings
from django.contrib.auth import login
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from talentloop.accounts.services import user_record_sign_in
from talentloop.integrations.wecom.callback import CallbackRefused, message_decrypt, replay_remember, url_verify
from talentloop.integrations.wecom.client import WeComClient, WeComError
from talentloop.integrations.wecom.models import WeComAccount
from talentloop.integrations.wecom.services import inbound_message_receive
from talentloop.integrations.wecom.sign_in import authorize_url, in_wecom_browser

logger = logging.getLogger(__name__)


def _refused(request: HttpRequest, error: CallbackRefused) -> HttpResponse:
    logger.warning("WeCom callback refused from %s: %s", request.META.get("REMOTE_ADDR", "?"), error.reason)
    return HttpResponse("forbidden", status=403, content_type="text/plain")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def callback(request: HttpRequest) -> HttpResponse:
    if not settings.WECOM_ENABLED:
        raise Http404
    signature = request.GET.get("msg_signature", "")
    timestamp = request.GET.get("timestamp", "")
    nonce = request.GET.get("nonce", "")
    if request.method == "GET":
        try:
            echo = url_verify(
                signature=signature, timestamp=timestamp, nonce=nonce, echostr=request.GET.get("echostr", "")
            )
        except CallbackRefused as error:
            return _refused(request, error)
        return HttpResponse(echo, content_type="text/plain")
    try:
        fields, replay_key = message_decrypt(body=request.body, signature=signature, timestamp=timestamp, nonce=nonce)
        if not replay_remember(replay_key):
            raise CallbackRefused("Replayed callback: this timestamp, nonce and signature were seen before.")
    except CallbackRefused as error:
        return _refused(request, error)
    try:
        inbound, created = inbound_message_receive(fields=fields)
    except Exception:
        cache.delete(replay_key)  # WeCom resends after an error: let that resend in
        raise
    logger.info("WeCom callback stored as inbound message %s (new: %s).", inbound.pk, created)
    # An empty answer acknowledges: WeCom shows the user nothing and does not resend.
    return HttpResponse("", content_type="text/plain")


# --- sign in with WeCom -------------------------------------------------------------------------------------------

_STATE_KEY = "wecom_sign_in"


def _sign_in_failed(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return render(
        request, "wecom/sign_in_error.html", {"title": _("Sign in with WeCom"), "message": message}, status=status
    )


@require_http_methods(["GET"])
def sign_in_start(request: HttpRequest) -> HttpResponse:
    """Send the browser to WeCom: OAuth2 in WeCom's browser, the QR login page elsewhere."""
    if not settings.WECOM_ENABLED:
        raise Http404
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        target = ""
    state = secrets.token_urlsafe(24)
    request.session[_STATE_KEY] = {"state": state, "next": target}
    redirect_uri = settings.TALENTLOOP_BASE_URL.rstrip("/") + reverse("wecom:sign_in_callback")
    return HttpResponseRedirect(
        authorize_url(
            redirect_uri=redirect_uri,
            state=state,
            in_wecom=in_wecom_browser(request.headers.get("User-Agent", "")),
        )
    )


@require_http_methods(["GET"])
def sign_in_callback(request: HttpRequest) -> HttpResponse:
    """WeCom's answer: check our state, turn the code into a userid, and sign the linked person's user in."""
    if not settings.WECOM_ENABLED:
        raise Http404
    started = request.session.pop(_STATE_KEY, None) or {}
    state = request.GET.get("state", "")
    if not state or not secrets.compare_digest(state, str(started.get("state", ""))):
        logger.warning("WeCom sign-in refused: the state does not match this browser's.")
        return _sign_in_failed(request, _("This sign-in did not start here, or it was already used. Try again."), 400)
    code = request.GET.get("code", "")
    if not code:
        return _sign_in_failed(request, _("WeCom did not confirm who you are. Try again."), 400)
    try:
        userid = str(WeComClient().user_info_by_code(code).get("userid", "") or "")
    except WeComError as error:
        logger.warning("WeCom sign-in failed: %s", error.message)
        return _sign_in_failed(request, _("WeCom could not confirm who you are. Try again later."), 502)
    account = WeComAccount.objects.select_related("person__user").filter(userid=userid).first() if userid else None
    user = account.person.user if account is not None else None
    if user is None or not user.is_active:
        logger.warning("WeCom sign-in refused: the member %r is not linked to an active account.", userid)
        return _sign_in_failed(
            request, _("Your WeCom account is not linked to a TalentLoop account. Ask an HR admin to link it."), 403
        )
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    user_record_sign_in(user=user, request=request)
    return HttpResponseRedirect(started.get("next") or resolve_url(settings.LOGIN_REDIRECT_URL))
