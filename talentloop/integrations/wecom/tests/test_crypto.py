"""wechatpy's WeCom crypto, as our callback uses it: WeCom's published vector and round trips."""

from __future__ import annotations

import pytest
import xmltodict
from wechatpy.exceptions import InvalidSignatureException
from wechatpy.work.crypto import WeChatCrypto
from wechatpy.work.exceptions import InvalidCorpIdException

from talentloop.integrations.wecom.tests.conftest import AES_KEY, CORP_ID, TOKEN

# The URL-verification example of WeCom's callback documentation ("回调配置", 加解密方案说明).
DOC_TOKEN = "QDG6eK"
DOC_CORP_ID = "wx5823bf96d3bd56c7"
DOC_AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
DOC_ECHOSTR = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ=="


def test_the_documented_url_check_decrypts_to_its_echo() -> None:
    crypto = WeChatCrypto(DOC_TOKEN, DOC_AES_KEY, DOC_CORP_ID)
    echo = crypto.check_signature("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589", "263014780", DOC_ECHOSTR)
    assert echo == "1616140317555161061"


def test_the_documented_url_check_with_a_changed_signature_is_refused() -> None:
    crypto = WeChatCrypto(DOC_TOKEN, DOC_AES_KEY, DOC_CORP_ID)
    with pytest.raises(InvalidSignatureException):
        crypto.check_signature("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd4", "1409659589", "263014780", DOC_ECHOSTR)


def test_a_message_round_trips_with_chinese_text() -> None:
    crypto = WeChatCrypto(TOKEN, AES_KEY, CORP_ID)
    xml = "<xml><Content><![CDATA[需要补充面试：团队协作]]></Content></xml>"
    envelope = xmltodict.parse(crypto.encrypt_message(xml, "nonce-1", 1764288000))["xml"]
    body = f"<xml><Encrypt><![CDATA[{envelope['Encrypt']}]]></Encrypt></xml>"
    assert crypto.decrypt_message(body, envelope["MsgSignature"], "1764288000", "nonce-1") == xml


def test_a_message_for_another_corp_is_refused() -> None:
    other = WeChatCrypto(TOKEN, AES_KEY, "ww-another-corp")
    envelope = xmltodict.parse(other.encrypt_message("<xml/>", "nonce-2", 1764288000))["xml"]
    body = f"<xml><Encrypt><![CDATA[{envelope['Encrypt']}]]></Encrypt></xml>"
    with pytest.raises(InvalidCorpIdException):
        WeChatCrypto(TOKEN, AES_KEY, CORP_ID).decrypt_message(body, envelope["MsgSignature"], "1764288000", "nonce-2")
