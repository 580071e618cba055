"""The callback endpoint with real encrypted payloads: the URL check, valid messages stored and processed, and
forged, replayed, stale or foreign ones refused with nothing stored."""

from __future__ import annotations

import time
from typing import Any

import pytest
import xmltodict
from django.test import Client, override_settings
from wechatpy.work.crypto import WeChatCrypto

from talentloop.accounts.models import User
from talentloop.integrations.wecom.models import InboundMessage
from talentloop.integrations.wecom.tests.conftest import AES_KEY, CORP_ID, TOKEN
from talentloop.integrations.wecom.tests.fake_server import FakeWeCom
from talentloop.integrations.wecom.tests.payloads import Callback, card_click_xml, encrypted, text_xml

URL = "/integrations/wecom/callback/"


_capture: Any = None


@pytest.fixture(autouse=True)
def _run_on_commit(django_capture_on_commit_callbacks: Any) -> None:
    """Run what the view queues after commit (the processing task), as a committed request would."""
    global _capture
    _capture = django_capture_on_commit_callbacks


def post(client: Client, callback: Callback) -> Any:
    with _capture(execute=True):
        return client.post(callback.url(), data=callback.body, content_type="text/xml")


class TestUrlCheck:
    def test_the_echostr_is_decrypted_and_answered(self, client: Client, fake_wecom: FakeWeCom) -> None:
        # given WeCom's URL check: an encrypted echostr, signed
        crypto = WeChatCrypto(TOKEN, AES_KEY, CORP_ID)
        envelope = xmltodict.parse(crypto.encrypt_message("4815162342", "n-url", 1764288000))["xml"]
        query = {"msg_signature": envelope["MsgSignature"], "timestamp": "1764288000", "nonce": "n-url"}
        # when it calls the endpoint, then the plain echostr comes back
        response = client.get(URL, {**query, "echostr": envelope["Encrypt"]})
        assert (response.status_code, response.content) == (200, b"4815162342")

    def test_a_forged_url_check_is_refused_and_logged(
        self, client: Client, fake_wecom: FakeWeCom, caplog: pytest.LogCaptureFixture
    ) -> None:
        crypto = WeChatCrypto(TOKEN, AES_KEY, CORP_ID)
        envelope = xmltodict.parse(crypto.encrypt_message("4815162342", "n-url", 1764288000))["xml"]
        response = client.get(
            URL,
            {"msg_signature": "0" * 40, "timestamp": "1764288000", "nonce": "n-url", "echostr": envelope["Encrypt"]},
        )
        assert (response.status_code, response.content) == (403, b"forbidden")
        assert "The URL check's signature is wrong." in caplog.text

    def test_the_endpoint_is_not_there_when_wecom_is_off(self, client: Client, db: None) -> None:
        with override_settings(WECOM_ENABLED=False):
            assert client.get(URL).status_code == 404


class TestMessages:
    def test_a_text_message_is_stored_with_its_sender_mapped_and_ignored_without_a_shared_result(
        self, client: Client, hr_on_wecom: User
    ) -> None:
        # when HR's WeCom member writes to the app
        response = post(client, encrypted(text_xml(from_userid="zhangwei", content="团队协作需要再看看")))
        # then WeCom got an empty acknowledgement and the message is kept, from HR's person; with no result shared
        # with them there is no interview to comment on, so it is ignored with that reason
        assert (response.status_code, response.content) == (200, b"")
        inbound = InboundMessage.objects.get()
        assert (inbound.kind, inbound.from_userid, inbound.person, inbound.content, inbound.status, inbound.error) == (
            "text",
            "zhangwei",
            hr_on_wecom.person,
            "团队协作需要再看看",
            "ignored",
            "No result was shared with this member to comment on.",
        )

    def test_a_card_click_is_recorded_and_the_card_updated_once(
        self, client: Client, hr_on_wecom: User, fake_wecom: FakeWeCom
    ) -> None:
        # given HR clicks "supplementary interview" on a card, then clicks again (a second event)
        first = card_click_xml(
            from_userid="zhangwei", task_id="talentloop-delivery-5", key="supplementary:teamwork", response_code="rc-1"
        )
        second = card_click_xml(
            from_userid="zhangwei",
            task_id="talentloop-delivery-5",
            key="supplementary:teamwork",
            response_code="rc-2",
            created=int(time.time()) + 1,
        )
        assert post(client, encrypted(first)).status_code == 200
        assert post(client, encrypted(second)).status_code == 200
        # then both are recorded, the first processed and the card updated once; the second ignored
        rows = list(InboundMessage.objects.order_by("pk").values_list("kind", "event_key", "status", "error"))
        assert rows == [
            ("card_click", "supplementary:teamwork", "processed", ""),
            ("card_click", "supplementary:teamwork", "ignored", "The card was already answered."),
        ]
        [update] = fake_wecom.calls_to("message/update_template_card")
        assert update.body == {
            "userids": ["zhangwei"],
            "agentid": 1000002,
            "response_code": "rc-1",
            "button": {"replace_name": "Answer received"},
        }

    def test_a_card_update_hit_by_the_rate_limit_is_retried_later(
        self, client: Client, hr_on_wecom: User, fake_wecom: FakeWeCom
    ) -> None:
        fake_wecom.inject("message/update_template_card", 45009)
        xml = card_click_xml(from_userid="zhangwei", task_id="t-9", key="advance", response_code="rc-9")
        assert post(client, encrypted(xml)).status_code == 200
        inbound = InboundMessage.objects.get()
        assert (inbound.status, "45009" in inbound.error) == ("received", True)

    def test_a_message_from_an_unknown_member_is_kept_but_ignored(
        self, client: Client, fake_wecom: FakeWeCom, db: None
    ) -> None:
        post(client, encrypted(card_click_xml(from_userid="nobody", task_id="t-1", key="advance", response_code="r")))
        inbound = InboundMessage.objects.get()
        assert (inbound.person, inbound.status, inbound.error) == (
            None,
            "ignored",
            "Unknown WeCom member: no person is linked.",
        )
        assert fake_wecom.calls_to("message/update_template_card") == []

    def test_a_resent_message_is_stored_once(self, client: Client, hr_on_wecom: User) -> None:
        # WeCom resends a callback it got no answer to: a new nonce and signature, the same MsgId
        xml = text_xml(from_userid="zhangwei", content="好的", msg_id="42")
        assert post(client, encrypted(xml)).status_code == 200
        assert post(client, encrypted(xml)).status_code == 200
        assert InboundMessage.objects.count() == 1


class TestRefused:
    def test_a_bad_signature_is_refused_logged_and_nothing_stored(
        self, client: Client, hr_on_wecom: User, caplog: pytest.LogCaptureFixture
    ) -> None:
        callback = encrypted(text_xml(from_userid="zhangwei", content="hi"))
        forged = Callback(query={**callback.query, "msg_signature": "f" * 40}, body=callback.body)
        response = post(client, forged)
        assert (response.status_code, InboundMessage.objects.count()) == (403, 0)
        assert "WeCom callback refused from 127.0.0.1: The message signature is wrong." in caplog.text

    def test_a_replay_is_refused_and_nothing_more_stored(
        self, client: Client, hr_on_wecom: User, caplog: pytest.LogCaptureFixture
    ) -> None:
        callback = encrypted(text_xml(from_userid="zhangwei", content="hi"))
        assert post(client, callback).status_code == 200
        response = post(client, callback)
        assert (response.status_code, InboundMessage.objects.count()) == (403, 1)
        assert "Replayed callback" in caplog.text

    def test_a_stale_timestamp_is_refused(self, client: Client, hr_on_wecom: User) -> None:
        callback = encrypted(text_xml(from_userid="zhangwei", content="hi"), timestamp=int(time.time()) - 301)
        assert (post(client, callback).status_code, InboundMessage.objects.count()) == (403, 0)

    def test_a_message_for_another_corp_is_refused(
        self, client: Client, hr_on_wecom: User, caplog: pytest.LogCaptureFixture
    ) -> None:
        callback = encrypted(text_xml(from_userid="zhangwei", content="hi"), corp_id="ww-another-corp")
        assert (post(client, callback).status_code, InboundMessage.objects.count()) == (403, 0)
        assert "The message is encrypted for another corp id." in caplog.text

    def test_garbage_is_refused(self, client: Client, fake_wecom: FakeWeCom, db: None) -> None:
        query = {"msg_signature": "a" * 40, "timestamp": str(int(time.time())), "nonce": "n"}
        response = client.post(
            URL + "?" + "&".join(f"{k}={v}" for k, v in query.items()), data="not xml", content_type="text/xml"
        )
        assert (response.status_code, InboundMessage.objects.count()) == (403, 0)


def test_the_command_processes_what_stayed_received(client: Client, hr_on_wecom: User, fake_wecom: FakeWeCom) -> None:
    from django.core.management import call_command

    # given a click whose card update hit the rate limit
    fake_wecom.inject("message/update_template_card", 45009)
    post(client, encrypted(card_click_xml(from_userid="zhangwei", task_id="t-3", key="advance", response_code="r3")))
    # when the command runs, then the card is updated and the message processed
    call_command("wecom_process")
    assert InboundMessage.objects.get().status == "processed"
    assert len(fake_wecom.calls_to("message/update_template_card")) == 2
