"""Reads owned by recruitment. Lists start from the access querysets, so filters never widen what is seen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from talentloop.interviews.services.invitations import InvitationStatus, invitation_link, invitation_status
from talentloop.recruitment.access import internal_opening_list_for_user, opening_list_for_user, own_application_list
from talentloop.recruitment.models import Application, Opening


def opening_list(*, user: Any, status: str = "", query: str = "") -> QuerySet[Opening]:
    """The openings the user sees in the console, newest first, each with its number of applications."""
    openings = opening_list_for_user(user)
    if status in Opening.Status.values:
        openings = openings.filter(status=status)
    if query:
        openings = openings.filter(Q(title__icontains=query) | Q(position__title__icontains=query))
    return openings.annotate(application_count=Count("applications")).order_by("-created_at", "-pk")


def opening_application_list(*, opening: Opening) -> QuerySet[Application]:
    """An opening's applications (the caller fetched the opening through ``opening_get_for_user``)."""
    return (
        Application.objects.filter(opening=opening)
        .select_related("person__employee__department", "candidate", "invitation__session")
        .order_by("-created_at", "-pk")
    )


@dataclass(frozen=True)
class InternalOpening:
    opening: Opening
    application: Application | None  # the signed-in employee's own application to it, if any


def internal_opening_list(*, user: Any) -> list[InternalOpening]:
    """The open internal openings an employee sees, each with their own application to it (or None)."""
    openings = list(internal_opening_list_for_user(user).order_by("-opened_at", "-pk"))
    mine = {
        application.opening_id: application
        for application in own_application_list(user).filter(opening__in=[o.pk for o in openings])
    }
    return [InternalOpening(opening, mine.get(opening.pk)) for opening in openings]


@dataclass(frozen=True)
class ApplicationProgress:
    """Where an application stands for the applicant: its status and its AI interview's."""

    application: Application
    interview_status: InvitationStatus | None
    interview_link: str  # the personal link while the interview can still be taken, else ""

    @property
    def interview_submitted(self) -> bool:
        return self.interview_status == InvitationStatus.SUBMITTED


def application_progress(*, application: Application) -> ApplicationProgress:
    invitation = application.invitation
    if invitation is None:
        return ApplicationProgress(application, None, "")
    status = invitation_status(invitation)
    link = invitation_link(invitation) if status not in (InvitationStatus.EXPIRED, InvitationStatus.REVOKED) else ""
    return ApplicationProgress(application, status, link)


def own_application_progress_list(*, user: Any) -> list[ApplicationProgress]:
    """The signed-in person's applications, newest first, with their interviews' status."""
    applications = own_application_list(user).order_by("-created_at", "-pk")
    return [application_progress(application=application) for application in applications]
