"""Writes owned by recruitment: openings (create, update, open, close) and applications (create, withdraw).

Every write validates first and raises before touching the database, so a refused call writes nothing. An
application creates its AI interview invitation through the interviews app's own service in the same
transaction: the application and its invitation exist together or not at all.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from talentloop.accounts.models import User
from talentloop.competencies.models import JobProfile
from talentloop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.interviews.models import InterviewTemplate
from talentloop.interviews.services.invitations import (
    InvitationStatus,
    invitation_create,
    invitation_revoke,
    invitation_status,
)
from talentloop.org.models import Company, Department, Employee, Person, Position, Role, RoleGrant
from talentloop.org.services import candidate_create_for_person
from talentloop.recruitment.errors import RecruitmentErrorCode
from talentloop.recruitment.models import MAX_HEADCOUNT, MAX_MOTIVATION_CHARACTERS, Application, Opening, Resume
from talentloop.recruitment.tasks import extract_resume_text_task

MAX_TITLE_CHARACTERS = 200


@dataclass
class OpeningInput:
    """What HR fills in for an opening. ``headcount`` is parsed by the service (forms and the API send text)."""

    title: str
    position: Position | None
    headcount: Any = 1
    title_en: str = ""
    interview_template: InterviewTemplate | None = None
    hiring_manager: User | None = None
    internal: bool = False
    description: str = ""
    public: bool = True


def _hiring_manager_covers(user: User, department: Department) -> bool:
    """True when ``user`` is a hiring manager of ``department`` or of a department above it."""
    ids = [int(part) for part in department.path.strip("/").split("/") if part]
    return RoleGrant.objects.filter(
        user=user, role=Role.HIRING_MANAGER, department_id__in=ids, user__is_active=True
    ).exists()


def _opening_validate(data: OpeningInput, *, opening: Opening | None) -> tuple[int, JobProfile | None]:
    """Every problem of ``data`` at once (per field), or the parsed headcount and the position's job profile."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    title = data.title.strip()
    if not title:
        add("title", _("This field is required."))
    elif len(title) > MAX_TITLE_CHARACTERS or len(data.title_en.strip()) > MAX_TITLE_CHARACTERS:
        add("title", _("Use at most 200 characters."))
    headcount = 0
    try:
        headcount = int(str(data.headcount).strip())
    except (TypeError, ValueError):
        add("headcount", _("Enter a whole number of people, e.g. 1."))
    else:
        if not 1 <= headcount <= MAX_HEADCOUNT:
            add("headcount", _("Headcount must be between 1 and 999."))
    job_profile: JobProfile | None = None
    if data.position is None:
        add("position", _("This field is required."))
    else:
        job_profile = JobProfile.objects.filter(position=data.position).first()
        template = data.interview_template
        if template is not None:
            if not template.is_active:
                add("interview_template", _("This template is archived; choose an active one."))
            elif job_profile is None or template.job_profile_id != job_profile.pk:
                add(
                    "interview_template",
                    _("This template was made for another position; choose one of %(position)s's templates.")
                    % {"position": data.position.title},
                )
        if data.hiring_manager is not None and not _hiring_manager_covers(
            data.hiring_manager, data.position.department
        ):
            add(
                "hiring_manager",
                _("Choose someone who is a hiring manager of %(department)s or of a department above it.")
                % {"department": data.position.department.name},
            )
    if opening is not None and opening.applications.exists():
        if data.position is not None and data.position.pk != opening.position_id:
            add("position", _("People have applied already: the position can no longer change."))
        template_id = data.interview_template.pk if data.interview_template else None
        if template_id != opening.interview_template_id:
            add("interview_template", _("People have applied already: the interview can no longer change."))
    if errors:
        raise ValidationFailed(
            _("The opening could not be saved: check the marked fields."),
            code=RecruitmentErrorCode.OPENING_INVALID,
            fields=errors,
        )
    return headcount, job_profile


def _opening_values(data: OpeningInput, headcount: int, job_profile: JobProfile | None) -> dict[str, Any]:
    assert data.position is not None
    return {
        "title": data.title.strip(),
        "title_en": data.title_en.strip(),
        "position": data.position,
        "department": data.position.department,
        "job_profile": job_profile,
        "interview_template": data.interview_template,
        "hiring_manager": data.hiring_manager,
        "headcount": headcount,
        "internal": bool(data.internal),
        "public": bool(data.public),
        "description": data.description.strip(),
    }


@transaction.atomic
def opening_create(*, actor: Any, company: Company, data: OpeningInput, request: HttpRequest | None = None) -> Opening:
    """Add an opening as a draft: nobody can apply until HR opens it (``opening_open``)."""
    headcount, job_profile = _opening_validate(data, opening=None)
    opening = Opening.objects.create(
        company=company,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **_opening_values(data, headcount, job_profile),
    )
    audit_record(actor=actor, action=AuditEvent.Action.CREATE, target=opening, request=request)
    return opening


def _audit_value(value: Any) -> Any:
    return value.pk if hasattr(value, "pk") else value


@transaction.atomic
def opening_update(*, actor: Any, opening: Opening, data: OpeningInput, request: HttpRequest | None = None) -> Opening:
    """Change an opening; the position and the interview are fixed once someone applied. Audits old and new."""
    opening = Opening.objects.select_for_update().get(pk=opening.pk)
    headcount, job_profile = _opening_validate(data, opening=opening)
    changes: dict[str, list[Any]] = {}
    for name, value in _opening_values(data, headcount, job_profile).items():
        old = getattr(opening, name)
        if _audit_value(old) != _audit_value(value):
            changes[name] = [_audit_value(old), _audit_value(value)]
            setattr(opening, name, value)
    if changes:
        opening.save()
        audit_record(actor=actor, action=AuditEvent.Action.UPDATE, target=opening, changes=changes, request=request)
    return opening


@transaction.atomic
def opening_open(*, actor: Any, opening: Opening, request: HttpRequest | None = None) -> Opening:
    """Open a draft or closed opening for applications. It needs an active AI interview template with questions."""
    opening = Opening.objects.select_for_update(of=("self",)).select_related("interview_template").get(pk=opening.pk)
    if opening.status == Opening.Status.OPEN:
        raise Conflict(_("This opening is already open."), code=RecruitmentErrorCode.OPENING_STATUS)
    template = opening.interview_template
    problem = ""
    if template is None:
        problem = _("Choose the AI interview template applicants will take.")
    elif not template.is_active:
        problem = _("This template is archived; choose an active one.")
    elif not template.items.exists():
        problem = _("This template has no questions.")
    if problem:
        raise ValidationFailed(
            _("The opening cannot be opened yet: %(problem)s") % {"problem": problem},
            code=RecruitmentErrorCode.OPENING_INVALID,
            fields={"interview_template": [problem]},
        )
    old = opening.status
    opening.status = Opening.Status.OPEN
    opening.opened_at = timezone.now()
    opening.closed_at = None
    opening.save(update_fields=["status", "opened_at", "closed_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        target=opening,
        changes={"status": [old, opening.status]},
        request=request,
    )
    return opening


@transaction.atomic
def opening_close(*, actor: Any, opening: Opening, request: HttpRequest | None = None) -> Opening:
    """Stop taking applications. Applications already made, and their interviews, carry on."""
    opening = Opening.objects.select_for_update().get(pk=opening.pk)
    if opening.status == Opening.Status.CLOSED:
        raise Conflict(_("This opening is already closed."), code=RecruitmentErrorCode.OPENING_STATUS)
    old = opening.status
    opening.status = Opening.Status.CLOSED
    opening.closed_at = timezone.now()
    opening.save(update_fields=["status", "closed_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        target=opening,
        changes={"status": [old, opening.status]},
        request=request,
    )
    return opening


@dataclass(frozen=True)
class ResumeUpload:
    """A résumé file already checked by ``careers_services.resume_upload_check`` (type sniffed, size limited)."""

    content: bytes
    original_name: str
    content_type: str


@transaction.atomic
def application_create(
    *,
    actor: Any,
    opening: Opening,
    person: Person,
    motivation: str,
    request: HttpRequest | None = None,
    source: str = Application.Source.INTERNAL,
    resume: ResumeUpload | None = None,
    consented_at: datetime | None = None,
    invitation_email: bool = True,
) -> Application:
    """A person applies to an open opening: an employee to an internal one with a short motivation, or anyone to a
    public one from the careers site (``source="external"``, with a résumé and an optional note).

    The applicant becomes a candidate for the opening's position (their existing candidate record is kept as it is)
    and is invited, through ``interviews``' own ``invitation_create``, to the opening's AI interview. An employee
    sees the link in the portal (signed in already); an external applicant is emailed it (unless
    ``invitation_email`` is False: the demo's applicants are not emailed). A résumé is stored and its
    text extracted after the commit. Refused, with nothing written: a closed or draft opening, an internal
    application to a non-internal opening or by someone without an active employee record, an external one to a
    non-public opening, an empty (internal) or too long motivation, a second application to the same opening."""
    opening = (
        Opening.objects.select_for_update(of=("self",))
        .select_related("interview_template", "company")
        .get(pk=opening.pk)
    )
    external = source == Application.Source.EXTERNAL
    if opening.status != Opening.Status.OPEN or opening.interview_template is None:
        raise Conflict(_("This opening is not taking applications."), code=RecruitmentErrorCode.OPENING_NOT_OPEN)
    if external and not opening.public:
        raise PermissionDenied(
            _("This opening does not take applications from the careers site."),
            code=RecruitmentErrorCode.APPLICATION_NOT_ALLOWED,
        )
    if not external and not opening.internal:
        raise PermissionDenied(
            _("This opening is not open to internal applicants."), code=RecruitmentErrorCode.APPLICATION_NOT_ALLOWED
        )
    if not external and not Employee.objects.filter(person=person, status=Employee.Status.ACTIVE).exists():
        raise PermissionDenied(
            _("Only current employees can apply to internal openings."),
            code=RecruitmentErrorCode.APPLICATION_NOT_ALLOWED,
        )
    motivation = motivation.strip()
    if not motivation and not external:
        raise ValidationFailed(
            _("Tell the hiring team in a few sentences why you want this role."),
            code=RecruitmentErrorCode.APPLICATION_INVALID,
            fields={"motivation": [_("This field is required.")]},
        )
    if len(motivation) > MAX_MOTIVATION_CHARACTERS:
        raise ValidationFailed(
            _("Keep your motivation to at most %(limit)d characters (it has %(count)d).")
            % {"limit": MAX_MOTIVATION_CHARACTERS, "count": len(motivation)},
            code=RecruitmentErrorCode.APPLICATION_INVALID,
            fields={"motivation": [_("Too long.")]},
        )
    earlier = Application.objects.filter(opening=opening, person=person).first()
    if earlier is not None:
        raise Conflict(
            _("You already applied to this opening on %(date)s.")
            % {"date": timezone.localtime(earlier.created_at).strftime("%Y-%m-%d")},
            code=RecruitmentErrorCode.APPLICATION_DUPLICATE,
        )
    candidate = candidate_create_for_person(
        actor=actor,
        person=person,
        applied_position=opening.position,
        source=_("Careers site") if external else _("Internal application"),
        request=request,
    )
    invitation = invitation_create(
        actor=actor,
        template=opening.interview_template,
        company=opening.company,
        candidate=candidate,
        send=external and invitation_email and bool(person.email),
    )
    try:
        with transaction.atomic():
            application = Application.objects.create(
                opening=opening,
                person=person,
                candidate=candidate,
                source=Application.Source.EXTERNAL if external else Application.Source.INTERNAL,
                status=Application.Status.AI_INTERVIEW,
                motivation=motivation,
                invitation=invitation,
                consented_at=consented_at,
            )
    except IntegrityError:  # a second tab won the race past the check above
        raise Conflict(
            _("You already applied to this opening."), code=RecruitmentErrorCode.APPLICATION_DUPLICATE
        ) from None
    audit_record(actor=actor, action=AuditEvent.Action.CREATE, target=application, request=request)
    if resume is not None:
        _resume_store(application=application, resume=resume)
    return application


def _resume_store(*, application: Application, resume: ResumeUpload) -> Resume:
    """Keep the file under a random name and extract its text once the application is committed."""
    stored = Resume(
        application=application,
        person=application.person,
        original_name=resume.original_name[:255],
        content_type=resume.content_type,
        size=len(resume.content),
        sha256=hashlib.sha256(resume.content).hexdigest(),
    )
    stored.file.save("resume", ContentFile(resume.content), save=False)
    stored.save()
    resume_id = stored.pk
    transaction.on_commit(lambda: extract_resume_text_task.delay(resume_id))
    return stored


@transaction.atomic
def application_withdraw(*, actor: Any, application: Application, request: HttpRequest | None = None) -> Application:
    """The applicant withdraws. An interview not yet submitted has its link revoked; a submitted one is kept."""
    application = (
        Application.objects.select_for_update(of=("self",)).select_related("invitation__session").get(pk=application.pk)
    )
    if application.status == Application.Status.WITHDRAWN:
        raise Conflict(_("This application was already withdrawn."), code=RecruitmentErrorCode.APPLICATION_STATUS)
    invitation = application.invitation
    if invitation is not None and invitation_status(invitation) != InvitationStatus.SUBMITTED:
        invitation_revoke(actor=actor, invitation=invitation)
    old = application.status
    application.status = Application.Status.WITHDRAWN
    application.withdrawn_at = timezone.now()
    application.save(update_fields=["status", "withdrawn_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        target=application,
        changes={"status": [old, application.status]},
        request=request,
    )
    return application


@transaction.atomic
def person_applications_erase(*, person_id: int) -> dict[str, int]:
    """Erase what the person wrote in their applications (the motivation); the rows stay for funnel counts and
    point at the anonymised person. Safe to run twice."""
    count = Application.objects.filter(person_id=person_id).exclude(motivation="").update(motivation="")
    return {"application_motivations_erased": count} if count else {}
