"""Our WeCom client against the fake WeCom server: the shared token, its refresh, and each error's meaning."""

from __future__ import annotations

import pytest

from talentloop.integrations.wecom.client import WeComClient, WeComError
from talentloop.integrations.wecom.tests.fake_server import FakeWeCom

TEXT = {"msgtype": "text", "text": {"content": "你好"}}


def test_the_access_token_is_fetched_once_and_shared_through_the_cache(fake_wecom: FakeWeCom) -> None:
    # given two workers' clients (the cache is what they share)
    fake_wecom.known_userids.add("zhangwei")
    # when both send
    WeComClient().message_send(userid="zhangwei", message=TEXT)
    WeComClient().message_send(userid="zhangwei", message=TEXT)
    # then one token was fetched, from WECOM_API_BASE, and used by both
    assert len(fake_wecom.calls_to("gettoken")) == 1
    assert [call.params["access_token"] for call in fake_wecom.calls_to("message/send")] == ["token-1", "token-1"]
    assert fake_wecom.calls_to("message/send")[0].body == {"touser": "zhangwei", "agentid": 1000002, **TEXT}


@pytest.mark.parametrize("errcode", [42001, 40014])
def test_an_expired_or_invalid_token_is_refreshed_once_and_the_call_retried(
    fake_wecom: FakeWeCom, errcode: int
) -> None:
    fake_wecom.known_userids.add("zhangwei")
    WeComClient().message_send(userid="zhangwei", message=TEXT)
    fake_wecom.inject("message/send", errcode)
    WeComClient().message_send(userid="zhangwei", message=TEXT)
    assert len(fake_wecom.calls_to("gettoken")) == 2
    assert [call.params["access_token"] for call in fake_wecom.calls_to("message/send")] == [
        "token-1",
        "token-1",
        "token-2",
    ]


def test_a_token_refused_twice_is_retryable_and_not_refreshed_again(fake_wecom: FakeWeCom) -> None:
    fake_wecom.known_userids.add("zhangwei")
    fake_wecom.inject("message/send", 42001, 42001)
    with pytest.raises(WeComError) as error:
        WeComClient().message_send(userid="zhangwei", message=TEXT)
    assert (error.value.errcode, error.value.retryable) == (42001, True)
    assert len(fake_wecom.calls_to("message/send")) == 2


def test_the_rate_limit_is_retryable(fake_wecom: FakeWeCom) -> None:
    fake_wecom.inject("message/send", 45009)
    with pytest.raises(WeComError) as error:
        WeComClient().message_send(userid="zhangwei", message=TEXT)
    assert (error.value.errcode, error.value.retryable) == (45009, True)


def test_an_untrusted_ip_is_permanent_and_tells_the_admin_what_to_do(fake_wecom: FakeWeCom) -> None:
    fake_wecom.inject("message/send", 60020)
    with pytest.raises(WeComError) as error:
        WeComClient().message_send(userid="zhangwei", message=TEXT)
    assert (error.value.errcode, error.value.retryable) == (60020, False)
    assert "trusted IP list" in error.value.message
    assert "WECOM_API_BASE" in error.value.message


def test_wrong_credentials_are_permanent(fake_wecom: FakeWeCom, settings: object) -> None:
    setattr(settings, "WECOM_SECRET", "not-the-secret")  # noqa: B010
    with pytest.raises(WeComError) as error:
        WeComClient().message_send(userid="zhangwei", message=TEXT)
    assert (error.value.errcode, error.value.retryable) == (40001, False)
    assert fake_wecom.calls_to("message/send") == []


def test_a_member_outside_the_apps_range_is_permanent(fake_wecom: FakeWeCom) -> None:
    with pytest.raises(WeComError) as error:
        WeComClient().message_send(userid="stranger", message=TEXT)
    assert error.value.retryable is False
    assert "stranger" in error.value.message


def test_an_unreachable_server_is_retryable(fake_wecom: FakeWeCom, settings: object) -> None:
    setattr(settings, "WECOM_API_BASE", "http://127.0.0.1:9")  # noqa: B010
    with pytest.raises(WeComError) as error:
        WeComClient().message_send(userid="zhangwei", message=TEXT)
    assert error.value.retryable is True


def test_user_info_by_code_and_a_card_update(fake_wecom: FakeWeCom) -> None:
    fake_wecom.codes["code-1"] = "lisi"
    assert WeComClient().user_info_by_code("code-1")["userid"] == "lisi"
    WeComClient().template_card_update(userids=["lisi"], response_code="rc-1", replace_name="已收到")
    assert fake_wecom.calls_to("message/update_template_card")[0].body == {
        "userids": ["lisi"],
        "agentid": 1000002,
        "response_code": "rc-1",
        "button": {"replace_name": "已收到"},
    }
