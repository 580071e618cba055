"""The invitation email (WeCom and other channels arrive with the notifications app)."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from talentloop.interviews.models import Invitation


def invitation_email_send(*, invitation_id: int) -> bool:
    """Send the invitation email for the invitation's latest ``send``. Returns False when there is nothing to
    send (revoked or deleted meanwhile)."""
    from talentloop.interviews.services.invitations import InvitationStatus, invitation_link, invitation_status

    invitation = (
        Invitation.objects.select_related("candidate__person", "template__job_profile__position")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or invitation_status(invitation) in (
        InvitationStatus.REVOKED,
        InvitationStatus.SUBMITTED,
    ):
        return False
    person = invitation.candidate.person
    if not person.email:
        return False
    with translation.override(invitation.template.language):
        context = {
            "invitation": invitation,
            "name": person.full_name,
            "position": invitation.template.job_profile.position.title,
            "link": invitation_link(invitation),
            "expires_at": invitation.expires_at,
        }
        subject = render_to_string("interviews/email/invitation_subject.txt", context).strip()
        body = render_to_string("interviews/email/invitation.txt", context)
    message = EmailMultiAlternatives(subject=subject, body=body, to=[person.email])
    message.send()
    return True
