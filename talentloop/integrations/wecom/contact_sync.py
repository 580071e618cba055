"""Contact sync: WeCom's departments and members brought into the organisation, previewed before they are applied.

Conservative by design (docs/decisions/0026-group-robots-and-contact-sync.md):

- A WeCom department is the ``org.Department`` whose code is ``wecom-<id>``: it is created when missing, renamed and
  moved to follow WeCom. Departments HR made by hand are never touched. A mirrored department WeCom no longer has
  is reported as missing, never deleted.
- A WeCom member is the person linked to their userid (``WeComAccount``). An unlinked member is linked to the one
  person in the company with the same email or mobile, or created as a person (name, email, mobile) and linked.
  Employee records (number, position, hire date) stay HR's: sync does not create them.
- Anything unclear is a conflict, shown and left alone: an email or mobile on several people, on a person linked to
  another userid, or on a candidate only; a person two members claim; an email or mobile that is not valid; a
  member without email or mobile whose name a person already has.
- A linked person whose member left WeCom (or was disabled) is reported as missing, never unlinked or deleted.
- Applying re-reads WeCom, refuses when the plan differs from the preview the admin saw (its digest), and writes
  everything in one transaction, audited. Applying twice changes (and records) nothing the second time.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from talentloop.core.exceptions import Conflict, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.integrations.wecom.client import WeComClient, WeComError
from talentloop.integrations.wecom.models import WeComAccount
from talentloop.org.models import Department, Person
from talentloop.org.selectors import company_get_default
from talentloop.org.services import department_create, department_move, department_rename, person_create

CODE_PREFIX = "wecom-"
ROOT_DEPARTMENT_ID = 1
# Members WeCom counts as present: 1 active, 4 invited but not yet activated (2 disabled, 5 left are not).
PRESENT_STATUSES = frozenset({1, 4})
_MOBILE = re.compile(r"^\+?[0-9]{6,20}$")


@dataclass(frozen=True)
class Directory:
    """What WeCom answered: its departments and members, as its API gives them."""

    departments: list[dict[str, Any]]
    users: list[dict[str, Any]]


@dataclass
class ContactsPlan:
    """What applying would change. Every list holds plain values (names, ids), so the plan can be shown, hashed and
    compared with the one applied."""

    departments_create: list[dict[str, Any]] = field(default_factory=list)
    departments_rename: list[dict[str, Any]] = field(default_factory=list)
    departments_move: list[dict[str, Any]] = field(default_factory=list)
    departments_missing: list[dict[str, Any]] = field(default_factory=list)
    departments_unchanged: int = 0
    people_link: list[dict[str, Any]] = field(default_factory=list)
    people_create: list[dict[str, Any]] = field(default_factory=list)
    people_missing: list[dict[str, Any]] = field(default_factory=list)
    people_unchanged: int = 0
    conflicts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def changes(self) -> int:
        """How many writes applying would make."""
        return (
            len(self.departments_create)
            + len(self.departments_rename)
            + len(self.departments_move)
            + len(self.people_link)
            + len(self.people_create)
        )

    @property
    def digest(self) -> str:
        """A fingerprint of the plan: applying refuses when WeCom or the organisation changed since the preview."""
        encoded = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
        return hashlib.sha256(encoded).hexdigest()[:16]

    def counts(self) -> dict[str, int]:
        return {
            "departments_create": len(self.departments_create),
            "departments_rename": len(self.departments_rename),
            "departments_move": len(self.departments_move),
            "departments_missing": len(self.departments_missing),
            "people_link": len(self.people_link),
            "people_create": len(self.people_create),
            "people_missing": len(self.people_missing),
            "conflicts": len(self.conflicts),
        }


def contacts_fetch() -> Directory:
    """Read WeCom's directory (every department in the app's range, and their members). A failure raises
    ``ValidationFailed`` with the admin's message; nothing is written."""
    client = WeComClient()
    try:
        departments = client.department_list()
        ids = {int(row["id"]) for row in departments}
        roots = sorted(row_id for row_id in ids if _parent_id(departments, row_id) not in ids) or [ROOT_DEPARTMENT_ID]
        users: dict[str, dict[str, Any]] = {}
        for root in roots:
            for user in client.user_list(department_id=root):
                users.setdefault(str(user["userid"]), user)
    except WeComError as error:
        raise ValidationFailed(
            _("WeCom's directory could not be read: %(error)s") % {"error": error.message}
        ) from error
    except (KeyError, TypeError, ValueError) as error:
        raise ValidationFailed(_("WeCom's directory could not be read: unexpected answer.")) from error
    return Directory(departments=departments, users=list(users.values()))


def _parent_id(departments: list[dict[str, Any]], department_id: int) -> int:
    for row in departments:
        if int(row["id"]) == department_id:
            return int(row.get("parentid") or 0)
    return 0


def _code(wecom_id: int) -> str:
    return f"{CODE_PREFIX}{wecom_id}"


def _ordered(departments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Parents before children (WeCom lists them in any order)."""
    by_id = {int(row["id"]): row for row in departments}
    ordered: list[dict[str, Any]] = []
    placed: set[int] = set()

    def place(department_id: int, trail: frozenset[int]) -> None:
        if department_id in placed or department_id in trail:
            return
        parent = int(by_id[department_id].get("parentid") or 0)
        if parent in by_id:
            place(parent, trail | {department_id})
        placed.add(department_id)
        ordered.append(by_id[department_id])

    for department_id in sorted(by_id):
        place(department_id, frozenset())
    return ordered


def _departments_plan(plan: ContactsPlan, directory: Directory, company_id: int) -> None:
    mirrored = {
        department.code: department
        for department in Department.objects.filter(company_id=company_id, code__startswith=CODE_PREFIX).select_related(
            "parent"
        )
    }
    wecom_ids = {int(row["id"]) for row in directory.departments}
    names = {int(row["id"]): str(row.get("name", "")).strip() for row in directory.departments}
    for row in _ordered(directory.departments):
        wecom_id = int(row["id"])
        name = names[wecom_id] or _code(wecom_id)
        parent_id = int(row.get("parentid") or 0)
        parent_wecom_id = parent_id if parent_id in wecom_ids else None
        parent_name = names.get(parent_id, "") if parent_wecom_id else ""
        existing = mirrored.get(_code(wecom_id))
        if existing is None:
            plan.departments_create.append(
                {
                    "wecom_id": wecom_id,
                    "name": name,
                    "name_en": str(row.get("name_en", "")).strip(),
                    "parent_wecom_id": parent_wecom_id,
                    "parent_name": parent_name,
                }
            )
            continue
        unchanged = True
        if existing.name != name:
            plan.departments_rename.append(
                {"department_id": existing.pk, "wecom_id": wecom_id, "old": existing.name, "new": name}
            )
            unchanged = False
        current_parent = existing.parent.code if existing.parent else None
        wanted_parent = _code(parent_wecom_id) if parent_wecom_id else None
        if current_parent != wanted_parent:
            plan.departments_move.append(
                {
                    "department_id": existing.pk,
                    "wecom_id": wecom_id,
                    "name": name,
                    "old_parent": existing.parent.name if existing.parent else "",
                    "parent_wecom_id": parent_wecom_id,
                    "parent_name": parent_name,
                }
            )
            unchanged = False
        plan.departments_unchanged += int(unchanged)
    for code, department in sorted(mirrored.items()):
        if int(code.removeprefix(CODE_PREFIX) or 0) not in wecom_ids:
            plan.departments_missing.append({"department_id": department.pk, "name": department.name})


def _contact(user: dict[str, Any]) -> tuple[str, str, str]:
    """The member's email (work email when no other) and mobile, cleaned; a reason when one is not valid."""
    email = str(user.get("email") or user.get("biz_mail") or "").strip().lower()
    mobile = re.sub(r"[ \-]", "", str(user.get("mobile") or "").strip())
    if email:
        try:
            validate_email(email)
        except ValidationError:
            return email, mobile, _("WeCom's email address %(email)s is not valid.") % {"email": email}
    if mobile and not _MOBILE.match(mobile):
        return email, mobile, _("WeCom's mobile number %(mobile)s is not valid.") % {"mobile": mobile}
    return email, mobile, ""


def _people_plan(plan: ContactsPlan, directory: Directory, company_id: int) -> None:
    accounts = {account.userid: account for account in WeComAccount.objects.select_related("person")}
    linked_person_ids = {account.person_id for account in accounts.values()}
    present = {str(user["userid"]): user for user in directory.users if int(user.get("status", 1)) in PRESENT_STATUSES}
    claimed: dict[int, str] = {}
    # One read of the company's people, indexed by email, mobile and name: a directory of thousands of members is
    # matched without a query per member.
    people = list(
        Person.objects.filter(company_id=company_id, erased_at__isnull=True)
        .select_related("employee", "candidate")
        .order_by("pk")
    )
    by_email: dict[str, list[Person]] = {}
    by_mobile: dict[str, list[Person]] = {}
    names = {person.full_name for person in people}
    for person in people:
        if person.email:
            by_email.setdefault(person.email.lower(), []).append(person)
        if person.mobile:
            by_mobile.setdefault(person.mobile, []).append(person)
    for userid, user in sorted(present.items()):
        name = str(user.get("name", "")).strip() or userid
        if userid in accounts:
            plan.people_unchanged += 1
            continue
        email, mobile, invalid = _contact(user)
        if invalid:
            plan.conflicts.append({"userid": userid, "name": name, "reason": invalid})
            continue
        found = {person.pk: person for person in [*by_email.get(email, []), *by_mobile.get(mobile, [])]}
        matches = [found[pk] for pk in sorted(found)]
        # Nothing to match on (WeCom gives mobiles and emails only to apps allowed to read them): a person of the
        # same name may be this member, so creating another would make a duplicate.
        if not matches and not (email or mobile) and name in names:
            plan.conflicts.append(
                {
                    "userid": userid,
                    "name": name,
                    "reason": _("WeCom gives no email or mobile for it, and someone named %(name)s exists already.")
                    % {"name": name},
                }
            )
            continue
        if not matches:
            plan.people_create.append({"userid": userid, "name": name, "email": email, "mobile": mobile})
            continue
        reason = ""
        person = matches[0]
        if len(matches) > 1:
            reason = _("Its email or mobile belongs to %(count)d people: %(names)s.") % {
                "count": len(matches),
                "names": "、".join(match.full_name for match in matches),
            }
        elif person.pk in linked_person_ids:
            reason = _("Its email or mobile belongs to %(name)s, who is linked to another WeCom member.") % {
                "name": person.full_name
            }
        elif person.pk in claimed:
            reason = _("Its email or mobile belongs to %(name)s, whom the member %(userid)s matches too.") % {
                "name": person.full_name,
                "userid": claimed[person.pk],
            }
        elif hasattr(person, "candidate") and not hasattr(person, "employee"):
            reason = _(
                "Its email or mobile belongs to %(name)s, a candidate; link them by hand if it is the same person."
            ) % {"name": person.full_name}
        if reason:
            plan.conflicts.append({"userid": userid, "name": name, "reason": reason})
            continue
        claimed[person.pk] = userid
        plan.people_link.append({"userid": userid, "name": name, "person_id": person.pk, "person": person.full_name})
    for userid, account in sorted(accounts.items()):
        if userid not in present:
            plan.people_missing.append(
                {"userid": userid, "person_id": account.person_id, "name": account.person.full_name}
            )


def contacts_plan(*, directory: Directory) -> ContactsPlan:
    """What applying ``directory`` would change in the organisation (reads only)."""
    company = company_get_default()
    if company is None:
        raise ValidationFailed(_("Create the company first: contact sync adds to it."))
    plan = ContactsPlan()
    _departments_plan(plan, directory, company.pk)
    _people_plan(plan, directory, company.pk)
    return plan


def contacts_sync_preview() -> ContactsPlan:
    """Read WeCom and say what applying would change; writes nothing."""
    return contacts_plan(directory=contacts_fetch())


def contacts_sync_apply(*, actor: Any, expected_digest: str = "", directory: Directory | None = None) -> ContactsPlan:
    """Read WeCom (unless ``directory`` is given), and apply the plan in one transaction: create, rename and move
    the mirrored departments, create and link people. With ``expected_digest`` (the preview the admin saw), a plan
    that differs is refused (``Conflict``) and nothing is written. Every write is audited, and one event records the
    counts (none when there was nothing to change). Returns the plan applied (running it again finds nothing to
    change)."""
    directory = directory if directory is not None else contacts_fetch()
    with transaction.atomic():
        plan = contacts_plan(directory=directory)
        if expected_digest and plan.digest != expected_digest:
            raise Conflict(
                _("WeCom's directory or the organisation changed since the preview. Look at the new preview.")
            )
        company = company_get_default()
        assert company is not None  # contacts_plan refused otherwise
        mirrored = {
            department.code: department
            for department in Department.objects.filter(company=company, code__startswith=CODE_PREFIX)
        }
        for row in plan.departments_create:
            parent = mirrored.get(_code(row["parent_wecom_id"])) if row["parent_wecom_id"] else None
            department = department_create(
                company=company, name=row["name"], name_en=row["name_en"], code=_code(row["wecom_id"]), parent=parent
            )
            mirrored[department.code] = department
            audit_record(
                actor=actor, action=AuditEvent.Action.CREATE, target=department, changes={"wecom_id": row["wecom_id"]}
            )
        for row in plan.departments_rename:
            department = Department.objects.get(pk=row["department_id"])
            department_rename(department=department, name=row["new"])
            audit_record(
                actor=actor,
                action=AuditEvent.Action.UPDATE,
                target=department,
                changes={"name": [row["old"], row["new"]]},
            )
        for row in plan.departments_move:
            department = Department.objects.get(pk=row["department_id"])
            parent = mirrored.get(_code(row["parent_wecom_id"])) if row["parent_wecom_id"] else None
            department_move(department=department, parent=parent)
            audit_record(
                actor=actor,
                action=AuditEvent.Action.UPDATE,
                target=department,
                changes={"parent": [row["old_parent"], row["parent_name"]]},
            )
        for row in plan.people_create:
            person = person_create(company=company, full_name=row["name"], email=row["email"], mobile=row["mobile"])
            WeComAccount.objects.create(person=person, userid=row["userid"], linked_by=actor)
            audit_record(
                actor=actor, action=AuditEvent.Action.CREATE, target=person, changes={"wecom_userid": row["userid"]}
            )
        for row in plan.people_link:
            person = Person.objects.get(pk=row["person_id"])
            WeComAccount.objects.create(person=person, userid=row["userid"], linked_by=actor)
            audit_record(
                actor=actor,
                action=AuditEvent.Action.UPDATE,
                target=person,
                object_label=person.full_name,
                changes={"wecom_userid": row["userid"]},
            )
        if not plan.changes:
            return plan  # nothing written, nothing to audit: a second run leaves no trace
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            object_type="wecom.contact_sync",
            object_id=plan.digest,
            object_label=_("WeCom contact sync"),
            changes=plan.counts(),
        )
    return plan
