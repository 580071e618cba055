"""The demo's shared result: one share answered by the Sales manager with a supplementary request, one open HR task."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from talentloop.accounts.models import User
from talentloop.cli.demo import demo_load
from talentloop.collaboration.models import Comment, HrTask, ManagerResponse, ResultShare

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_shared_result_with_an_open_task_and_loading_again_changes_nothing() -> None:
    demo_load()
    demo_load()
    share = ResultShare.objects.get()
    assert (share.shared_by.username, share.manager.username, share.status) == ("hr", "sales.manager", "answered")  # type: ignore[union-attr]
    assert 2 <= len(share.snippets) <= 3
    response = ManagerResponse.objects.get()
    assert (response.decision, len(response.dimensions), response.channel) == ("supplementary", 1, "web")
    assert response.comment is not None
    task = HrTask.objects.get()
    assert (task.status, task.focus_dimensions, task.share) == ("open", response.dimensions, share)
    assert Comment.objects.count() == 1
    client = Client()
    client.force_login(User.objects.get(username="hr"))
    assert client.get(reverse("console:hr_tasks")).context["tasks"] == [task]
    assert client.get(reverse("console:result_share", args=[share.pk])).status_code == 200
