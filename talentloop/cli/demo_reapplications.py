"""The demo's "come back stronger" state: the Sales Representative role lets candidates who did not pass re-apply
after 30 days, or earlier once their growth path is complete; candidate3 (罗丹丹), who did not pass two days ago,
has built her growth path and done its first action, so her "Re-apply" panel says exactly when she can re-apply and
how many actions are left before she can re-apply early.

Everything goes through the feedback room's own services; loading twice changes nothing.
"""

from __future__ import annotations

from typing import Any

from talentloop.cli.demo_completed import DemoCompletedInterview
from talentloop.feedback.models import GrowthPathItem
from talentloop.feedback.reapplication_selectors import reapplication_policy_get
from talentloop.feedback.services.growth import growth_item_complete, growth_path_build
from talentloop.feedback.services.reapplications import reapplication_policy_update

DEMO_COOLDOWN_DAYS = 30
DEMO_REAPPLYING_CANDIDATE = "candidate3"


def demo_reapplication_load(*, actor: Any, completed: list[DemoCompletedInterview]) -> None:
    """Set the Sales Representative re-application policy and start candidate3's growth path (once)."""
    mine = [entry for entry in completed if entry.username == DEMO_REAPPLYING_CANDIDATE]
    if not mine:
        return
    session = mine[0].session
    profile = session.invitation.template.job_profile
    if reapplication_policy_get(job_profile=profile).pk is None:
        reapplication_policy_update(
            job_profile=profile,
            actor=actor,
            is_open=True,
            cooldown_days=DEMO_COOLDOWN_DAYS,
            early_after_growth_path=True,
        )
    if mine[0].score is None or mine[0].score.passed:
        return
    path = growth_path_build(session=session)
    items = list(path.items.order_by("rank"))
    if items and not any(item.status == GrowthPathItem.Status.DONE for item in items):
        growth_item_complete(
            item=items[0],
            evidence_text="按建议重新梳理了回答结构，并用STAR方法练习了三遍。",
        )
