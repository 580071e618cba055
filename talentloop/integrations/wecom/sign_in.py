"""Sign in with WeCom: OAuth2 inside WeCom's own browser, QR login on a desktop browser.

Both send the person back to ``/integrations/wecom/sign-in/callback/`` with a one-time ``code`` and our ``state``;
``auth/getuserinfo`` turns the code into the member's userid, and ``WeComAccount`` into a person and their user.
These addresses are opened by the person's browser, so they are WeCom's own, not ``WECOM_API_BASE``.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings

OAUTH2_URL = "https://open.weixin.qq.com/connect/oauth2/authorize"
QR_LOGIN_URL = "https://login.work.weixin.qq.com/wwlogin/sso/login"


def in_wecom_browser(user_agent: str) -> bool:
    """WeCom's built-in browser says ``wxwork`` in its User-Agent."""
    return "wxwork" in user_agent.lower()


def authorize_url(*, redirect_uri: str, state: str, in_wecom: bool) -> str:
    if in_wecom:
        query = urlencode(
            {
                "appid": settings.WECOM_CORP_ID,
                "redirect_uri": redirect_uri,
                "response_type": "code",
                "scope": "snsapi_base",
                "state": state,
                "agentid": settings.WECOM_AGENT_ID,
            }
        )
        return f"{OAUTH2_URL}?{query}#wechat_redirect"
    query = urlencode(
        {
            "login_type": "CorpApp",
            "appid": settings.WECOM_CORP_ID,
            "agentid": settings.WECOM_AGENT_ID,
            "redirect_uri": redirect_uri,
            "state": state,
        }
    )
    return f"{QR_LOGIN_URL}?{query}"
