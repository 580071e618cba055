"""A candidate's review request, told to HR in person and posted to the group robots of the candidate's department
(the position they applied for), once, and without the candidate's name."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from talentloop.accounts.models import User
from talentloop.feedback.services.reviews import review_request_create
from talentloop.integrations.wecom.tests.fake_server import FakeWeCom
from talentloop.integrations.wecom_robot.models import RobotPost
from talentloop.integrations.wecom_robot.services import robot_create
from talentloop.integrations.wecom_robot.tests.conftest import KEY
from talentloop.interviews.models import InterviewSession
from talentloop.notifications.events import review_request_created_notify
from talentloop.org.models import Department


def test_a_review_request_is_posted_to_the_robots_of_the_candidates_department_once(
    scored: InterviewSession,
    candidate_a: User,
    hr_admin: User,
    fake_wecom: FakeWeCom,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a Sales robot and an R&D robot, both taking review requests; candidate_a applied in Sales
    fake_wecom.robot_keys.update({KEY, "rnd-robot-key"})
    sales = robot_create(
        actor=hr_admin,
        name="销售群",
        webhook=KEY,
        kinds=["review_request_created"],
        department=Department.objects.get(code="sales"),
    )
    robot_create(
        actor=hr_admin,
        name="研发群",
        webhook="rnd-robot-key",
        kinds=["review_request_created"],
        department=Department.objects.get(code="rnd"),
    )
    review_request = review_request_create(actor=candidate_a, session=scored, kind="explanation", text="为什么？")
    # when the event is told twice
    with django_capture_on_commit_callbacks(execute=True):
        review_request_created_notify(review_request=review_request)
        review_request_created_notify(review_request=review_request)
    # then the Sales group got one post, the R&D group none
    [post] = RobotPost.objects.all()
    assert (post.robot, post.status, post.kind, post.dedupe_key) == (
        sales,
        RobotPost.Status.SENT,
        "review_request_created",
        f"review_request_created:{review_request.pk}",
    )
    assert post.link == reverse("console:review_request", args=[review_request.pk])
    [call] = fake_wecom.calls_to("webhook/send")
    content = call.body["markdown"]["content"]
    assert call.params == {"key": KEY}
    assert content.startswith("**候选人新申请：说明**\n一位候选人对其面试提出了申请")
    assert candidate_a.person.full_name not in content
