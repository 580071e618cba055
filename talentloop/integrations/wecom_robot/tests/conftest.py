"""Group-robot fixtures: the fake WeCom server on 127.0.0.1 (which also answers ``webhook/send``) and robots."""

from __future__ import annotations

import pytest

from talentloop.accounts.models import User
from talentloop.feedback.tests import review_fixtures
from talentloop.integrations.wecom.tests import conftest as wecom_fixtures
from talentloop.integrations.wecom.tests.fake_server import FakeWeCom
from talentloop.integrations.wecom_robot.models import GroupRobot
from talentloop.integrations.wecom_robot.services import robot_create

# Shared fixtures: the fake WeCom server, English admin messages, and a scored interview of candidate_a.
fake_wecom = wecom_fixtures.fake_wecom
_in_english = wecom_fixtures._in_english
review_world = review_fixtures.review_world
scored = review_fixtures.scored

KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
WEBHOOK = f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={KEY}"


@pytest.fixture
def robot(hr_admin: User, fake_wecom: FakeWeCom) -> GroupRobot:
    """The HR team's robot for review requests, company-wide; the fake server knows its key."""
    fake_wecom.robot_keys.add(KEY)
    return robot_create(actor=hr_admin, name="HR 群", webhook=WEBHOOK, kinds=["review_request_created"])
