"""Contact sync against the fake WeCom directory: the preview's exact plan, applying it (atomic, audited), running it
again (nothing changes), conflicts left alone, and nothing written on a preview, a changed plan or a failed read."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from talentloop.accounts.models import User
from talentloop.core.exceptions import Conflict, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.integrations.wecom.contact_sync import contacts_sync_apply, contacts_sync_preview
from talentloop.integrations.wecom.models import WeComAccount
from talentloop.integrations.wecom.tests.fake_server import FakeWeCom
from talentloop.org.models import Department, Person
from talentloop.org.tests.factories import PersonFactory

DEPARTMENTS = [
    {"id": 3, "name": "华南销售组", "name_en": "South", "parentid": 2, "order": 1},  # listed before its parent
    {"id": 1, "name": "华腾科技", "name_en": "", "parentid": 0, "order": 1},
    {"id": 2, "name": "销售中心", "name_en": "Sales", "parentid": 1, "order": 1},
    {"id": 4, "name": "研发中心", "name_en": "R&D", "parentid": 1, "order": 2},
]


def member(userid: str, name: str, department: int, **fields: Any) -> dict[str, Any]:
    return {"userid": userid, "name": name, "department": [department], "status": 1, **fields}


@pytest.fixture
def directory(fake_wecom: FakeWeCom, hr: User, sales_manager: User, employee: User, candidate_a: User) -> FakeWeCom:
    """The fake WeCom directory: HR is linked already (zhangwei); the sales manager is linked to a member who left;
    the employee matches a member by email; candidate_a's email is on a member; two people share one email."""
    WeComAccount.objects.create(person=hr.person, userid="zhangwei")
    WeComAccount.objects.create(person=sales_manager.person, userid="gone")
    PersonFactory.create(company=hr.person.company, full_name="甲", email="shared@huateng.example")
    PersonFactory.create(company=hr.person.company, full_name="乙", email="shared@huateng.example")
    fake_wecom.departments = [dict(row) for row in DEPARTMENTS]
    fake_wecom.users = [
        member("zhangwei", "李娜", 2, email="li.na@huateng.example"),
        member("zhaojing", "赵静", 3, email="ZHAO.JING@huateng.example"),  # links to the employee
        member("hanmeimei", "韩梅梅", 4, email="han.meimei@huateng.example", mobile="13900000001"),  # created
        member("nocontact", "无联系", 4),  # created, no email or mobile
        member("namesake", "赵静", 4),  # no email or mobile, and the employee has that name: conflict
        member("zhouting", "周婷", 2, mobile="13800138001"),  # candidate_a's mobile: conflict
        member("shared", "共享", 2, email="shared@huateng.example"),  # two people: conflict
        member("badmail", "坏邮箱", 2, email="not-an-email"),  # conflict
        member("left", "离职", 2, email="left@huateng.example", status=5),  # ignored
    ]
    return fake_wecom


def snapshot() -> tuple[int, int, int, int]:
    return (
        Department.objects.count(),
        Person.objects.count(),
        WeComAccount.objects.count(),
        AuditEvent.objects.count(),
    )


def test_the_preview_says_exactly_what_would_change_and_writes_nothing(directory: FakeWeCom) -> None:
    before = snapshot()
    plan = contacts_sync_preview()
    assert snapshot() == before
    assert plan.counts() == {
        "departments_create": 4,
        "departments_rename": 0,
        "departments_move": 0,
        "departments_missing": 0,
        "people_link": 1,
        "people_create": 2,
        "people_missing": 1,
        "conflicts": 4,
    }
    assert [(row["name"], row["parent_name"]) for row in plan.departments_create] == [
        ("华腾科技", ""),
        ("销售中心", "华腾科技"),
        ("华南销售组", "销售中心"),
        ("研发中心", "华腾科技"),
    ]
    assert [(row["person"], row["userid"]) for row in plan.people_link] == [("赵静", "zhaojing")]
    assert [row["userid"] for row in plan.people_create] == ["hanmeimei", "nocontact"]
    assert [(row["name"], row["userid"]) for row in plan.people_missing] == [("张伟", "gone")]
    assert {row["userid"]: row["reason"] for row in plan.conflicts} == {
        "badmail": "WeCom's email address not-an-email is not valid.",
        "namesake": "WeCom gives no email or mobile for it, and someone named 赵静 exists already.",
        "shared": "Its email or mobile belongs to 2 people: 甲、乙.",
        "zhouting": "Its email or mobile belongs to 周婷, a candidate; link them by hand if it is the same person.",
    }
    assert (plan.people_unchanged, plan.changes) == (1, 7)


def test_applying_writes_the_plan_audited_and_a_second_run_changes_nothing(
    directory: FakeWeCom, hr_admin: User, employee: User
) -> None:
    departments, people, accounts, audit_events = snapshot()
    plan = contacts_sync_apply(actor=hr_admin, expected_digest=contacts_sync_preview().digest)
    assert plan.changes == 7
    assert snapshot() == (departments + 4, people + 2, accounts + 3, audit_events + 4 + 2 + 1 + 1)
    south = Department.objects.get(code="wecom-3")
    sales, root = Department.objects.get(code="wecom-2"), Department.objects.get(code="wecom-1")
    assert (south.name, south.name_en, south.parent_id, sales.parent_id, south.depth) == (
        "华南销售组",
        "South",
        sales.pk,
        root.pk,
        2,
    )
    assert south.path == f"/{root.pk}/{sales.pk}/{south.pk}/"
    created = Person.objects.get(wecom_account__userid="hanmeimei")
    assert (created.full_name, created.email, created.mobile, hasattr(created, "employee")) == (
        "韩梅梅",
        "han.meimei@huateng.example",
        "13900000001",
        False,
    )
    assert WeComAccount.objects.get(userid="zhaojing").person == employee.person
    assert WeComAccount.objects.get(userid="gone").person.full_name == "张伟"  # missing, kept
    summary = AuditEvent.objects.get(object_type="wecom.contact_sync")
    assert (summary.actor, summary.changes["people_create"], summary.changes["conflicts"]) == (hr_admin, 2, 4)
    # when it runs again
    again = contacts_sync_apply(actor=hr_admin)
    assert again.changes == 0
    assert snapshot() == (departments + 4, people + 2, accounts + 3, audit_events + 8)


def test_a_renamed_and_moved_department_follows_wecom(directory: FakeWeCom, hr_admin: User) -> None:
    contacts_sync_apply(actor=hr_admin)
    directory.departments = [
        {**row, "name": "华南大区", "parentid": 4} if row["id"] == 3 else row for row in directory.departments
    ]
    plan = contacts_sync_preview()
    assert (plan.departments_rename, [row["parent_name"] for row in plan.departments_move]) == (
        [
            {
                "department_id": Department.objects.get(code="wecom-3").pk,
                "wecom_id": 3,
                "old": "华南销售组",
                "new": "华南大区",
            }
        ],
        ["研发中心"],
    )
    contacts_sync_apply(actor=hr_admin, expected_digest=plan.digest)
    south = Department.objects.get(code="wecom-3")
    assert (south.name, south.parent_id) == ("华南大区", Department.objects.get(code="wecom-4").pk)
    assert south.path.startswith(Department.objects.get(code="wecom-4").path)


def test_a_department_wecom_no_longer_has_is_listed_and_kept(directory: FakeWeCom, hr_admin: User) -> None:
    contacts_sync_apply(actor=hr_admin)
    directory.departments = [row for row in directory.departments if row["id"] != 3]
    directory.users = [user for user in directory.users if user["department"] != [3]]
    plan = contacts_sync_preview()
    assert [row["name"] for row in plan.departments_missing] == ["华南销售组"]
    assert [row["userid"] for row in plan.people_missing] == ["gone", "zhaojing"]
    contacts_sync_apply(actor=hr_admin)
    assert Department.objects.filter(code="wecom-3").count() == 1


def test_a_plan_that_changed_since_the_preview_is_refused_and_nothing_written(
    directory: FakeWeCom, hr_admin: User
) -> None:
    digest = contacts_sync_preview().digest
    directory.users.append(member("newcomer", "新人", 2))
    before = snapshot()
    with pytest.raises(Conflict):
        contacts_sync_apply(actor=hr_admin, expected_digest=digest)
    assert snapshot() == before


@pytest.mark.parametrize("endpoint", ["department/list", "user/list"])
def test_a_failed_read_writes_nothing(directory: FakeWeCom, hr_admin: User, endpoint: str) -> None:
    directory.inject(endpoint, 60020)
    before = snapshot()
    with pytest.raises(ValidationFailed) as failed:
        contacts_sync_apply(actor=hr_admin)
    assert failed.value.message.startswith("WeCom's directory could not be read: WeCom refused the call (60020)")
    assert snapshot() == before


def test_the_command_previews_by_default_and_applies_with_apply(directory: FakeWeCom, capsys: Any) -> None:
    before = snapshot()
    call_command("wecom_contacts_sync", "--preview")
    out = capsys.readouterr().out
    assert "+ department 华南销售组 (wecom 3)" in out
    assert "! conflict 共享 (shared): Its email or mobile belongs to 2 people: 甲、乙." in out
    assert out.strip().endswith(
        "Preview: departments_create=4 departments_rename=0 departments_move=0 departments_missing=0 "
        "people_link=1 people_create=2 people_missing=1 conflicts=4"
    )
    assert snapshot() == before
    call_command("wecom_contacts_sync", "--apply")
    assert "Applied: departments_create=4" in capsys.readouterr().out
    assert snapshot()[:3] == (before[0] + 4, before[1] + 2, before[2] + 3)
    directory.inject("department/list", 60020)
    with pytest.raises(CommandError):
        call_command("wecom_contacts_sync", "--apply")
