"""WeCom test fixtures: the app's settings pointing at a fake WeCom server on 127.0.0.1, and linked people."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import override_settings
from django.utils import translation

from talentloop.accounts.models import User
from talentloop.integrations.wecom.models import WeComAccount
from talentloop.integrations.wecom.tests.fake_server import FakeWeCom, fake_wecom_running

CORP_ID = "ww1234567890abcdef"
SECRET = "app-secret-for-tests"
TOKEN = "callbackToken42"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
AGENT_ID = 1000002
TRANSPORTS = {
    "in_app": "talentloop.notifications.transports.InAppTransport",
    "email": "talentloop.integrations.email.transport.EmailTransport",
    "wecom": "talentloop.integrations.wecom.transport.WeComTransport",
}


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    """Workers run in the site's language (Chinese by default); these tests read the admin messages in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def fake_wecom(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeWeCom]:
    """WeCom enabled, with its API answered by a fake server on 127.0.0.1 (no proxy in between)."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    with (
        fake_wecom_running(corp_id=CORP_ID, secret=SECRET) as fake,
        override_settings(
            WECOM_ENABLED=True,
            WECOM_CORP_ID=CORP_ID,
            WECOM_AGENT_ID=AGENT_ID,
            WECOM_SECRET=SECRET,
            WECOM_TOKEN=TOKEN,
            WECOM_ENCODING_AES_KEY=AES_KEY,
            WECOM_API_BASE=fake.base_url,
            NOTIFICATION_TRANSPORTS=TRANSPORTS,
        ),
    ):
        yield fake


@pytest.fixture
def hr_on_wecom(hr: User, fake_wecom: FakeWeCom) -> User:
    """HR, linked to the WeCom member ``zhangwei`` whom the fake server knows."""
    WeComAccount.objects.create(person=hr.person, userid="zhangwei")
    fake_wecom.known_userids.add("zhangwei")
    return hr


from talentloop.collaboration.tests.share_fixtures import share_world, shared_session  # noqa: E402, F401
