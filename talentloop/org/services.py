"""Writes owned by org: the company, its department tree, positions, people and role grants."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from talentloop.accounts.models import User
from talentloop.core.exceptions import PermissionDenied, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.org.access import actor_forget, actor_get
from talentloop.org.models import Candidate, Company, Department, Employee, Person, Position, Role, RoleGrant

_MOBILE = re.compile(r"^\+?[0-9][0-9 \-]{5,20}$")


def _required(fields: dict[str, str]) -> None:
    missing = {name: [_("This field is required.")] for name, value in fields.items() if not value.strip()}
    if missing:
        raise ValidationFailed(_("Some required fields are empty."), fields=missing)


def _normalise_mobile(mobile: str) -> str:
    mobile = mobile.strip()
    if mobile and not _MOBILE.match(mobile):
        raise ValidationFailed(
            _("Enter a valid mobile number."),
            fields={"mobile": [_("Use digits, optionally starting with +.")]},
        )
    return re.sub(r"[ \-]", "", mobile)


def company_create(*, name: str, slug: str, name_en: str = "") -> Company:
    _required({"name": name, "slug": slug})
    if Company.objects.filter(slug=slug).exists():
        raise ValidationFailed(_("This short name is already used."), fields={"slug": [_("Already used.")]})
    return Company.objects.create(name=name.strip(), name_en=name_en.strip(), slug=slug)


def _department_path(department: Department) -> str:
    parent_path = department.parent.path if department.parent else "/"
    return f"{parent_path}{department.pk}/"


@transaction.atomic
def department_create(
    *, company: Company, name: str, code: str = "", name_en: str = "", parent: Department | None = None
) -> Department:
    """Add a department anywhere in the tree."""
    _required({"name": name})
    code = slugify(code or name_en or name) or f"dept-{Department.objects.count() + 1}"
    if parent is not None and parent.company_id != company.pk:
        raise ValidationFailed(_("The parent department belongs to another company."), fields={"parent": [""]})
    if Department.objects.filter(company=company, code=code).exists():
        raise ValidationFailed(
            _("A department with this code already exists."), fields={"code": [_("Choose another code.")]}
        )
    department = Department.objects.create(
        company=company,
        parent=parent,
        name=name.strip(),
        name_en=name_en.strip(),
        code=code,
        depth=(parent.depth + 1) if parent else 0,
    )
    department.path = _department_path(department)
    department.save(update_fields=["path"])
    return department


@transaction.atomic
def department_move(*, department: Department, parent: Department | None) -> Department:
    """Move a department (and everything below it) under another parent."""
    if parent is not None and (parent.pk == department.pk or parent.path.startswith(department.path)):
        raise ValidationFailed(
            _("A department cannot be moved below itself."),
            fields={"parent": [_("Choose another department.")]},
        )
    old_path, old_depth = department.path, department.depth
    department.parent = parent
    department.depth = (parent.depth + 1) if parent else 0
    department.path = _department_path(department)
    department.save(update_fields=["parent", "depth", "path", "updated_at"])
    for descendant in Department.objects.filter(path__startswith=old_path).exclude(pk=department.pk):
        descendant.path = department.path + descendant.path[len(old_path) :]
        descendant.depth = descendant.depth - old_depth + department.depth
        descendant.save(update_fields=["path", "depth", "updated_at"])
    return department


def department_rename(*, department: Department, name: str, name_en: str | None = None) -> Department:
    """Give a department a new name (and English name, when given)."""
    _required({"name": name})
    department.name = name.strip()
    fields = ["name", "updated_at"]
    if name_en is not None:
        department.name_en = name_en.strip()
        fields.append("name_en")
    department.save(update_fields=fields)
    return department


def position_create(
    *, department: Department, title: str, code: str = "", title_en: str = "", description: str = ""
) -> Position:
    _required({"title": title})
    code = slugify(code or title_en or title) or f"position-{Position.objects.count() + 1}"
    if Position.objects.filter(code=code).exists():
        raise ValidationFailed(
            _("A position with this code already exists."), fields={"code": [_("Choose another code.")]}
        )
    return Position.objects.create(
        department=department,
        title=title.strip(),
        title_en=title_en.strip(),
        code=code,
        description=description,
    )


def person_create(
    *, company: Company, full_name: str, email: str = "", mobile: str = "", user: User | None = None
) -> Person:
    _required({"full_name": full_name})
    return Person.objects.create(
        company=company,
        full_name=full_name.strip(),
        email=email.strip().lower(),
        mobile=_normalise_mobile(mobile),
        user=user,
    )


@transaction.atomic
def employee_create(
    *,
    actor: Any,
    person: Person,
    department: Department,
    employee_number: str,
    position: Position | None = None,
    hired_on: date | None = None,
    request: HttpRequest | None = None,
) -> Employee:
    """Record that a person works here."""
    _required({"employee_number": employee_number})
    if Employee.objects.filter(employee_number=employee_number).exists():
        raise ValidationFailed(
            _("This employee number is already used."), fields={"employee_number": [_("Already used.")]}
        )
    if hasattr(person, "employee"):
        raise ValidationFailed(_("This person is already an employee."), fields={"person": [_("Already employed.")]})
    employee = Employee.objects.create(
        person=person,
        department=department,
        position=position,
        employee_number=employee_number,
        hired_on=hired_on,
    )
    audit_record(actor=actor, action=AuditEvent.Action.CREATE, target=employee, request=request)
    return employee


def _refuse_duplicate_contact(*, company_id: int, email: str, mobile: str, candidate: Candidate | None = None) -> None:
    """One candidate record per email and per mobile number in a company (``candidate`` itself excepted)."""
    duplicates = Candidate.objects.filter(person__company_id=company_id)
    if candidate is not None:
        duplicates = duplicates.exclude(pk=candidate.pk)
    if email and duplicates.filter(person__email=email).exists():
        raise ValidationFailed(
            _("A candidate with this email already exists."), fields={"email": [_("Already registered.")]}
        )
    if mobile and duplicates.filter(person__mobile=mobile).exists():
        raise ValidationFailed(
            _("A candidate with this mobile number already exists."),
            fields={"mobile": [_("Already registered.")]},
        )


@transaction.atomic
def candidate_create(
    *,
    actor: Any,
    company: Company,
    full_name: str,
    applied_position: Position,
    email: str = "",
    mobile: str = "",
    source: str = "",
    notes: str = "",
    user: User | None = None,
    request: HttpRequest | None = None,
) -> Candidate:
    """Register a candidate for a position. Refuses a second candidate record with the same email or mobile."""
    _required({"full_name": full_name})
    if not email.strip() and not mobile.strip():
        raise ValidationFailed(
            _("Give an email address or a mobile number so the candidate can be invited."),
            fields={
                "email": [_("Email or mobile is required.")],
                "mobile": [_("Email or mobile is required.")],
            },
        )
    email = email.strip().lower()
    normalised_mobile = _normalise_mobile(mobile)
    _refuse_duplicate_contact(company_id=company.pk, email=email, mobile=normalised_mobile)
    person = person_create(company=company, full_name=full_name, email=email, mobile=normalised_mobile, user=user)
    candidate = Candidate.objects.create(
        person=person, applied_position=applied_position, source=source.strip(), notes=notes
    )
    audit_record(actor=actor, action=AuditEvent.Action.CREATE, target=candidate, request=request)
    return candidate


@transaction.atomic
def candidate_create_for_person(
    *, actor: Any, person: Person, applied_position: Position, source: str = "", request: HttpRequest | None = None
) -> Candidate:
    """Make a person the company already knows (an employee applying internally) a candidate, or return their
    existing candidate record unchanged. The person's own email and mobile are used; another candidate record
    with the same email or mobile is refused, as in ``candidate_create``."""
    existing = Candidate.objects.filter(person=person).first()
    if existing is not None:
        return existing
    if not person.email and not person.mobile:
        raise ValidationFailed(
            _("Give an email address or a mobile number so the candidate can be invited."),
            fields={"email": [_("Email or mobile is required.")]},
        )
    _refuse_duplicate_contact(company_id=person.company_id, email=person.email, mobile=person.mobile)
    candidate = Candidate.objects.create(person=person, applied_position=applied_position, source=source.strip())
    audit_record(actor=actor, action=AuditEvent.Action.CREATE, target=candidate, request=request)
    if actor is not None and getattr(actor, "pk", None) == person.user_id:
        actor_forget(actor)  # the person now holds the candidate role too
    return candidate


_CANDIDATE_FIELDS = {"full_name", "email", "mobile", "source", "notes", "status", "applied_position"}


@transaction.atomic
def candidate_update(
    *, actor: Any, candidate: Candidate, data: dict[str, Any], request: HttpRequest | None = None
) -> Candidate:
    """Change a candidate's record; records old and new values in the audit log."""
    unknown = set(data) - _CANDIDATE_FIELDS
    if unknown:
        raise ValidationFailed(
            _("Unknown fields."),
            fields={name: [_("This field cannot be changed.")] for name in sorted(unknown)},
        )
    person = candidate.person
    changes: dict[str, list[Any]] = {}
    if "full_name" in data:
        _required({"full_name": data["full_name"]})
    if "status" in data and data["status"] not in Candidate.Status.values:
        raise ValidationFailed(_("Unknown status."), fields={"status": [_("Choose one of the offered values.")]})
    if "mobile" in data:
        data = {**data, "mobile": _normalise_mobile(data["mobile"])}
    if "email" in data:
        data = {**data, "email": data["email"].strip().lower()}
    _refuse_duplicate_contact(
        company_id=person.company_id,
        email=data["email"] if data.get("email", person.email) != person.email else "",
        mobile=data["mobile"] if data.get("mobile", person.mobile) != person.mobile else "",
        candidate=candidate,
    )
    for name in ("full_name", "email", "mobile"):
        if name in data and getattr(person, name) != data[name]:
            changes[name] = [getattr(person, name), data[name]]
            setattr(person, name, data[name])
    for name in ("source", "notes", "status"):
        if name in data and getattr(candidate, name) != data[name]:
            changes[name] = [getattr(candidate, name), data[name]]
            setattr(candidate, name, data[name])
    if "applied_position" in data and candidate.applied_position_id != data["applied_position"].pk:
        changes["applied_position"] = [candidate.applied_position_id, data["applied_position"].pk]
        candidate.applied_position = data["applied_position"]
    if not person.email and not person.mobile:
        raise ValidationFailed(
            _("Give an email address or a mobile number so the candidate can be invited."),
            fields={"email": [_("Email or mobile is required.")]},
        )
    if changes:
        person.save()
        candidate.save()
        audit_record(actor=actor, action=AuditEvent.Action.UPDATE, target=candidate, changes=changes, request=request)
    return candidate


@transaction.atomic
def role_grant_create(
    *,
    actor: Any,
    user: User,
    role: Role,
    department: Department | None = None,
    request: HttpRequest | None = None,
) -> RoleGrant:
    """Give a user a staff role. Hiring managers need a department; other staff roles are company-wide."""
    if role in (Role.EMPLOYEE, Role.CANDIDATE):
        raise ValidationFailed(
            _("Employee and candidate roles follow from the person's records."), fields={"role": [""]}
        )
    if role == Role.HIRING_MANAGER and department is None:
        raise ValidationFailed(
            _("A hiring manager needs a department."), fields={"department": [_("This field is required.")]}
        )
    if role != Role.HIRING_MANAGER:
        department = None
    grant, created = RoleGrant.objects.get_or_create(user=user, role=role, department=department)
    if not created:
        return grant
    actor_forget(user)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.GRANT,
        target=user,
        changes={"role": role.value, "department": department.pk if department else None},
        request=request,
    )
    return grant


def candidate_colleague_assign(
    *, actor: Any, candidate: Candidate, user: User, request: HttpRequest | None = None
) -> bool:
    """Give a staff colleague access to one candidate by assigning them to it (``Candidate.interviewers``): HR
    only, audited as a grant. Returns False when they were assigned already (nothing written)."""
    if not actor_get(actor).is_hr:
        raise PermissionDenied(_("Only HR can give a colleague access to a candidate."))
    if not user.is_active or not actor_get(user).is_staff_member:
        raise ValidationFailed(
            _("%(name)s does not work on hiring, so they cannot be given access to a candidate.") % {"name": str(user)}
        )
    if candidate.interviewers.filter(pk=user.pk).exists():
        return False
    candidate.interviewers.add(user)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.GRANT,
        target=candidate,
        changes={"assigned": user.pk},
        request=request,
    )
    return True


ERASED_NAME = "—"


@transaction.atomic
def person_anonymise(*, person_id: int) -> dict[str, int]:
    """Erase what identifies a person and keep the rows that aggregates still count.

    The person keeps no name, email, mobile or user link; a candidate record keeps its position, source and status
    (funnel counts still add up) but loses HR's notes and interviewer assignments; a former employee's record keeps
    department, position and dates (headcount) but not the employee number. The person's user loses their staff
    roles. Safe to run twice. Callers check legal holds first (an active employee is never erased)."""
    person = Person.objects.select_for_update().filter(pk=person_id).first()
    if person is None:
        return {}
    counts: dict[str, int] = {}
    if person.user_id is not None:
        counts["role_grants"] = RoleGrant.objects.filter(user_id=person.user_id).delete()[0]
    candidate = Candidate.objects.filter(person=person).first()
    if candidate is not None and (candidate.notes or candidate.interviewers.exists()):
        candidate.notes = ""
        candidate.save(update_fields=["notes", "updated_at"])
        candidate.interviewers.clear()
        counts["candidate_records_anonymised"] = 1
    employee = Employee.objects.filter(person=person).first()
    erased_number = f"erased-{employee.pk}" if employee is not None else ""
    if employee is not None and employee.employee_number != erased_number:
        employee.employee_number = erased_number
        employee.save(update_fields=["employee_number", "updated_at"])
        counts["employee_records_anonymised"] = 1
    if person.erased_at is None or person.user_id is not None:
        person.full_name = ERASED_NAME
        person.email = ""
        person.mobile = ""
        person.user = None
        person.erased_at = person.erased_at or timezone.now()
        person.save()
        counts["people_anonymised"] = 1
    return {name: count for name, count in counts.items() if count}
