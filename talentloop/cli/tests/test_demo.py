"""The demo data: complete, consistent with the permission rules, and safe to load again."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from talentloop.accounts.models import User
from talentloop.cli.demo import CANDIDATES, DEMO_PASSWORD, DEPARTMENTS, EMPLOYEES, POSITIONS, ROLE_LABELS, demo_load
from talentloop.cli.demo_messages import DEMO_QUESTION, DEMO_REPLY_EDIT
from talentloop.cli.main import main
from talentloop.collaboration.messages import MESSAGE_MAX_LENGTH, SUGGESTION_ROOM_FOR_HR
from talentloop.collaboration.models import Message, MessageThread
from talentloop.core.models import AuditEvent
from talentloop.org.access import actor_get, candidate_list_for_user
from talentloop.org.models import Candidate, Company, Department, Employee, Person, Position, Role, RoleGrant
from talentloop.privacy.models import DeletionRequest
from talentloop.recruitment.models import Application, Opening, PossibleDuplicate, Resume

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        "companies": Company.objects.count(),
        "users": User.objects.count(),
        "people": Person.objects.count(),
        "departments": Department.objects.count(),
        "positions": Position.objects.count(),
        "employees": Employee.objects.count(),
        "candidates": Candidate.objects.count(),
        "role_grants": RoleGrant.objects.count(),
        "audit_events": AuditEvent.objects.count(),
        "openings": Opening.objects.count(),
        "open_openings": Opening.objects.filter(status=Opening.Status.OPEN).count(),
        "applications": Application.objects.count(),
        "message_threads": MessageThread.objects.count(),
        "messages": Message.objects.count(),
        "resumes": Resume.objects.count(),
        "possible_duplicates": PossibleDuplicate.objects.count(),
    }


EXPECTED_COUNTS = {
    "companies": 1,
    "users": 11,  # seven employees, four candidates with accounts
    # seven employees, eight candidates, nine candidates who completed their interview, two careers-site applicants
    # (the third is 郑洁, already known by her email)
    "people": 26,
    "departments": len(DEPARTMENTS),
    "positions": len(POSITIONS),
    "employees": len(EMPLOYEES),
    "candidates": len(CANDIDATES) + 9 + 2,
    "role_grants": 5,
    # one create per org record and one grant per role, then the interview content: 3 job profiles, 27 questions,
    # 3 templates and 6 invitations; then the learning library: 17 courses, 5 practice projects and 4 mentors;
    # then 9 candidates with completed interviews and their 9 invitations; the staff's 198 ratings of their answers;
    # the Sales Representative re-application policy; the 3 openings and the opening of 2 of them; and employee1's
    # deletion request (held: she is an active employee); then 11 people's sensitive attributes; the result shared
    # with the Sales manager and their answer; the pipeline: 11 applications, their 14 moves and rejections,
    # 6 scorecards; the careers site's 2 new candidates, 3 invitations and 3 applications
    "audit_events": len(EMPLOYEES)
    + len(CANDIDATES)
    + 5
    + 3
    + 27
    + 3
    + 6
    + 17
    + 5
    + 4
    + 9
    + 9
    + 198
    + 1
    + 3
    + 2
    + 1
    + 11
    + 2
    + 11
    + 14
    + 6
    + 2
    + 3
    + 3,
    "openings": 3,
    "open_openings": 2,
    # the demo candidates on the two open openings' boards, and 3 from the careers site; employee1 can still apply
    "applications": 14,
    "message_threads": 1,  # candidate3's question to HR and HR's reply
    "messages": 2,
    "resumes": 3,
    "possible_duplicates": 1,
}


def test_demo_load_creates_the_demo_company() -> None:
    # when
    accounts = demo_load().accounts

    # then
    assert _counts() == EXPECTED_COUNTS
    assert [account.username for account in accounts] == list(ROLE_LABELS)
    assert {account.password for account in accounts} == {DEMO_PASSWORD}
    assert all(User.objects.get(username=account.username).check_password(DEMO_PASSWORD) for account in accounts)


def test_demo_load_twice_changes_nothing() -> None:
    # given
    demo_load()
    first = _counts()
    paths = sorted(Department.objects.values_list("code", "path"))

    # when
    demo_load()

    # then
    assert _counts() == first == EXPECTED_COUNTS
    assert sorted(Department.objects.values_list("code", "path")) == paths


def test_the_demo_accounts_have_the_roles_their_labels_promise() -> None:
    # given
    demo_load()

    # when
    roles = {
        username: sorted(role.value for role in actor_get(User.objects.get(username=username)).roles)
        for username in ROLE_LABELS
    }

    # then
    assert roles == {
        "hradmin": ["employee", "hr_admin"],
        "hr": ["employee", "hr"],
        "sales.manager": ["employee", "hiring_manager"],
        "rnd.manager": ["employee", "hiring_manager"],
        "interviewer": ["employee", "interviewer"],
        "employee1": ["employee"],
        "employee2": ["employee"],
        "candidate1": ["candidate"],
        "candidate2": ["candidate"],
        "candidate3": ["candidate"],
        "candidate4": ["candidate"],
    }


def test_the_demo_shows_the_permission_rules() -> None:
    # given
    demo_load()

    # when
    seen = {
        username: sorted(c.person.email for c in candidate_list_for_user(User.objects.get(username=username)))
        for username in ("sales.manager", "rnd.manager", "interviewer", "candidate1")
    }

    # then
    assert seen == {
        "sales.manager": [
            "feng.kai@example.com",
            "gao.peng@example.com",
            "lin.xiao@example.com",
            "luo.dandan@example.com",
            "xu.wen@example.com",
            "zheng.jie@example.com",
            "zhou.ting@example.com",
        ],
        "rnd.manager": [
            "cao.yu@example.com",
            "chen.yuhang@example.com",  # applied from the careers site
            "emily.carter@example.com",
            "han.xue@example.com",
            "he.qian@example.com",
            "sophie.wang@example.com",  # applied from the careers site
            "tang.yifei@example.com",
            "wu.jie@example.com",
        ],
        # candidate1, and the three backend candidates whose interviews the interviewer rates
        "interviewer": ["cao.yu@example.com", "han.xue@example.com", "tang.yifei@example.com", "zhou.ting@example.com"],
        "candidate1": ["zhou.ting@example.com"],
    }
    assert RoleGrant.objects.get(role=Role.HR_ADMIN).user.username == "hradmin"


def test_the_demo_load_command_prints_every_account_and_can_run_again() -> None:
    # given
    first_output, second_output = StringIO(), StringIO()

    # when
    call_command("demo_load", stdout=first_output)
    call_command("demo_load", stdout=second_output)

    # then
    for output in (first_output, second_output):
        lines = output.getvalue().splitlines()[: 1 + len(ROLE_LABELS)]
        assert [line.split()[0] for line in lines[1:]] == list(ROLE_LABELS)
        assert all(DEMO_PASSWORD in line for line in lines[1:])
        assert output.getvalue().count("/i/") == 2  # the two demo candidates' interview links
    assert _counts() == EXPECTED_COUNTS


def test_talentloop_demo_no_serve_migrates_loads_and_exits(monkeypatch: pytest.MonkeyPatch) -> None:
    # given: what `talentloop demo` sets for itself, undone after the test
    monkeypatch.setenv("DEBUG", "true")

    # when
    first = main(["demo", "--no-serve"])
    second = main(["demo", "--no-serve"])

    # then
    assert (first, second) == (0, 0)
    assert _counts() == EXPECTED_COUNTS


def test_the_demo_has_a_deletion_request_on_legal_hold() -> None:
    # when
    demo_load()

    # then
    (request,) = DeletionRequest.objects.all()
    assert (request.person.full_name, request.status) == ("赵静", DeletionRequest.Status.HELD)
    assert [hold["code"] for hold in request.hold_reasons] == ["active_employment"]


def test_the_demo_has_candidate3s_question_and_hrs_reply_drafted_from_her_report() -> None:
    # when
    demo_load()

    # then
    thread = MessageThread.objects.get()
    question, reply = thread.messages.order_by("created_at")
    assert (thread.person.full_name, thread.waiting_since) == ("罗丹丹", None)
    candidate3, hr = User.objects.get(username="candidate3"), User.objects.get(username="hr")
    assert (question.side, question.author_id, question.read_at is not None) == ("candidate", candidate3.pk, True)
    assert question.body == DEMO_QUESTION
    assert question.session_id == candidate3.person.candidate.invitations.get().session.pk
    assert (reply.side, reply.author_id, reply.read_at) == ("hr", hr.pk, None)
    assert reply.body.endswith(DEMO_REPLY_EDIT)
    assert "Tip:" in reply.body or "建议" in reply.body
    assert len(reply.body) <= MESSAGE_MAX_LENGTH - SUGGESTION_ROOM_FOR_HR + len(DEMO_REPLY_EDIT) + 2
    assert question.created_at < reply.created_at


def test_employee1_can_apply_to_the_demo_internal_opening() -> None:
    # given
    from talentloop.recruitment.access import internal_opening_list_for_user, opening_list_for_user
    from talentloop.recruitment.services import application_create

    demo_load()
    employee1 = User.objects.get(username="employee1")

    # when
    (opening,) = internal_opening_list_for_user(employee1)
    application = application_create(
        actor=employee1, opening=opening, person=employee1.person, motivation="想去华南开拓新客户。"
    )

    # then
    assert opening.position.code == "sales-rep"
    assert opening.hiring_manager == User.objects.get(username="sales.manager")
    assert application.invitation is not None
    assert application.invitation.template.job_profile.position.code == "sales-rep"
    assert sorted(o.title for o in opening_list_for_user(User.objects.get(username="sales.manager"))) == [
        "销售代表 · 华南拓展（内部机会）"
    ]
    assert sorted(o.title for o in opening_list_for_user(User.objects.get(username="rnd.manager"))) == [
        "后端工程师（社会招聘）"
    ]


def test_the_demo_fairness_audit_has_groups_and_unknowns() -> None:
    # given
    from talentloop.analytics.fairness_selectors import FairnessFilters, Outcome, fairness_report_get
    from talentloop.analytics.models import SensitiveAttribute, SensitiveCategory

    # when
    demo_load()
    report = fairness_report_get(
        filters=FairnessFilters(outcome=Outcome.AI_PASS, categories=(SensitiveCategory.objects.get(code="sex"),))
    )

    # then
    assert SensitiveAttribute.objects.count() == 21
    assert SensitiveAttribute.objects.filter(source="hr_entry").count() == 4
    assert [(row.group.group, row.group.count) for row in report.rows] == [(("female",), 3), (("male",), 4)]
    assert report.audit.unknown == 2


def test_the_demo_careers_applications_have_read_resumes_and_a_possible_duplicate(
    django_capture_on_commit_callbacks: Any,
) -> None:
    # when (the résumés are read once the demo's transaction commits)
    with django_capture_on_commit_callbacks(execute=True):
        demo_load()

    # then
    features = {
        resume.person.full_name: (resume.features.get("years_of_experience", {}).get("value"),
                                  resume.features.get("highest_degree", {}).get("value"))
        for resume in Resume.objects.select_related("person")
    }  # fmt: skip
    assert features == {"陈宇航": (8.5, "master"), "Sophie Wang": (6, "bachelor"), "郑洁": (3, "bachelor")}
    assert Resume.objects.filter(extraction_error="").count() == 3
    pair = PossibleDuplicate.objects.get()
    assert (pair.person.full_name, pair.other_person.full_name) == ("郑洁", "冯凯")
    assert Opening.objects.filter(public=True, status=Opening.Status.OPEN).get().title == "后端工程师（社会招聘）"
