"""Reads owned by org. List selectors start from the access querysets, so search never widens what is seen."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from talentloop.core.exceptions import NotFound
from talentloop.org.access import (
    actor_get,
    candidate_get_for_user,
    candidate_list_for_user,
    employee_get_for_user,
    employee_list_for_user,
)
from talentloop.org.models import Candidate, Company, Department, Employee, Position, Role, RoleGrant


def company_get_default() -> Company | None:
    """The company this installation serves (TalentLoop is single-company per installation)."""
    return Company.objects.order_by("pk").first()


def candidate_list(
    *, user: Any, query: str = "", status: str = "", matching_person_ids: QuerySet[Any] | None = None
) -> QuerySet[Candidate]:
    """The candidates the user sees, newest first. ``query`` matches name, email, mobile and position; a higher room
    may pass ``matching_person_ids`` (a subquery of person ids, e.g. people whose résumé text matches) that the
    search also accepts — within what the user may see."""
    candidates = candidate_list_for_user(user)
    if query:
        condition = (
            Q(person__full_name__icontains=query)
            | Q(person__email__icontains=query)
            | Q(person__mobile__icontains=query)
            | Q(applied_position__title__icontains=query)
        )
        if matching_person_ids is not None:
            condition |= Q(person_id__in=matching_person_ids)
        candidates = candidates.filter(condition)
    if status:
        candidates = candidates.filter(status=status)
    return candidates.order_by("-created_at", "-pk")


def employee_list(*, user: Any, query: str = "", department_id: int | None = None) -> QuerySet[Employee]:
    employees = employee_list_for_user(user)
    if query:
        employees = employees.filter(
            Q(person__full_name__icontains=query)
            | Q(person__email__icontains=query)
            | Q(employee_number__icontains=query)
        )
    if department_id is not None:
        department = Department.objects.filter(pk=department_id).first()
        employees = employees.filter(department__path__startswith=department.path) if department else employees.none()
    return employees.order_by("employee_number")


def department_tree(*, company: Company) -> list[Department]:
    """Departments in tree order (parents before children), each with its number of active employees."""
    return list(
        Department.objects.filter(company=company)
        .annotate(employee_count=Count("employees", filter=Q(employees__status=Employee.Status.ACTIVE)))
        .order_by("path")
    )


def position_list(*, department: Department | None = None) -> QuerySet[Position]:
    positions = Position.objects.select_related("department").annotate(candidate_count=Count("candidates"))
    if department is not None:
        positions = positions.filter(department__path__startswith=department.path)
    return positions


def role_grant_list() -> QuerySet[RoleGrant]:
    return RoleGrant.objects.select_related("user", "department").order_by("user__username", "role")


def own_records_get(*, user: Any, request: Any = None) -> tuple[Candidate | None, Employee | None]:
    """The signed-in person's own candidate and employee records (either may be absent)."""
    actor = actor_get(user)
    if actor.person_id is None:
        return None, None
    candidate_id = Candidate.objects.filter(person_id=actor.person_id).values_list("pk", flat=True).first()
    employee_id = Employee.objects.filter(person_id=actor.person_id).values_list("pk", flat=True).first()
    candidate = employee = None
    # A record the person may no longer see (a former employee's) is left out rather than failing the page.
    with suppress(NotFound):
        candidate = candidate_get_for_user(user, candidate_id, request=request) if candidate_id else None
    with suppress(NotFound):
        employee = employee_get_for_user(user, employee_id, request=request) if employee_id else None
    return candidate, employee


@dataclass(frozen=True)
class EmployeeRecord:
    """What an employee's record says, as the employee and HR read it (the same facts on both pages)."""

    employee: Employee
    department_path: list[Department]  # from the root down to the employee's own department
    managers: list[str]  # names of the hiring managers of the nearest department above that has any
    managers_department: Department | None


def employee_record_get(*, employee: Employee) -> EmployeeRecord:
    """The record of an employee the caller already fetched through ``employee_get_for_user``.

    The organisation keeps no direct line manager: the managers shown are the hiring managers of the employee's
    department, or of the nearest department above it that has one (their grant covers the whole subtree), other
    than the employee themselves."""
    ids = [int(part) for part in employee.department.path.strip("/").split("/") if part]
    by_id = Department.objects.in_bulk(ids)
    department_path = [by_id[pk] for pk in ids if pk in by_id]
    grants = (
        RoleGrant.objects.filter(role=Role.HIRING_MANAGER, department_id__in=ids, user__is_active=True)
        .select_related("user__person")
        .order_by("user__username")
    )
    if employee.person.user_id is not None:
        grants = grants.exclude(user_id=employee.person.user_id)  # a manager's own manager is the one above them
    names_by_department: dict[int, list[str]] = {}
    for grant in grants:
        person = getattr(grant.user, "person", None)
        name = person.full_name if person is not None else (grant.user.display_name or grant.user.username)
        names_by_department.setdefault(grant.department_id or 0, []).append(name)
    for department in reversed(department_path):
        if department.pk in names_by_department:
            return EmployeeRecord(employee, department_path, names_by_department[department.pk], department)
    return EmployeeRecord(employee, department_path, [], None)
