"""The HR admins' WeCom page: linking people to userids, and who may open it."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from talentloop.accounts.models import User
from talentloop.integrations.wecom.models import WeComAccount

URL = "/console/wecom/"


def test_an_hr_admin_links_a_person_and_sees_the_link(client_for: Any, hr_admin: User, hr: User) -> None:
    client = client_for(hr_admin)
    response = client.post(URL, {"person": hr.person.pk, "userid": "zhangwei"})
    assert (response.status_code, response["Location"]) == (302, reverse("console:wecom_accounts"))
    page = client.get(URL)
    assert page.status_code == 200
    assert list(page.context["accounts"].values_list("person__full_name", "userid")) == [
        (hr.person.full_name, "zhangwei")
    ]
    assert "<code>zhangwei</code>" in page.content.decode()


def test_a_malformed_userid_is_shown_on_the_form_and_nothing_linked(client_for: Any, hr_admin: User, hr: User) -> None:
    response = client_for(hr_admin).post(URL, {"person": hr.person.pk, "userid": "张 伟"})
    assert response.status_code == 400
    assert response.context["form"].errors["userid"] == ["企业微信 userid 由 1 至 64 个字母、数字或 _ - . @ 组成。"]
    assert WeComAccount.objects.count() == 0


def test_an_hr_admin_removes_a_link(client_for: Any, hr_admin: User, hr: User) -> None:
    WeComAccount.objects.create(person=hr.person, userid="zhangwei")
    response = client_for(hr_admin).post(reverse("console:wecom_account_remove", args=[hr.person.pk]))
    assert (response.status_code, WeComAccount.objects.count()) == (302, 0)


def test_hr_may_not_link_and_a_candidate_does_not_find_the_page(client_for: Any, hr: User, candidate_a: User) -> None:
    assert client_for(hr).post(URL, {"person": hr.person.pk, "userid": "zhangwei"}).status_code == 403
    assert client_for(candidate_a).get(URL).status_code == 404
    assert WeComAccount.objects.count() == 0
