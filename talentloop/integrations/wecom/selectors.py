"""Reading WeCom's records: the people who can be linked, their WeCom userids, and the channel's recent problems."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from talentloop.integrations.wecom.models import InboundMessage, WeComAccount
from talentloop.notifications.models import Delivery
from talentloop.org.models import Person


def wecom_linkable_people() -> QuerySet[Person]:
    """People who work here (an employee record or a user account), not erased: the ones WeCom can reach."""
    return (
        Person.objects.filter(erased_at__isnull=True)
        .filter(Q(employee__isnull=False) | Q(user__isnull=False, candidate__isnull=True))
        .order_by("full_name")
        .distinct()
    )


def wecom_account_list(*, query: str = "") -> QuerySet[WeComAccount]:
    rows = WeComAccount.objects.select_related("person", "linked_by").order_by("person__full_name")
    if query:
        rows = rows.filter(Q(userid__icontains=query) | Q(person__full_name__icontains=query))
    return rows


def wecom_delivery_problems(*, limit: int = 5) -> QuerySet[Delivery]:
    """The latest WeCom deliveries that failed or are waiting on an error: what an admin must look at (an untrusted
    IP, wrong credentials, people without a link)."""
    return (
        Delivery.objects.filter(channel="wecom")
        .exclude(last_error="")
        .exclude(status=Delivery.Status.SENT)
        .select_related("notification__recipient")
        .order_by("-updated_at", "-pk")[:limit]
    )


def wecom_inbound_recent(*, limit: int = 10) -> QuerySet[InboundMessage]:
    return InboundMessage.objects.select_related("person").order_by("-received_at", "-pk")[:limit]
