"""WeCom's part of "my data": the person's WeCom userid and what they sent to the app (see
talentloop/core/personal_data.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from talentloop.core.personal_data import PersonalDataPart, Subject, personal_data_part_register
from talentloop.integrations.wecom.models import InboundMessage, WeComAccount


@personal_data_part_register
class WeComPart(PersonalDataPart):
    """The link to a WeCom member and the messages and card clicks received from it; erasure deletes both."""

    key = "wecom"
    floor = 8  # an edge: above every room
    title = _("WeCom")

    def export(self, subject: Subject) -> dict[str, Any]:
        account = WeComAccount.objects.filter(person_id=subject.person_id).first()
        messages = [
            {"received_at": received_at, "kind": kind, "content": content, "button": event_key}
            for received_at, kind, content, event_key in InboundMessage.objects.filter(person_id=subject.person_id)
            .order_by("received_at", "pk")
            .values_list("received_at", "kind", "content", "event_key")
        ]
        if account is None and not messages:
            return {}
        return {
            "wecom_userid": account.userid if account else None,
            "wecom_linked_at": account.created_at if account else None,
            "wecom_messages": messages,
        }

    def records(self, subject: Subject) -> Iterable[tuple[str, str]]:
        for account_id in WeComAccount.objects.filter(person_id=subject.person_id).values_list("pk", flat=True):
            yield ("wecom.wecomaccount", str(account_id))

    def erase(self, subject: Subject) -> dict[str, int]:
        done = {}
        messages, _by_model = InboundMessage.objects.filter(person_id=subject.person_id).delete()
        if messages:
            done["wecom_messages"] = messages
        accounts, _by_model = WeComAccount.objects.filter(person_id=subject.person_id).delete()
        if accounts:
            done["wecom_account"] = accounts
        return done
