"""The email that tells a person what became of their deletion request."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from talentloop.privacy.models import DeletionRequest

_TOLD = (DeletionRequest.Status.EXECUTED, DeletionRequest.Status.REJECTED, DeletionRequest.Status.HELD)


def deletion_request_email_send(*, deletion_request_id: int, address: str = "") -> bool:
    """Tell the person the request's outcome (executed, rejected or on hold, with the reasons) in their language.

    ``address`` is given for an executed request (the person's email is erased by then); otherwise it is read from
    the person. Returns False when there is nothing to tell or nobody to tell it to."""
    deletion_request = DeletionRequest.objects.select_related("person__user").filter(pk=deletion_request_id).first()
    if deletion_request is None or deletion_request.status not in _TOLD:
        return False
    person = deletion_request.person
    address = address or person.email or (person.user.email if person.user else "")
    if not address:
        return False
    with translation.override(deletion_request.language or settings.LANGUAGE_CODE):
        holds = []
        if deletion_request.status == DeletionRequest.Status.HELD:
            from talentloop.privacy.services import deletion_request_holds

            holds = deletion_request_holds(deletion_request=deletion_request)
        context = {"deletion_request": deletion_request, "status": deletion_request.status, "holds": holds}
        subject = render_to_string("privacy/email/deletion_request_subject.txt", context).strip()
        body = render_to_string("privacy/email/deletion_request.txt", context)
    EmailMultiAlternatives(subject=subject, body=body, to=[address]).send()
    return True
