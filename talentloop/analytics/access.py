"""Who may see sensitive attributes and fairness audits.

Sensitive attributes (sex, age band, …) are seen by HR admins only. To everyone else — HR, hiring managers,
interviewers — they do not exist: every helper here answers 404, so not even their presence leaks. A person sees
their own through the portal (``own_sensitive_attributes_get``). Every read of the values is audited, with the
object type ``analytics.sensitive_attributes`` and the person's id, so the owner's "My data" export lists who
looked. The fairness audit shows groups, never a person's value: HR admins open it; other staff get 403 (they
know the console), anyone else 404.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from talentloop.analytics.models import SensitiveAttribute
from talentloop.analytics.selectors import sensitive_attribute_list
from talentloop.core.exceptions import NotFound, PermissionDenied
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.org.access import actor_get
from talentloop.org.models import Person

#: The audit log's object type for "the sensitive attributes of person <id>".
AUDIT_OBJECT_TYPE = "analytics.sensitive_attributes"


def sensitive_attributes_check_access(user: Any) -> None:
    """Only HR admins see or record other people's sensitive attributes; for anyone else they do not exist."""
    if not actor_get(user).is_hr_admin:
        raise NotFound(_("Page not found."))


def sensitive_attributes_audit_view(*, user: Any, person: Person, request: HttpRequest | None) -> None:
    """Record that ``user`` read ``person``'s sensitive attributes."""
    audit_record(
        actor=user,
        action=AuditEvent.Action.VIEW,
        object_type=AUDIT_OBJECT_TYPE,
        object_id=str(person.pk),
        object_label=str(person)[:300],
        request=request,
    )


def sensitive_attributes_get_for_user(
    user: Any, person_id: int | str, *, request: HttpRequest | None = None
) -> tuple[Person, list[SensitiveAttribute]]:
    """A person and their sensitive attributes, for an HR admin (404 for everyone else and for an unknown person).
    Each read is audited, the edit form's too."""
    sensitive_attributes_check_access(user)
    try:
        person = Person.objects.get(pk=int(person_id), erased_at__isnull=True)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Person not found.")) from None
    if request is None or request.method == "GET":
        sensitive_attributes_audit_view(user=user, person=person, request=request)
    return person, sensitive_attribute_list(person_id=person.pk)


def own_sensitive_attributes_get(
    user: Any, *, request: HttpRequest | None = None
) -> tuple[Person, list[SensitiveAttribute]]:
    """The signed-in person's own sensitive attributes (404 when no person record is linked to the account)."""
    person_id = actor_get(user).person_id
    if person_id is None:
        raise NotFound(_("There is no person record linked to your account."))
    person = Person.objects.get(pk=person_id)
    if request is None or request.method == "GET":
        sensitive_attributes_audit_view(user=user, person=person, request=request)
    return person, sensitive_attribute_list(person_id=person.pk)


def fairness_audit_check_access(user: Any) -> None:
    """Only HR admins open the fairness audit: it is built from sensitive attributes."""
    actor = actor_get(user)
    if not actor.is_hr_admin:
        if actor.is_staff_member:
            raise PermissionDenied(_("Only HR admins can open the fairness audit."))
        raise NotFound(_("Page not found."))


def analytics_check_view(user: Any) -> None:
    """HR reads the interview analytics (question analysis, funnel, AI vs human, prediction), company-wide: the
    figures pool every opening and department, because per-department slices of small numbers would let a reader
    pick out individual candidates (decision 0031). Other staff are refused (403), everyone else is told nothing
    (404)."""
    actor = actor_get(user)
    if not actor.is_staff_member:
        raise NotFound(_("Page not found."))
    if not actor.is_hr:
        raise PermissionDenied(_("Only HR can read the interview analytics."))
