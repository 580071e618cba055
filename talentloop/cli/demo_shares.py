"""The demo's shared result: HR (李娜) has shared a completed interview's result with the Sales hiring manager (张伟),
who asked for a supplementary interview on its weakest dimension — so HR's Tasks page has one open task to
schedule, and the share page shows the card and the answer.

Everything goes through the collaboration room's own services; loading twice changes nothing.
"""

from __future__ import annotations

from talentloop.accounts.models import User
from talentloop.cli.demo_completed import DemoCompletedInterview
from talentloop.collaboration.models import ManagerResponse, ResultShare
from talentloop.collaboration.sharing import manager_respond, result_share_create
from talentloop.notifications.models import Kind, Notification
from talentloop.notifications.services import notification_mark_read

DEMO_SHARE_NOTE = "沟通不错，团队协作方面请您看看是否需要补面。"
DEMO_MANAGER_COMMENT = "团队协作的例子太少，请补面时重点追问跨部门合作。"


def _demo_session(completed: list[DemoCompletedInterview]) -> DemoCompletedInterview | None:
    scored = [entry for entry in completed if entry.score is not None]
    average = [entry for entry in scored if entry.level == "average"]
    chosen = average or scored
    return chosen[0] if chosen else None


def demo_shares_load(*, completed: list[DemoCompletedInterview]) -> ResultShare | None:
    """Share one scored demo interview with sales.manager and record their supplementary-interview answer (once)."""
    entry = _demo_session(completed)
    hr = User.objects.filter(username="hr").first()
    manager = User.objects.filter(username="sales.manager").first()
    if entry is None or hr is None or manager is None:
        return None
    share = ResultShare.objects.filter(session=entry.session, manager=manager).order_by("pk").first()
    if share is None:
        share = result_share_create(actor=hr, session=entry.session, manager=manager, note=DEMO_SHARE_NOTE)
    if not ManagerResponse.objects.filter(share=share, responder=manager).exists():
        # The manager opened the card before answering it.
        for notification_id in Notification.objects.filter(
            recipient=manager, kind=Kind.RESULT_SHARED, read_at__isnull=True
        ).values_list("pk", flat=True):
            notification_mark_read(user=manager, notification_id=notification_id)
        weakest = next(
            (button["key"].partition(":")[2] for button in share.card["buttons"] if button["key"].startswith("supp")),
            "",
        )
        manager_respond(
            user=manager,
            share=share,
            decision=ManagerResponse.Decision.SUPPLEMENTARY,
            dimensions=[weakest],
            comment=DEMO_MANAGER_COMMENT,
        )
    return share
