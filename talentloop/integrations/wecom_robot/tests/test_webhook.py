"""The webhook's pieces: reading a key from what an admin pastes, the markdown cut to 4096 bytes, the key redacted."""

from __future__ import annotations

import pytest

from talentloop.integrations.wecom_robot.webhook import (
    MARKDOWN_LIMIT,
    WebhookKeyInvalid,
    markdown_content,
    redact,
    webhook_key_parse,
)

KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"


@pytest.mark.parametrize(
    "pasted",
    [
        KEY,
        f"  {KEY}\n",
        f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={KEY}",
        f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?debug=1&key={KEY}",
    ],
)
def test_the_key_is_read_from_the_address_or_the_key(pasted: str) -> None:
    assert webhook_key_parse(pasted) == KEY


@pytest.mark.parametrize(
    "pasted",
    [
        "",
        "short",
        "key with spaces in it",
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send",
        f"https://qyapi.weixin.qq.com/cgi-bin/message/send?key={KEY}",
        f"ftp://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={KEY}",
        f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={KEY}&key=other-key-1234",
    ],
)
def test_anything_else_is_refused(pasted: str) -> None:
    with pytest.raises(WebhookKeyInvalid):
        webhook_key_parse(pasted)


def test_a_long_message_is_cut_on_a_character_boundary_and_keeps_its_link() -> None:
    content = markdown_content(title="标题", body="面" * 3000, link="http://127.0.0.1:8000/console/reviews/7/")
    encoded = content.encode("utf-8")
    assert len(encoded) <= MARKDOWN_LIMIT
    assert len(encoded) >= MARKDOWN_LIMIT - 3  # cut as late as a 3-byte character allows
    assert content.endswith("…\n[Open in TalentLoop](http://127.0.0.1:8000/console/reviews/7/)")
    assert content.startswith("**标题**\n面面")


def test_a_short_message_is_whole() -> None:
    assert markdown_content(title="T", body="B", link="") == "**T**\nB"


def test_keys_are_redacted_from_text() -> None:
    assert redact(f'"POST /cgi-bin/webhook/send?key={KEY} HTTP/1.1" 200') == (
        '"POST /cgi-bin/webhook/send?key=*** HTTP/1.1" 200'
    )
