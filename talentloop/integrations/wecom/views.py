"""The WeCom callback endpoint, ``/integrations/wecom/callback/``.

GET is WeCom's URL check (answer the decrypted ``echostr``). POST is an event or a message: verified, decrypted,
stored and acknowledged at once (WeCom waits 5 seconds, then resends); the work happens in
``process_inbound_message_task``. Anything forged, stale or replayed gets a 403 and a warning in the log, and
nothing is stored.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from talentloop.integrations.wecom.callback import CallbackRefused, message_decrypt, replay_remember, url_verify
from talentloop.integrations.wecom.services import inbound_message_receive

logger = logging.getLogger(__name__)


def _refused(request: HttpRequest, error: CallbackRefused) -> HttpResponse:
    logger.warning(
        "WeCom callback refused from %s: %s", request.META.get("REMOTE_ADDR", "?"), error.reason, extra={"wecom": 1}
    )
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
