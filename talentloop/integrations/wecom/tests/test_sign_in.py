"""Sign in with WeCom: QR login on a desktop, OAuth2 in WeCom's browser, the code turned into a linked person's
user through the fake WeCom server; a foreign state, an unknown member and a bad code sign nobody in."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from django.test import Client, override_settings

from talentloop.accounts.models import User
from talentloop.core.models import AuditEvent
from talentloop.integrations.wecom.models import WeComAccount
from talentloop.integrations.wecom.tests.conftest import AGENT_ID, CORP_ID
from talentloop.integrations.wecom.tests.fake_server import FakeWeCom

START = "/integrations/wecom/sign-in/"
CALLBACK = "/integrations/wecom/sign-in/callback/"


def started(client: Client) -> tuple[str, dict[str, list[str]]]:
    response = client.get(START, {"next": "/console/wecom/"})
    assert response.status_code == 302
    url = urlparse(response["Location"])
    return f"{url.scheme}://{url.netloc}{url.path}", parse_qs(url.query)


def test_a_desktop_browser_is_sent_to_the_qr_login(client: Client, fake_wecom: FakeWeCom, db: None) -> None:
    address, query = started(client)
    assert address == "https://login.work.weixin.qq.com/wwlogin/sso/login"
    assert (query["login_type"], query["appid"], query["agentid"], query["redirect_uri"]) == (
        ["CorpApp"],
        [CORP_ID],
        [str(AGENT_ID)],
        ["http://127.0.0.1:8000/integrations/wecom/sign-in/callback/"],
    )


def test_wecoms_browser_is_sent_to_oauth2(client: Client, fake_wecom: FakeWeCom, db: None) -> None:
    response = client.get(START, HTTP_USER_AGENT="Mozilla/5.0 (iPhone) wxwork/4.1.0 MicroMessenger/7.0.1")
    assert response["Location"].startswith(f"https://open.weixin.qq.com/connect/oauth2/authorize?appid={CORP_ID}&")
    assert response["Location"].endswith("#wechat_redirect")


def test_a_linked_member_is_signed_in_and_sent_on(client: Client, hr_admin: User, fake_wecom: FakeWeCom) -> None:
    # given HR admin is linked to lina, and WeCom will confirm the code as lina
    WeComAccount.objects.create(person=hr_admin.person, userid="lina")
    fake_wecom.codes["code-ok"] = "lina"
    _address, query = started(client)
    # when WeCom sends the browser back with the code and our state
    response = client.get(CALLBACK, {"code": "code-ok", "state": query["state"][0]})
    # then they are signed in (audited) and sent where they were going
    assert (response.status_code, response["Location"]) == (302, "/console/wecom/")
    assert client.session["_auth_user_id"] == str(hr_admin.pk)
    assert AuditEvent.objects.filter(action="login", actor=hr_admin).count() == 1
    # and the state works once
    again = client.get(CALLBACK, {"code": "code-ok", "state": query["state"][0]})
    assert again.status_code == 400


def test_a_state_that_did_not_start_here_signs_nobody_in(client: Client, hr_admin: User, fake_wecom: FakeWeCom) -> None:
    WeComAccount.objects.create(person=hr_admin.person, userid="lina")
    fake_wecom.codes["code-ok"] = "lina"
    response = client.get(CALLBACK, {"code": "code-ok", "state": "forged"})
    assert (response.status_code, "_auth_user_id" in client.session) == (400, False)
    assert fake_wecom.calls == []


def test_an_unlinked_member_is_told_to_ask_an_hr_admin(client: Client, fake_wecom: FakeWeCom, db: None) -> None:
    fake_wecom.codes["code-ok"] = "stranger"
    _address, query = started(client)
    response = client.get(CALLBACK, {"code": "code-ok", "state": query["state"][0]})
    assert (response.status_code, "_auth_user_id" in client.session) == (403, False)
    assert response.context["message"] == "你的企业微信账号尚未关联 TalentLoop 账号。请联系 HR 管理员关联。"


def test_a_code_wecom_refuses_signs_nobody_in(client: Client, fake_wecom: FakeWeCom, db: None) -> None:
    _address, query = started(client)
    response = client.get(CALLBACK, {"code": "expired", "state": query["state"][0]})
    assert (response.status_code, "_auth_user_id" in client.session) == (502, False)


def test_sign_in_with_wecom_is_not_there_when_wecom_is_off(client: Client, db: None) -> None:
    with override_settings(WECOM_ENABLED=False):
        assert (client.get(START).status_code, client.get(CALLBACK).status_code) == (404, 404)
        assert "Sign in with WeCom" not in client.get("/accounts/login/").content.decode()


def test_the_sign_in_page_offers_wecom_when_it_is_on(client: Client, fake_wecom: FakeWeCom) -> None:
    page = client.get("/accounts/login/?next=/console/").content.decode()
    assert '<a href="/integrations/wecom/sign-in/?next=/console/">' in page
