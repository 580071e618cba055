"""Real encrypted WeCom callbacks for the tests, made with wechatpy's crypto and the test app's key."""

from __future__ import annotations

import time
from dataclasses import dataclass
from itertools import count

import xmltodict
from wechatpy.work.crypto import WeChatCrypto

from talentloop.integrations.wecom.tests.conftest import AES_KEY, AGENT_ID, CORP_ID, TOKEN

_nonces = count(1)


@dataclass(frozen=True)
class Callback:
    query: dict[str, str]
    body: str

    def url(self, path: str = "/integrations/wecom/callback/") -> str:
        return path + "?" + "&".join(f"{key}={value}" for key, value in self.query.items())


def encrypted(xml: str, *, corp_id: str = CORP_ID, timestamp: int | None = None) -> Callback:
    """``xml`` as WeCom posts it: encrypted for ``corp_id`` and signed with the app's token."""
    nonce = f"nonce{next(_nonces)}"
    sent_at = int(time.time()) if timestamp is None else timestamp
    envelope = xmltodict.parse(WeChatCrypto(TOKEN, AES_KEY, corp_id).encrypt_message(xml, nonce, sent_at))["xml"]
    body = (
        f"<xml><ToUserName><![CDATA[{corp_id}]]></ToUserName><AgentID><![CDATA[{AGENT_ID}]]></AgentID>"
        f"<Encrypt><![CDATA[{envelope['Encrypt']}]]></Encrypt></xml>"
    )
    query = {"msg_signature": envelope["MsgSignature"], "timestamp": str(sent_at), "nonce": nonce}
    return Callback(query=query, body=body)


def text_xml(*, from_userid: str, content: str, msg_id: str = "7000000000000000001") -> str:
    return (
        f"<xml><ToUserName><![CDATA[{CORP_ID}]]></ToUserName><FromUserName><![CDATA[{from_userid}]]></FromUserName>"
        f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        f"<Content><![CDATA[{content}]]></Content><MsgId>{msg_id}</MsgId><AgentID>{AGENT_ID}</AgentID></xml>"
    )


def card_click_xml(*, from_userid: str, task_id: str, key: str, response_code: str, created: int = 0) -> str:
    return (
        f"<xml><ToUserName><![CDATA[{CORP_ID}]]></ToUserName><FromUserName><![CDATA[{from_userid}]]></FromUserName>"
        f"<CreateTime>{created or int(time.time())}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        f"<Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[{key}]]></EventKey>"
        f"<TaskId><![CDATA[{task_id}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType>"
        f"<ResponseCode><![CDATA[{response_code}]]></ResponseCode><AgentID>{AGENT_ID}</AgentID></xml>"
    )
