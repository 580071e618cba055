"""Linking people to WeCom userids: validation, one userid per person, and the audit trail."""

from __future__ import annotations

import pytest

from talentloop.accounts.models import User
from talentloop.core.exceptions import ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.integrations.wecom.errors import WeComErrorCode
from talentloop.integrations.wecom.models import WeComAccount
from talentloop.integrations.wecom.services import wecom_account_link, wecom_account_unlink


def test_a_person_is_linked_and_relinked_with_an_audit_event(hr_admin: User, hr: User) -> None:
    wecom_account_link(actor=hr_admin, person_id=hr.person.pk, userid=" zhangwei ")
    wecom_account_link(actor=hr_admin, person_id=hr.person.pk, userid="zhang.wei")
    assert list(WeComAccount.objects.values_list("person_id", "userid", "linked_by_id")) == [
        (hr.person.pk, "zhang.wei", hr_admin.pk)
    ]
    changes = list(
        AuditEvent.objects.filter(object_id=str(hr.person.pk), action="update")
        .order_by("pk")
        .values_list("changes", flat=True)
    )
    assert changes[-2:] == [{"wecom_userid": "zhangwei"}, {"wecom_userid": "zhang.wei"}]


@pytest.mark.parametrize("userid", ["", "张伟", "a b", "x" * 65])
def test_a_malformed_userid_is_refused(hr_admin: User, hr: User, userid: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        wecom_account_link(actor=hr_admin, person_id=hr.person.pk, userid=userid)
    assert error.value.code == WeComErrorCode.USERID_INVALID
    assert WeComAccount.objects.count() == 0


def test_a_userid_linked_to_someone_else_is_refused(hr_admin: User, hr: User) -> None:
    wecom_account_link(actor=hr_admin, person_id=hr_admin.person.pk, userid="zhangwei")
    with pytest.raises(ValidationFailed) as error:
        wecom_account_link(actor=hr_admin, person_id=hr.person.pk, userid="zhangwei")
    assert (error.value.code, error.value.message) == (
        WeComErrorCode.USERID_TAKEN,
        f"The WeCom userid zhangwei is already linked to {hr_admin.person.full_name}.",
    )
    assert list(WeComAccount.objects.values_list("person_id", flat=True)) == [hr_admin.person.pk]


def test_unlinking_removes_the_link_and_twice_is_harmless(hr_admin: User, hr: User) -> None:
    wecom_account_link(actor=hr_admin, person_id=hr.person.pk, userid="zhangwei")
    wecom_account_unlink(actor=hr_admin, person_id=hr.person.pk)
    wecom_account_unlink(actor=hr_admin, person_id=hr.person.pk)
    assert WeComAccount.objects.count() == 0


def test_my_data_exports_and_erases_the_wecom_link_and_messages(hr_admin: User, hr: User) -> None:
    from talentloop.core.personal_data import Subject
    from talentloop.integrations.wecom.models import InboundMessage
    from talentloop.integrations.wecom.personal_data import WeComPart

    wecom_account_link(actor=hr_admin, person_id=hr.person.pk, userid="zhangwei")
    InboundMessage.objects.create(
        kind="text", dedupe_key="msg:1", from_userid="zhangwei", person=hr.person, content="好的"
    )
    subject = Subject(person_id=hr.person.pk, user_id=hr.pk)
    exported = WeComPart().export(subject)
    assert (exported["wecom_userid"], [m["content"] for m in exported["wecom_messages"]]) == ("zhangwei", ["好的"])
    assert WeComPart().erase(subject) == {"wecom_messages": 1, "wecom_account": 1}
    assert (WeComAccount.objects.count(), InboundMessage.objects.count()) == (0, 0)
