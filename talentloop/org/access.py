"""Who may see what. One fetch-and-authorize helper per sensitive object, and the querysets lists use.

Views and APIs never query a sensitive model directly: they call ``candidate_get_for_user`` or
``candidate_list_for_user`` (and the employee twins), which return only what the user may see. An object the
user may not see is reported as *not found* (404), so its existence never leaks; an object the user may see
but not change raises *permission denied* (403).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from talentloop.core.exceptions import NotFound, PermissionDenied
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.org.models import Candidate, Department, Employee, Person, Role, RoleGrant

Intent = Literal["view", "change"]

_ACTOR_CACHE_ATTRIBUTE = "_talentloop_actor"


@dataclass(frozen=True)
class Actor:
    """The roles and scopes of one signed-in user, computed once per request."""

    user_id: int | None
    roles: frozenset[Role]
    managed_department_paths: tuple[str, ...]
    person_id: int | None

    def has(self, *roles: Role) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def is_hr(self) -> bool:
        return self.has(Role.HR_ADMIN, Role.HR)

    @property
    def is_hr_admin(self) -> bool:
        return self.has(Role.HR_ADMIN)

    @property
    def is_staff_member(self) -> bool:
        """Works on hiring (sees the console), as opposed to only using the self-service portal."""
        return self.has(Role.HR_ADMIN, Role.HR, Role.HIRING_MANAGER, Role.INTERVIEWER)


ANONYMOUS = Actor(user_id=None, roles=frozenset(), managed_department_paths=(), person_id=None)


def actor_get(user: Any) -> Actor:
    """The actor for ``user``; cached on the user object so a request computes it once."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, _ACTOR_CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    roles: set[Role] = set()
    managed: list[str] = []
    for grant in RoleGrant.objects.filter(user=user).select_related("department"):
        roles.add(Role(grant.role))
        if grant.role == Role.HIRING_MANAGER and grant.department is not None:
            managed.append(grant.department.path)
    person = Person.objects.filter(user=user).values("id").first()
    person_id = person["id"] if person else None
    if person_id is not None:
        if Employee.objects.filter(person_id=person_id, status=Employee.Status.ACTIVE).exists():
            roles.add(Role.EMPLOYEE)
        if Candidate.objects.filter(person_id=person_id).exists():
            roles.add(Role.CANDIDATE)
    actor = Actor(
        user_id=user.pk,
        roles=frozenset(roles),
        managed_department_paths=tuple(sorted(managed)),
        person_id=person_id,
    )
    setattr(user, _ACTOR_CACHE_ATTRIBUTE, actor)
    return actor


def actor_forget(user: Any) -> None:
    """Drop the cached actor after the user's roles changed."""
    if hasattr(user, _ACTOR_CACHE_ATTRIBUTE):
        delattr(user, _ACTOR_CACHE_ATTRIBUTE)


def _subtree_q(field: str, paths: tuple[str, ...]) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__path__startswith": path})
    return condition


def department_list_for_user(user: Any) -> QuerySet[Department]:
    """Departments whose people the user may see (all for HR, the managed subtrees for a hiring manager)."""
    actor = actor_get(user)
    if actor.is_hr:
        return Department.objects.all()
    condition = Q(pk__in=[])
    for path in actor.managed_department_paths:
        condition |= Q(path__startswith=path)
    return Department.objects.filter(condition)


# --- candidates -----------------------------------------------------------------------------------------------


def candidate_list_for_user(user: Any) -> QuerySet[Candidate]:
    """Every candidate the user may see, and no other."""
    actor = actor_get(user)
    candidates = Candidate.objects.select_related("person", "applied_position__department")
    if actor.is_hr:
        return candidates.all()
    condition = Q(pk__in=[])
    if actor.has(Role.HIRING_MANAGER):
        condition |= _subtree_q("applied_position__department", actor.managed_department_paths)
    if actor.is_staff_member:
        # Interviewers, and any colleague on hiring HR assigned to the candidate (a grant from a discussion).
        condition |= Q(interviewers__id=actor.user_id)
    if actor.has(Role.CANDIDATE) and actor.person_id is not None:
        condition |= Q(person_id=actor.person_id)
    return candidates.filter(condition).distinct()


def candidate_can_change(user: Any) -> bool:
    return actor_get(user).is_hr


def candidate_get_for_user(
    user: Any, candidate_id: int | str, *, intent: Intent = "view", request: HttpRequest | None = None
) -> Candidate:
    """Fetch a candidate the user may see (404 otherwise), and check they may change it if asked (403)."""
    try:
        candidate = candidate_list_for_user(user).get(pk=int(candidate_id))
    except (Candidate.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Candidate not found.")) from None
    if intent == "change" and not candidate_can_change(user):
        raise PermissionDenied(_("Only HR can change a candidate's record."))
    if intent == "view" or (request is not None and request.method == "GET"):
        # Opening the edit form shows the record too; the change itself is audited by the service.
        audit_record(actor=user, action=AuditEvent.Action.VIEW, target=candidate, request=request)
    return candidate


# --- employees ------------------------------------------------------------------------------------------------


def employee_list_for_user(user: Any) -> QuerySet[Employee]:
    """Every employee record the user may see: HR all, a hiring manager their subtree, an employee their own."""
    actor = actor_get(user)
    employees = Employee.objects.select_related("person", "department", "position")
    if actor.is_hr:
        return employees.all()
    condition = Q(pk__in=[])
    if actor.has(Role.HIRING_MANAGER):
        condition |= _subtree_q("department", actor.managed_department_paths)
    if actor.has(Role.EMPLOYEE) and actor.person_id is not None:
        condition |= Q(person_id=actor.person_id)
    return employees.filter(condition).distinct()


def employee_can_change(user: Any) -> bool:
    return actor_get(user).is_hr


def employee_get_for_user(
    user: Any, employee_id: int | str, *, intent: Intent = "view", request: HttpRequest | None = None
) -> Employee:
    """Fetch an employee record the user may see (404 otherwise), and check they may change it if asked (403)."""
    try:
        employee = employee_list_for_user(user).get(pk=int(employee_id))
    except (Employee.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Employee not found.")) from None
    if intent == "change" and not employee_can_change(user):
        raise PermissionDenied(_("Only HR can change an employee's record."))
    if intent == "view" or (request is not None and request.method == "GET"):
        # Opening the edit form shows the record too; the change itself is audited by the service.
        audit_record(actor=user, action=AuditEvent.Action.VIEW, target=employee, request=request)
    return employee


# --- the audit log --------------------------------------------------------------------------------------------


def audit_log_check_access(user: Any) -> None:
    """Only HR admins read the audit log."""
    actor = actor_get(user)
    if not actor.is_hr_admin:
        if actor.is_staff_member:
            raise PermissionDenied(_("Only HR admins can read the audit log."))
        raise NotFound(_("Page not found."))


def organisation_check_manage(user: Any) -> None:
    """HR (and HR admins) manage departments, positions and people."""
    if not actor_get(user).is_hr:
        raise PermissionDenied(_("Only HR can change the organisation."))


def role_grants_check_manage(user: Any) -> None:
    """Only HR admins hand out staff roles."""
    if not actor_get(user).is_hr_admin:
        raise PermissionDenied(_("Only HR admins can grant roles."))
