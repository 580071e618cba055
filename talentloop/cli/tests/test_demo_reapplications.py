"""The demo's "come back stronger" state: candidate3 did not pass and sees when she can re-apply."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from talentloop.accounts.models import User
from talentloop.cli.demo import demo_load
from talentloop.feedback.models import GrowthPathItem, ReapplicationPolicy

pytestmark = pytest.mark.django_db


def test_candidate3_sees_a_meaningful_reapply_state_and_loading_again_changes_nothing() -> None:
    # when
    demo_load()
    demo_load()
    # then the Sales Representative role has the demo policy and candidate3 has done one action of her path
    policy = ReapplicationPolicy.objects.get()
    assert (policy.job_profile.position.code, policy.cooldown_days, policy.early_after_growth_path) == (
        "sales-rep",
        30,
        True,
    )
    user = User.objects.get(username="candidate3")
    items = GrowthPathItem.objects.filter(path__person=user.person)
    total = items.count()
    assert total > 1
    assert items.filter(status=GrowthPathItem.Status.DONE).count() == 1
    client = Client()
    client.force_login(user)
    invitation = user.person.candidate.invitations.get()
    page = client.get(reverse("portal:growth_path", args=[invitation.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "there is a cool-down period of 30 days for this role: you can re-apply from" in page
    assert f"(1 of {total} done)" in page
    assert 'id="reapply-start"' not in page
