"""Our WeCom API client: wechatpy's ``WeChatClient`` for the access token and the calls, behind one small class.

- The access token is kept in Django's cache (``CacheStorage``), so every worker shares one token instead of each
  fetching its own (WeCom limits ``gettoken`` calls); the base URL comes from ``WECOM_API_BASE``.
- wechatpy's own retry on an expired token is switched off: we refresh once and try once more, then give up
  (retryable), so a token that keeps failing cannot loop.
- Every failure becomes a ``WeComError`` that says whether trying later can help and, for the codes an admin must
  act on (60020 untrusted IP, a wrong secret), what to do.
- What wechatpy lacks (template cards and their update, ``auth/getuserinfo``) goes through its generic ``post``/``get``,
  and so do the directory reads (``department/list``, ``user/list``) so that they share the token refresh.
"""

from __future__ import annotations

from typing import Any

import requests
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from wechatpy.exceptions import WeChatClientException
from wechatpy.session import SessionStorage
from wechatpy.work import WeChatClient

TOKEN_INVALID = 40014
TOKEN_EXPIRED = 42001
RATE_LIMITED = 45009
UNTRUSTED_IP = 60020
INVALID_SECRET = 40001
INVALID_CORP_ID = 40013
SYSTEM_BUSY = -1
# Retryable: the token (after one refresh), rate and frequency limits, WeCom being busy.
RETRYABLE_CODES = frozenset({TOKEN_INVALID, TOKEN_EXPIRED, RATE_LIMITED, 45033, SYSTEM_BUSY})
TIMEOUT_SECONDS = 10


class WeComError(Exception):
    """A WeCom call failed. ``retryable`` says whether trying later may work; ``message`` is for an admin."""

    def __init__(self, message: str, *, errcode: int | None = None, retryable: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.errcode = errcode
        self.retryable = retryable


class CacheStorage(SessionStorage):
    """wechatpy's session storage on Django's cache: the access token shared by every worker."""

    prefix = "wecom:session:"

    def get(self, key: str, default: Any = None) -> Any:
        return cache.get(self.prefix + key, default)

    def set(self, key: str, value: Any, ttl: int | None = None) -> None:
        cache.set(self.prefix + key, value, timeout=ttl)

    def delete(self, key: str) -> None:
        cache.delete(self.prefix + key)


class _WeChatClient(WeChatClient):
    """wechatpy's work client, with the token fetched from ``api_base`` too (wechatpy hard-codes WeCom's address)."""

    def __init__(self, *, api_base: str, corp_id: str, secret: str) -> None:
        self.API_BASE_URL = f"{api_base}/cgi-bin/"
        super().__init__(corp_id, secret, session=CacheStorage(), timeout=TIMEOUT_SECONDS, auto_retry=False)

    def fetch_access_token(self) -> dict[str, Any]:
        result: dict[str, Any] = self._fetch_access_token(
            url=f"{self.API_BASE_URL}gettoken", params={"corpid": self.corp_id, "corpsecret": self.secret}
        )
        return result

    def forget_access_token(self) -> None:
        self.session.delete(self.access_token_key)
        self.session.delete(self.access_token_expires_at_key)


def error_from_code(errcode: int | None, errmsg: str, http_status: int | None = None) -> WeComError:
    """The ``WeComError`` for a WeCom error code (or an HTTP failure, ``errcode`` None), with an admin's message."""
    if errcode is None:
        retryable = http_status is None or http_status >= 500 or http_status == 429
        return WeComError(
            _("WeCom could not be reached (HTTP %(status)s).") % {"status": http_status or "—"}, retryable=retryable
        )
    if errcode == UNTRUSTED_IP:
        return WeComError(
            _(
                "WeCom refused the call (60020): this server's IP address is not in the app's trusted IP list. Add it "
                "under the app's “企业可信IP” in the WeCom admin console, or set WECOM_API_BASE to a proxy whose "
                "address is listed."
            ),
            errcode=errcode,
        )
    if errcode in (INVALID_SECRET, INVALID_CORP_ID):
        return WeComError(
            _("WeCom refused the credentials (%(code)s): check WECOM_CORP_ID and WECOM_SECRET.") % {"code": errcode},
            errcode=errcode,
        )
    if errcode == RATE_LIMITED:
        return WeComError(
            _("WeCom's rate limit was reached (45009); the message will be sent later."),
            errcode=errcode,
            retryable=True,
        )
    if errcode in (TOKEN_INVALID, TOKEN_EXPIRED):
        return WeComError(
            _("WeCom refused the access token again after a refresh (%(code)s).") % {"code": errcode},
            errcode=errcode,
            retryable=True,
        )
    return WeComError(
        _("WeCom error %(code)s: %(message)s") % {"code": errcode, "message": errmsg},
        errcode=errcode,
        retryable=errcode in RETRYABLE_CODES,
    )


class WeComClient:
    """The calls TalentLoop makes to WeCom, with the app's credentials from settings."""

    def __init__(self) -> None:
        self.agent_id = settings.WECOM_AGENT_ID
        self._client = _WeChatClient(
            api_base=settings.WECOM_API_BASE, corp_id=settings.WECOM_CORP_ID, secret=settings.WECOM_SECRET
        )

    def _call(self, method: str, endpoint: str, **kwargs: Any) -> dict[str, Any]:
        """One API call; on an invalid or expired token, refresh it once and call again."""
        for attempt in (1, 2):
            try:
                result: dict[str, Any] = getattr(self._client, method)(endpoint, **kwargs)
                return result
            except WeChatClientException as error:
                errcode = None if error.errcode is None else int(error.errcode)
                if errcode in (TOKEN_INVALID, TOKEN_EXPIRED) and attempt == 1:
                    self._client.forget_access_token()
                    if "params" in kwargs:
                        kwargs["params"].pop("access_token", None)
                    continue
                status = error.response.status_code if error.response is not None else None
                raise error_from_code(errcode, str(error.errmsg or ""), status) from error
            except requests.RequestException as error:
                raise WeComError(
                    _("WeCom could not be reached: %(error)s") % {"error": type(error).__name__}, retryable=True
                ) from error
        raise AssertionError("unreachable")  # pragma: no cover

    def message_send(self, *, userid: str, message: dict[str, Any]) -> dict[str, Any]:
        """Send an app message (``message`` holds ``msgtype`` and its body) to one member. A member outside the
        app's visible range comes back in ``invaliduser``: that is permanent."""
        data = {"touser": userid, "agentid": self.agent_id, **message}
        result = self._call("post", "message/send", data=data)
        if result.get("invaliduser"):
            raise WeComError(
                _(
                    "WeCom did not deliver to %(userid)s: the member does not exist or is outside the app's visible "
                    "range."
                )
                % {"userid": userid}
            )
        return result

    def template_card_update(self, *, userids: list[str], response_code: str, replace_name: str) -> dict[str, Any]:
        """Turn a clicked ``button_interaction`` card's buttons into one disabled button saying ``replace_name``."""
        data = {
            "userids": userids,
            "agentid": self.agent_id,
            "response_code": response_code,
            "button": {"replace_name": replace_name},
        }
        return self._call("post", "message/update_template_card", data=data)

    def user_info_by_code(self, code: str) -> dict[str, Any]:
        """Who signed in with an OAuth2 ``code`` (``auth/getuserinfo``): ``userid`` for a member of the corp."""
        return self._call("get", "auth/getuserinfo", params={"code": code})

    def department_list(self) -> list[dict[str, Any]]:
        """Every department in the app's visible range (``department/list``): id, name, name_en, parentid, order."""
        result = self._call("get", "department/list", params={})
        return list(result.get("department", []))

    def user_list(self, *, department_id: int) -> list[dict[str, Any]]:
        """The members of ``department_id`` and every department below it (``user/list`` with ``fetch_child``):
        userid, name, department ids, mobile, email, status (1 active, 2 disabled, 4 not activated, 5 left)."""
        result = self._call("get", "user/list", params={"department_id": department_id, "fetch_child": 1})
        return list(result.get("userlist", []))
