"""A fake WeCom API on 127.0.0.1 for the tests: the documented JSON of ``gettoken``, ``message/send``,
``message/update_template_card``, ``auth/getuserinfo``, the directory (``department/list``, ``user/list``) and a group
robot's ``webhook/send``, with errors that can be injected.

``server.inject("message/send", 45009)`` makes the next call of that endpoint answer with the error code;
``server.expire_tokens()`` makes every issued token answer 42001 (expired) until a new one is fetched.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

ERROR_MESSAGES = {
    40001: "invalid credential",
    40014: "invalid access_token",
    42001: "access_token expired",
    45009: "api freq out of limit",
    60020: "not allow to access from your ip",
    93000: "invalid webhook url, hint: [1700000000_abc]",
}


@dataclass
class Call:
    method: str
    endpoint: str
    params: dict[str, str]
    body: dict[str, Any]


@dataclass
class FakeWeCom:
    corp_id: str
    secret: str
    known_userids: set[str] = field(default_factory=set)
    calls: list[Call] = field(default_factory=list)
    tokens_issued: int = 0
    valid_tokens: set[str] = field(default_factory=set)
    injected: dict[str, list[int]] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)  # OAuth2 code -> userid
    robot_keys: set[str] = field(default_factory=set)  # group robots' webhook keys that exist
    departments: list[dict[str, Any]] = field(default_factory=list)  # department/list's "department"
    users: list[dict[str, Any]] = field(default_factory=list)  # user/list's "userlist" ("department": [ids])
    base_url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def inject(self, endpoint: str, *errcodes: int) -> None:
        with self.lock:
            self.injected.setdefault(endpoint, []).extend(errcodes)

    def expire_tokens(self) -> None:
        with self.lock:
            self.valid_tokens.clear()

    def calls_to(self, endpoint: str) -> list[Call]:
        return [call for call in self.calls if call.endpoint == endpoint]

    def answer(self, method: str, endpoint: str, params: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            self.calls.append(Call(method, endpoint, params, body))
            pending = self.injected.get(endpoint)
            if pending:
                code = pending.pop(0)
                return {"errcode": code, "errmsg": ERROR_MESSAGES.get(code, "error")}
            if endpoint == "gettoken":
                if params.get("corpid") != self.corp_id or params.get("corpsecret") != self.secret:
                    return {"errcode": 40001, "errmsg": ERROR_MESSAGES[40001]}
                self.tokens_issued += 1
                token = f"token-{self.tokens_issued}"
                self.valid_tokens.add(token)
                return {"errcode": 0, "errmsg": "ok", "access_token": token, "expires_in": 7200}
            if endpoint == "webhook/send":
                # A robot's webhook needs no token, only its key.
                if params.get("key") not in self.robot_keys:
                    return {"errcode": 93000, "errmsg": ERROR_MESSAGES[93000]}
                return {"errcode": 0, "errmsg": "ok"}
            if params.get("access_token") not in self.valid_tokens:
                return {"errcode": 42001, "errmsg": ERROR_MESSAGES[42001]}
            if endpoint == "message/send":
                userids = [userid for userid in str(body.get("touser", "")).split("|") if userid]
                invalid = [userid for userid in userids if userid not in self.known_userids]
                result: dict[str, Any] = {"errcode": 0, "errmsg": "ok", "msgid": f"msg-{len(self.calls)}"}
                if invalid:
                    result["invaliduser"] = "|".join(invalid)
                if body.get("msgtype") == "template_card":
                    result["response_code"] = f"response-{len(self.calls)}"
                return result
            if endpoint == "message/update_template_card":
                return {"errcode": 0, "errmsg": "ok", "invaliduser": []}
            if endpoint == "department/list":
                return {"errcode": 0, "errmsg": "ok", "department": [dict(row) for row in self.departments]}
            if endpoint == "user/list":
                root = int(params.get("department_id", "1"))
                below = self._departments_below(root) if params.get("fetch_child") == "1" else {root}
                users = [dict(user) for user in self.users if below & set(user.get("department", []))]
                return {"errcode": 0, "errmsg": "ok", "userlist": users}
            if endpoint == "auth/getuserinfo":
                userid = self.codes.get(params.get("code", ""))
                if userid is None:
                    return {"errcode": 40029, "errmsg": "invalid code"}
                return {"errcode": 0, "errmsg": "ok", "userid": userid}
            return {"errcode": 404, "errmsg": "unknown endpoint"}

    def _departments_below(self, root: int) -> set[int]:
        below = {root}
        changed = True
        while changed:
            changed = False
            for row in self.departments:
                if row.get("parentid") in below and row["id"] not in below:
                    below.add(row["id"])
                    changed = True
        return below


def _handler(fake: FakeWeCom) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _serve(self, method: str) -> None:
            url = urlparse(self.path)
            endpoint = url.path.removeprefix("/cgi-bin/")
            params = {key: values[0] for key, values in parse_qs(url.query).items()}
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw.decode("utf-8")) if raw else {}
            payload = json.dumps(fake.answer(method, endpoint, params, body), ensure_ascii=False).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

        def log_message(self, format: str, *args: Any) -> None:
            return None

    return Handler


@contextmanager
def fake_wecom_running(*, corp_id: str, secret: str) -> Iterator[FakeWeCom]:
    fake = FakeWeCom(corp_id=corp_id, secret=secret)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
