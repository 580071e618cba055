"""My data in the portal: the download holds only the signed-in person's data, and deletion needs confirming."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from talentloop.accounts.models import User
from talentloop.core.models import AuditEvent
from talentloop.privacy.models import DeletionRequest
from talentloop.privacy.tests.conftest import Interviewed

pytestmark = pytest.mark.django_db


def test_the_download_holds_my_data_and_not_the_other_candidates(
    client: Client, first: Interviewed, second: Interviewed
) -> None:
    # given the first candidate is signed in
    client.force_login(first.user)

    # when they open My data and download
    page = client.get(reverse("portal:my_data"))
    response = client.get(reverse("portal:my_data_export"))

    # then the page offers the download, and the file is their JSON export, audited as an export through the web
    assert page.status_code == 200
    assert reverse("portal:my_data_export") in page.content.decode()
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="talentloop-my-data-')
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    document = json.loads(text)
    assert document["sections"]["organisation"]["data"]["person"]["email"] == "zhou@example.com"
    assert "吴杰" not in text and "wu.jie@example.com" not in text
    event = AuditEvent.objects.get(action="export")
    assert (event.actor_id, event.object_id, event.channel) == (first.user.pk, str(first.person.pk), "web")


def test_asking_for_deletion_takes_a_confirmation(client: Client, first: Interviewed) -> None:
    client.force_login(first.user)
    url = reverse("portal:my_data_delete")

    # the confirmation page says what goes and what stays
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="confirm"' in page.content.decode()

    # posting without ticking the box is refused and writes nothing
    refused = client.post(url, {})
    assert refused.status_code == 400
    assert DeletionRequest.objects.count() == 0

    # ticking it sends the request to HR
    sent = client.post(url, {"confirm": "yes"})
    assert sent.status_code == 302
    assert sent["Location"] == reverse("portal:my_data")
    request = DeletionRequest.objects.get()
    assert (request.person_id, request.requested_by_id, request.status, request.language) == (
        first.person.pk,
        first.user.pk,
        DeletionRequest.Status.REQUESTED,
        "en",
    )

    # and a second request is refused while the first is open
    again = client.post(url, {"confirm": "yes"})
    assert again.status_code == 409
    assert 'id="deletion-status"' in again.content.decode()
    assert DeletionRequest.objects.count() == 1


def test_an_account_without_a_person_record_gets_404_and_anonymous_users_sign_in(client: Client, hr_user: User) -> None:
    assert client.get(reverse("portal:my_data_export")).status_code == 302
    client.force_login(hr_user)
    for name in ("portal:my_data", "portal:my_data_export", "portal:my_data_delete"):
        assert client.get(reverse(name)).status_code == 404
    assert not AuditEvent.objects.filter(action="export").exists()


def test_my_data_lists_my_released_report_pdfs_and_only_mine(
    client: Client, first: Interviewed, second: Interviewed
) -> None:
    # given both candidates' interviews were scored (reports are released at once by default)
    client.force_login(first.user)

    # when the first opens My data
    page = client.get(reverse("portal:my_data")).content.decode()

    # then their report's PDF is listed next to the JSON download, and the other candidate's is not
    mine = reverse("portal:report_pdf", args=[first.session.pk])
    assert f'href="{mine}"' in page
    assert reverse("portal:report_pdf", args=[second.session.pk]) not in page
    assert 'id="my-data-reports"' in page and first.session.invitation.template.name in page

    # and the link is the portal's own PDF view: it answers for my report and not for the other's
    assert client.get(reverse("portal:report_pdf", args=[second.session.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action="export", object_type="feedback.report").exists()


def test_a_report_waiting_for_hr_release_is_not_listed(client: Client, first: Interviewed) -> None:
    from talentloop.feedback.models import ReportPolicy

    ReportPolicy.objects.create(
        job_profile=first.session.invitation.template.job_profile, release=ReportPolicy.Release.AFTER_HR_RELEASE
    )
    client.force_login(first.user)

    page = client.get(reverse("portal:my_data")).content.decode()

    assert reverse("portal:report_pdf", args=[first.session.pk]) not in page
    assert '<p class="muted" id="my-data-reports">' in page
