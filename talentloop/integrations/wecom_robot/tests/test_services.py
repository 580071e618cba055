"""Group robots: adding one (key encrypted at rest), posting team events through the queue to the fake WeCom
webhook, retries (45009, the per-robot limit), permanent failures (93000), de-duplication, and the key kept out of
every log line, error and audit record."""

from __future__ import annotations

import logging
from io import StringIO
from typing import Any

import pytest
from celery.exceptions import Retry
from django.core.management import call_command
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext

from talentloop.accounts.models import User
from talentloop.core.exceptions import ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.integrations.wecom.tests.fake_server import FakeWeCom
from talentloop.integrations.wecom_robot.errors import RobotErrorCode
from talentloop.integrations.wecom_robot.models import GroupRobot, RobotPost
from talentloop.integrations.wecom_robot.services import (
    robot_create,
    robot_enabled_set,
    robot_posts_attempt_queued,
    robot_test_send,
    robot_update,
)
from talentloop.integrations.wecom_robot.tasks import send_robot_post_task
from talentloop.integrations.wecom_robot.tests.conftest import KEY, WEBHOOK
from talentloop.integrations.wecom_robot.webhook import MESSAGES_PER_ROBOT_PER_MINUTE
from talentloop.notifications.services import team_post
from talentloop.org.models import Department

PARAMS = {"kind": "explanation", "due": "2026-12-13"}


def post_queued(django_capture_on_commit_callbacks: Any, **overrides: Any) -> int:
    """A review-request team post, stored and queued but not yet attempted; returns how many posts were queued."""
    arguments: dict[str, Any] = {
        "kind": "review_request_created",
        "params": PARAMS,
        "link": "/console/reviews/7/",
        "dedupe_key": "review_request_created:7",
        **overrides,
    }
    with django_capture_on_commit_callbacks(execute=False):
        return team_post(**arguments)


class TestRobots:
    def test_the_key_is_stored_encrypted_and_read_back(self, hr_admin: User) -> None:
        robot = robot_create(actor=hr_admin, name=" HR 群 ", webhook=WEBHOOK, kinds=["review_request_created"])
        with connection.cursor() as cursor:
            cursor.execute("SELECT webhook_key FROM wecom_robot_grouprobot WHERE id = %s", [robot.pk])
            [raw] = cursor.fetchone()
        assert KEY not in raw and raw.startswith("gAAAA")  # a Fernet token
        stored = GroupRobot.objects.get()
        assert (stored.name, stored.webhook_key, stored.key_hint, stored.kinds) == (
            "HR 群",
            KEY,
            "5aaa",
            ["review_request_created"],
        )
        [event] = AuditEvent.objects.filter(object_type="wecom_robot.grouprobot")
        assert event.object_id == str(robot.pk)
        assert event.changes == {
            "name": "HR 群",
            "kinds": ["review_request_created"],
            "department": None,
            "enabled": True,
            "webhook_key": "set",
        }
        assert KEY not in str(event.changes)

    def test_a_bad_webhook_or_kind_is_refused_and_nothing_written(self, hr_admin: User) -> None:
        audit_events = AuditEvent.objects.count()
        with pytest.raises(ValidationFailed) as bad_webhook:
            robot_create(actor=hr_admin, name="HR", webhook="https://example.com/?key=1", kinds=[])
        with pytest.raises(ValidationFailed) as bad_kind:
            robot_create(actor=hr_admin, name="HR", webhook=KEY, kinds=["comment_mention"])
        assert (bad_webhook.value.code, bad_kind.value.code) == (
            RobotErrorCode.WEBHOOK_INVALID,
            RobotErrorCode.KIND_INVALID,
        )
        assert (GroupRobot.objects.count(), AuditEvent.objects.count()) == (0, audit_events)

    def test_a_new_key_makes_the_robot_untested_again_and_an_empty_one_keeps_the_key(
        self, robot: GroupRobot, hr_admin: User, fake_wecom: FakeWeCom
    ) -> None:
        robot_test_send(actor=hr_admin, robot=robot)
        robot_update(actor=hr_admin, robot=robot, name="HR", kinds=[], department=None, webhook="")
        robot.refresh_from_db()
        assert (robot.webhook_key, robot.health, robot.kinds) == (KEY, GroupRobot.Health.WORKING, [])
        robot_update(actor=hr_admin, robot=robot, name="HR", kinds=[], department=None, webhook="abcdefgh-1234")
        robot.refresh_from_db()
        assert (robot.webhook_key, robot.key_hint, robot.health, robot.last_outcome) == (
            "abcdefgh-1234",
            "1234",
            GroupRobot.Health.UNTESTED,
            "",
        )


class TestTestMessage:
    def test_a_working_key_posts_the_test_message_at_once(
        self, robot: GroupRobot, hr_admin: User, fake_wecom: FakeWeCom
    ) -> None:
        post = robot_test_send(actor=hr_admin, robot=robot)
        assert (post.status, post.attempts, post.kind) == (RobotPost.Status.SENT, 1, "test")
        [call] = fake_wecom.calls_to("webhook/send")
        assert (call.method, call.params, call.body["msgtype"]) == ("POST", {"key": KEY}, "markdown")
        # the group reads the site's language (Chinese), with no link
        with translation.override("zh-hans"):
            expected = (
                f"**{gettext('TalentLoop test message')}**\n"
                f"{gettext('This robot is set up: TalentLoop will post team events to this group.')}"
            )
        assert call.body["markdown"]["content"] == expected
        robot.refresh_from_db()
        assert robot.health == GroupRobot.Health.WORKING

    def test_a_removed_robot_fails_permanently_and_is_marked_failing(
        self, robot: GroupRobot, hr_admin: User, fake_wecom: FakeWeCom
    ) -> None:
        fake_wecom.robot_keys.clear()
        post = robot_test_send(actor=hr_admin, robot=robot)
        assert (post.status, post.attempts) == (RobotPost.Status.FAILED, 1)
        assert post.last_error.startswith("WeCom refused the webhook key (93000)")
        robot.refresh_from_db()
        assert (robot.health, robot.last_outcome) == (GroupRobot.Health.FAILING, post.last_error)


class TestTeamPosts:
    def test_a_team_post_reaches_each_robot_that_takes_its_kind(
        self, robot: GroupRobot, hr_admin: User, fake_wecom: FakeWeCom, django_capture_on_commit_callbacks: Any
    ) -> None:
        robot_create(actor=hr_admin, name="Mentions?", webhook="other-robot-key", kinds=[])
        with django_capture_on_commit_callbacks(execute=True):
            queued = team_post(kind="review_request_created", params=PARAMS, link="/console/reviews/7/")
        assert queued == 1
        [post] = RobotPost.objects.all()
        assert (post.robot, post.status, post.attempts) == (robot, RobotPost.Status.SENT, 1)
        [call] = fake_wecom.calls_to("webhook/send")
        assert call.body["markdown"]["content"] == (
            "**候选人新申请：说明**\n一位候选人对其面试提出了申请，请在 2026-12-13 前答复。\n"
            "[在 TalentLoop 中打开](http://127.0.0.1:8000/console/reviews/7/)"
        )

    def test_the_same_event_is_posted_once(
        self, robot: GroupRobot, fake_wecom: FakeWeCom, django_capture_on_commit_callbacks: Any
    ) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            first = team_post(kind="review_request_created", params=PARAMS, dedupe_key="rr:7")
            second = team_post(kind="review_request_created", params=PARAMS, dedupe_key="rr:7")
        assert (first, second, RobotPost.objects.count(), len(fake_wecom.calls_to("webhook/send"))) == (1, 0, 1, 1)

    def test_a_switched_off_robot_gets_nothing(
        self, robot: GroupRobot, hr_admin: User, fake_wecom: FakeWeCom, django_capture_on_commit_callbacks: Any
    ) -> None:
        robot_enabled_set(actor=hr_admin, robot=robot, enabled=False)
        assert post_queued(django_capture_on_commit_callbacks) == 0
        assert (RobotPost.objects.count(), fake_wecom.calls_to("webhook/send")) == (0, [])

    def test_a_department_robot_takes_only_events_of_its_department_and_below(
        self, hr_admin: User, fake_wecom: FakeWeCom, django_capture_on_commit_callbacks: Any
    ) -> None:
        sales = Department.objects.get(code="sales")
        east = Department.objects.get(code="sales-east")
        rnd = Department.objects.get(code="rnd")
        robot = robot_create(
            actor=hr_admin, name="销售群", webhook=KEY, kinds=["review_request_created"], department=sales
        )
        counts = [
            post_queued(django_capture_on_commit_callbacks, dedupe_key=f"d{department_id}", department_id=department_id)
            for department_id in (east.pk, sales.pk, rnd.pk, None)
        ]
        assert counts == [1, 1, 0, 0]
        assert list(robot.posts.order_by("pk").values_list("dedupe_key", flat=True)) == [f"d{east.pk}", f"d{sales.pk}"]

    def test_a_personal_kind_is_not_a_team_post(self, robot: GroupRobot) -> None:
        with pytest.raises(ValidationFailed):
            team_post(kind="comment_mention", params={})
        assert RobotPost.objects.count() == 0


class TestAttempts:
    def test_45009_is_retried_with_back_off_and_then_sent(
        self, robot: GroupRobot, fake_wecom: FakeWeCom, django_capture_on_commit_callbacks: Any
    ) -> None:
        post_queued(django_capture_on_commit_callbacks)
        post = RobotPost.objects.get()
        fake_wecom.inject("webhook/send", 45009)
        with pytest.raises(Retry) as retried:
            send_robot_post_task.apply(args=(post.pk,), throw=True)
        post.refresh_from_db()
        assert (retried.value.when, post.status, post.attempts) == (30, RobotPost.Status.QUEUED, 1)
        assert post.last_error == "WeCom's rate limit was reached (45009); the message will be sent later."
        assert send_robot_post_task.apply(args=(post.pk,), retries=1).get() == "sent"
        post.refresh_from_db()
        assert (post.status, post.attempts, post.last_error) == (RobotPost.Status.SENT, 2, "")
        assert len(fake_wecom.calls_to("webhook/send")) == 2

    def test_93000_fails_at_once_and_marks_the_robot_failing(
        self, robot: GroupRobot, fake_wecom: FakeWeCom, django_capture_on_commit_callbacks: Any
    ) -> None:
        post_queued(django_capture_on_commit_callbacks)
        post = RobotPost.objects.get()
        fake_wecom.inject("webhook/send", 93000)
        assert send_robot_post_task.apply(args=(post.pk,)).get() == "failed"
        assert send_robot_post_task.apply(args=(post.pk,)).get() == "failed"  # not attempted again
        post.refresh_from_db()
        robot.refresh_from_db()
        assert (post.attempts, robot.health, len(fake_wecom.calls_to("webhook/send"))) == (
            1,
            GroupRobot.Health.FAILING,
            1,
        )

    def test_a_post_sent_before_its_outcome_was_recorded_is_not_sent_again(
        self, robot: GroupRobot, fake_wecom: FakeWeCom, django_capture_on_commit_callbacks: Any
    ) -> None:
        post_queued(django_capture_on_commit_callbacks)
        post = RobotPost.objects.get()
        assert send_robot_post_task.apply(args=(post.pk,)).get() == "sent"
        # a worker lost after the send: the row still says queued
        RobotPost.objects.filter(pk=post.pk).update(status=RobotPost.Status.QUEUED)
        assert send_robot_post_task.apply(args=(post.pk,)).get() == "sent"
        assert len(fake_wecom.calls_to("webhook/send")) == 1

    def test_the_robots_limit_of_20_a_minute_holds_the_21st_back_without_calling_wecom(
        self, robot: GroupRobot, fake_wecom: FakeWeCom, django_capture_on_commit_callbacks: Any
    ) -> None:
        for number in range(MESSAGES_PER_ROBOT_PER_MINUTE + 1):
            post_queued(django_capture_on_commit_callbacks, dedupe_key=f"rr:{number}")
        counts = robot_posts_attempt_queued()
        assert counts == {"sent": MESSAGES_PER_ROBOT_PER_MINUTE, "queued": 1, "failed": 0}
        assert len(fake_wecom.calls_to("webhook/send")) == MESSAGES_PER_ROBOT_PER_MINUTE
        held = RobotPost.objects.get(status=RobotPost.Status.QUEUED)
        assert held.last_error == "A group robot takes 20 messages a minute; sending later."

    def test_the_last_retry_fails_the_post_without_marking_the_robot_failing(
        self, robot: GroupRobot, fake_wecom: FakeWeCom, django_capture_on_commit_callbacks: Any
    ) -> None:
        post_queued(django_capture_on_commit_callbacks)
        post = RobotPost.objects.get()
        fake_wecom.inject("webhook/send", 45009)
        result = send_robot_post_task.apply(args=(post.pk,), retries=send_robot_post_task.max_retries)
        post.refresh_from_db()
        robot.refresh_from_db()
        assert (result.get(), post.status, robot.health) == ("failed", RobotPost.Status.FAILED, "untested")

    def test_wecom_unreachable_is_retryable(
        self, robot: GroupRobot, fake_wecom: FakeWeCom, django_capture_on_commit_callbacks: Any, settings: Any
    ) -> None:
        post_queued(django_capture_on_commit_callbacks)
        settings.WECOM_API_BASE = "http://127.0.0.1:9"  # nothing listens on the discard port
        assert robot_posts_attempt_queued() == {"sent": 0, "queued": 1, "failed": 0}
        post = RobotPost.objects.get()
        assert post.last_error == "WeCom could not be reached: ConnectionError"

    def test_the_key_is_never_logged_nor_recorded(
        self,
        robot: GroupRobot,
        hr_admin: User,
        fake_wecom: FakeWeCom,
        django_capture_on_commit_callbacks: Any,
        caplog: pytest.LogCaptureFixture,
        settings: Any,
    ) -> None:
        caplog.set_level(logging.DEBUG)
        with django_capture_on_commit_callbacks(execute=True):
            team_post(kind="review_request_created", params=PARAMS, dedupe_key="a")  # sent
        fake_wecom.inject("webhook/send", 45009, 93000)
        post_queued(django_capture_on_commit_callbacks, dedupe_key="b")
        robot_posts_attempt_queued()  # 45009: retried
        robot_posts_attempt_queued()  # 93000: failed
        settings.WECOM_API_BASE = "http://127.0.0.1:9"
        robot_test_send(actor=hr_admin, robot=robot)  # unreachable
        assert "webhook/send" in caplog.text  # urllib3's request lines were logged, redacted
        assert KEY not in caplog.text
        recorded = [
            *RobotPost.objects.values_list("last_error", flat=True),
            *GroupRobot.objects.values_list("last_outcome", flat=True),
            *(str(changes) for changes in AuditEvent.objects.values_list("changes", flat=True)),
        ]
        assert len(recorded) >= 4 and not [text for text in recorded if KEY in text]


class TestSettings:
    def test_without_team_channels_nothing_is_stored_or_sent(
        self, robot: GroupRobot, fake_wecom: FakeWeCom, django_capture_on_commit_callbacks: Any, settings: Any
    ) -> None:
        settings.TALENTLOOP_TEAM_CHANNELS = []  # WECOM_ROBOTS_ENABLED=false
        assert post_queued(django_capture_on_commit_callbacks) == 0
        assert (RobotPost.objects.count(), fake_wecom.calls_to("webhook/send")) == (0, [])

    def test_the_command_sends_what_stayed_queued(
        self, robot: GroupRobot, fake_wecom: FakeWeCom, django_capture_on_commit_callbacks: Any
    ) -> None:
        post_queued(django_capture_on_commit_callbacks)
        out = StringIO()
        call_command("wecom_robots_send", stdout=out)
        assert out.getvalue().strip() == "Sent 1, still queued 0, failed 0."
        assert RobotPost.objects.get().status == RobotPost.Status.SENT
