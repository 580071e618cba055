"""Navigation by role: each person sees the sections their roles open, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from talentloop.collaboration.message_selectors import candidate_unread_count, thread_unanswered_count
from talentloop.collaboration.selectors import hr_task_open_count
from talentloop.feedback.review_selectors import review_request_open_count
from talentloop.notifications.selectors import notification_unread_count
from talentloop.org.access import actor_get
from talentloop.org.models import Role


@dataclass(frozen=True)
class NavItem:
    label: Any
    url: str
    section: str
    count: int | None = None


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    actor = actor_get(user)
    items: list[NavItem] = []
    if actor.is_staff_member:
        items.append(NavItem(_("Dashboard"), reverse("console:dashboard"), "dashboard"))
        items.append(NavItem(_("Candidates"), reverse("console:candidate_list"), "candidates"))
        items.append(NavItem(_("Interviews"), reverse("console:interview_templates"), "interviews"))
        # The question bank page links on to the competency library and the job profiles (one tab row).
        items.append(NavItem(_("Question bank"), reverse("console:question_list"), "questions"))
        items.append(NavItem(_("Learning library"), reverse("console:library_list"), "learning"))
    if actor.is_hr or actor.has(Role.HIRING_MANAGER):
        items.append(NavItem(_("Employees"), reverse("console:employee_list"), "employees"))
        items.append(NavItem(_("Openings"), reverse("console:opening_list"), "openings"))
    if actor.is_hr:
        # Open explanation / human-review requests: HR's tasks with a legal due date, so the count is always shown.
        items.append(
            NavItem(_("Review requests"), reverse("console:review_requests"), "reviews", review_request_open_count())
        )
        # Candidates' threads waiting for HR's answer.
        items.append(NavItem(_("Messages"), reverse("console:messages"), "messages", thread_unanswered_count()))
        # Supplementary interviews the hiring managers asked for: the open count is HR's to-do.
        items.append(NavItem(_("Tasks"), reverse("console:hr_tasks"), "tasks", hr_task_open_count()))
        items.append(NavItem(_("Re-applications"), reverse("console:reapplications"), "reapplications"))
        items.append(NavItem(_("Organisation"), reverse("console:organisation"), "organisation"))
        items.append(NavItem(_("AI–human agreement"), reverse("console:agreement"), "agreement"))
        items.append(NavItem(_("Analytics"), reverse("console:analytics"), "analytics"))
        items.append(NavItem(_("Deletion requests"), reverse("console:deletion_request_list"), "deletion_requests"))
    if actor.is_hr_admin:
        items.append(NavItem(_("Roles"), reverse("console:role_list"), "roles"))
        items.append(NavItem(_("Audit log"), reverse("console:audit_log"), "audit"))
        items.append(NavItem(_("Fairness audit"), reverse("console:fairness"), "fairness"))
        items.append(NavItem(_("WeCom"), reverse("console:wecom_accounts"), "wecom"))
    if actor.has(Role.EMPLOYEE, Role.CANDIDATE):
        items.append(NavItem(_("My profile"), reverse("portal:profile"), "portal"))
    if actor.has(Role.CANDIDATE):
        # HR's replies the candidate has not read yet.
        items.append(
            NavItem(
                _("Messages"),
                reverse("portal:messages"),
                "portal_messages",
                candidate_unread_count(person_id=actor.person_id),
            )
        )
    if actor.has(Role.EMPLOYEE):
        items.append(NavItem(_("Internal opportunities"), reverse("portal:opportunities"), "opportunities"))
    if actor.has(Role.EMPLOYEE, Role.CANDIDATE):
        items.append(NavItem(_("My data"), reverse("portal:my_data"), "my_data"))
    if actor.is_staff_member:
        items.append(NavItem(_("API"), reverse("api-docs"), "api"))
    return {"nav_items": items, "actor": actor}


def notification_bell(request: HttpRequest) -> dict[str, Any]:
    """The top bar's bell: the signed-in user's unread count and their notification centre (console for staff)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    namespace = "console" if actor_get(user).is_staff_member else "portal"
    return {
        "notification_unread_count": notification_unread_count(user=user),
        "notification_centre_url": reverse(f"{namespace}:notifications"),
    }
