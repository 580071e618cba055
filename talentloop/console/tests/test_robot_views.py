"""The HR admins' group robots page and the contact sync page: adding a robot (key never shown back), the test
message's outcome, switching off, the sync preview and apply, and who may open them."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from talentloop.accounts.models import User
from talentloop.core.models import AuditEvent
from talentloop.integrations.wecom.models import WeComAccount
from talentloop.integrations.wecom.tests import conftest as wecom_fixtures
from talentloop.integrations.wecom.tests.fake_server import FakeWeCom
from talentloop.integrations.wecom_robot.models import GroupRobot, RobotPost
from talentloop.integrations.wecom_robot.services import robot_create
from talentloop.org.models import Department, Person

fake_wecom = wecom_fixtures.fake_wecom
_in_english = wecom_fixtures._in_english

KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
WEBHOOK = f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={KEY}"
ROBOTS = "/console/wecom/robots/"
SYNC = "/console/wecom/sync/"


def in_english(client: Any) -> Any:
    """The client reading pages in English (the admin messages asserted below are the English source)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_an_hr_admin_adds_a_robot_and_its_key_is_never_shown_back(client_for: Any, hr_admin: User) -> None:
    client = in_english(client_for(hr_admin))
    sales = Department.objects.get(code="sales")
    response = client.post(
        ROBOTS,
        {"name": "销售群", "webhook": WEBHOOK, "kinds": ["review_request_created"], "department": sales.pk},
    )
    robot = GroupRobot.objects.get()
    assert (response.status_code, response["Location"]) == (302, reverse("console:wecom_robot_detail", args=[robot.pk]))
    assert (robot.name, robot.kinds, robot.department, robot.webhook_key) == (
        "销售群",
        ["review_request_created"],
        sales,
        KEY,
    )
    for url in (ROBOTS, reverse("console:wecom_robot_detail", args=[robot.pk])):
        page = client.get(url)
        assert page.status_code == 200
        assert KEY not in page.content.decode() and "…5aaa" in page.content.decode()


def test_a_bad_webhook_is_shown_on_the_form_and_nothing_written(client_for: Any, hr_admin: User) -> None:
    audit_events = AuditEvent.objects.count()
    response = in_english(client_for(hr_admin)).post(ROBOTS, {"name": "销售群", "webhook": "https://example.com/hook"})
    assert response.status_code == 400
    assert response.context["form"].errors["webhook"] == [
        "Paste the robot's webhook address (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…) or its key."
    ]
    assert (GroupRobot.objects.count(), AuditEvent.objects.count()) == (0, audit_events)


def test_the_test_message_outcome_is_shown(client_for: Any, hr_admin: User, fake_wecom: FakeWeCom) -> None:
    robot = robot_create(actor=hr_admin, name="HR", webhook=KEY, kinds=[])
    client = in_english(client_for(hr_admin))
    test_url = reverse("console:wecom_robot_test", args=[robot.pk])
    # the key does not exist (anymore) in WeCom
    page = client.post(test_url, follow=True)
    assert [str(message) for message in page.context["messages"]] == [
        "The test message was not sent: WeCom refused the webhook key (93000): the robot was removed from its group "
        "or the key is wrong. Add the robot again and paste its new webhook address."
    ]
    fake_wecom.robot_keys.add(KEY)
    page = client.post(test_url, follow=True)
    assert [str(message) for message in page.context["messages"]] == [
        "The test message was sent. Check the group chat."
    ]
    assert list(RobotPost.objects.order_by("pk").values_list("kind", "status")) == [
        ("test", "failed"),
        ("test", "sent"),
    ]
    robot.refresh_from_db()
    assert robot.health == GroupRobot.Health.WORKING


def test_an_hr_admin_switches_a_robot_off_and_edits_it_keeping_the_key(client_for: Any, hr_admin: User) -> None:
    robot = robot_create(actor=hr_admin, name="HR", webhook=KEY, kinds=["review_request_created"])
    client = in_english(client_for(hr_admin))
    assert client.post(reverse("console:wecom_robot_enabled", args=[robot.pk]), {"enabled": "0"}).status_code == 302
    response = client.post(reverse("console:wecom_robot_detail", args=[robot.pk]), {"name": "HR 2", "webhook": ""})
    assert response.status_code == 302
    robot.refresh_from_db()
    assert (robot.enabled, robot.name, robot.kinds, robot.webhook_key) == (False, "HR 2", [], KEY)


def test_the_robot_list_takes_a_fixed_number_of_queries(
    client_for: Any, hr_admin: User, django_assert_num_queries: Any
) -> None:
    client = in_english(client_for(hr_admin))
    robot_create(actor=hr_admin, name="A", webhook=KEY, kinds=[], department=Department.objects.get(code="sales"))
    client.get(ROBOTS)
    with django_assert_num_queries(13) as one:
        client.get(ROBOTS)
    for name in ("B", "C"):
        robot_create(actor=hr_admin, name=name, webhook=KEY, kinds=[], department=Department.objects.get(code="rnd"))
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(client.get(ROBOTS).context["robots"]) == 3


def test_only_hr_admins_manage_robots(
    client_for: Any, hr_admin: User, hr: User, candidate_a: User, fake_wecom: FakeWeCom
) -> None:
    fake_wecom.robot_keys.add(KEY)
    robot = robot_create(actor=hr_admin, name="HR", webhook=KEY, kinds=[])
    before = (GroupRobot.objects.count(), RobotPost.objects.count(), AuditEvent.objects.count())
    for user, status in ((hr, 403), (candidate_a, 404)):
        client = client_for(user)
        assert client.get(ROBOTS).status_code == status
        assert client.post(ROBOTS, {"name": "x", "webhook": KEY}).status_code == status
        assert client.get(reverse("console:wecom_robot_detail", args=[robot.pk])).status_code == status
        assert client.post(reverse("console:wecom_robot_test", args=[robot.pk])).status_code == status
        assert client.post(reverse("console:wecom_robot_enabled", args=[robot.pk]), {"enabled": "0"}).status_code == (
            status
        )
    assert (
        in_english(client_for(hr_admin)).get(reverse("console:wecom_robot_detail", args=[robot.pk + 1])).status_code
        == 404
    )
    assert (GroupRobot.objects.count(), RobotPost.objects.count(), AuditEvent.objects.count()) == before
    assert fake_wecom.calls_to("webhook/send") == []


def test_the_sync_page_previews_and_applies(
    client_for: Any, hr_admin: User, employee: User, fake_wecom: FakeWeCom
) -> None:
    fake_wecom.departments = [
        {"id": 1, "name": "华腾科技", "parentid": 0},
        {"id": 2, "name": "销售中心", "parentid": 1},
    ]
    fake_wecom.users = [
        {"userid": "zhaojing", "name": "赵静", "department": [2], "email": employee.person.email, "status": 1},
        {"userid": "newbie", "name": "新人", "department": [2], "status": 1},
    ]
    client = in_english(client_for(hr_admin))
    people = Person.objects.count()
    page = client.get(SYNC)
    assert page.status_code == 200
    plan = page.context["plan"]
    assert (plan.changes, Person.objects.count()) == (4, people)
    assert "Apply 4 changes" in page.content.decode()
    # a stale digest is refused with the new preview
    refused = client.post(SYNC, {"digest": "stale"})
    assert (refused.status_code, WeComAccount.objects.count()) == (409, 0)
    applied = client.post(SYNC, {"digest": plan.digest}, follow=True)
    assert [str(message) for message in applied.context["messages"]] == [
        "Contact sync applied: 2 departments created, 0 renamed, 0 moved; 1 people created, 1 linked."
    ]
    assert (Person.objects.count(), WeComAccount.objects.count(), applied.context["plan"].changes) == (people + 1, 2, 0)
    assert "Nothing to change." in applied.content.decode()


def test_hr_may_not_apply_the_sync_and_nothing_is_read_or_written(
    client_for: Any, hr: User, candidate_a: User, fake_wecom: FakeWeCom
) -> None:
    fake_wecom.departments = [{"id": 1, "name": "华腾科技", "parentid": 0}]
    before = (Department.objects.count(), Person.objects.count(), AuditEvent.objects.count())
    assert client_for(hr).post(SYNC, {"digest": ""}).status_code == 403
    assert client_for(candidate_a).post(SYNC, {"digest": ""}).status_code == 404
    assert (Department.objects.count(), Person.objects.count(), AuditEvent.objects.count()) == before
    assert fake_wecom.calls == []


def test_the_sync_page_shows_a_failed_read(client_for: Any, hr_admin: User, fake_wecom: FakeWeCom) -> None:
    fake_wecom.inject("department/list", 60020)
    page = in_english(client_for(hr_admin)).get(SYNC)
    assert (page.status_code, page.context["plan"]) == (400, None)
    assert page.context["error"].startswith("WeCom's directory could not be read: WeCom refused the call (60020)")


def test_the_sync_page_says_wecom_is_off_and_calls_nothing(client_for: Any, hr_admin: User) -> None:
    page = in_english(client_for(hr_admin)).get(SYNC)
    assert (page.status_code, page.context["plan"]) == (200, None)
    assert "contact sync needs the app's credentials" in page.content.decode()
