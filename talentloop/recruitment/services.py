"""Writes owned by recruitment: openings (create, update, open, close, stages), applications (create, withdraw,
move, reject, hire, in bulk), scorecards, and the AI-interview hook that may advance an application.

Every write validates first and raises before touching the database, so a refused call writes nothing. An
application creates its AI interview invitation through the interviews app's own service in the same
transaction: the application and its invitation exist together or not at all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from talentloop.accounts.models import User
from talentloop.competencies.models import Dimension, JobProfile
from talentloop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.interviews.models import InterviewTemplate, Invitation
from talentloop.interviews.services.invitations import (
    InvitationStatus,
    invitation_create,
    invitation_revoke,
    invitation_status,
)
from talentloop.org.models import Candidate, Company, Department, Employee, Person, Position, Role, RoleGrant
from talentloop.org.services import candidate_create_for_person
from talentloop.recruitment.errors import RecruitmentErrorCode
from talentloop.recruitment.models import (
    DEFAULT_STAGES,
    MAX_HEADCOUNT,
    MAX_MOTIVATION_CHARACTERS,
    Application,
    Opening,
    PipelineStage,
    Resume,
    Scorecard,
    ScorecardRating,
    StageMove,
)
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
    auto_advance_on_ai_pass: bool = False
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
    """The opening's fields from ``data``."""
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
        "auto_advance_on_ai_pass": bool(data.auto_advance_on_ai_pass),
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
    PipelineStage.objects.bulk_create(
        PipelineStage(opening=opening, name=name, name_en=name_en, kind=kind, position=position)
        for position, (name, name_en, kind) in enumerate(DEFAULT_STAGES, start=1)
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


def _user_or_none(actor: Any) -> User | None:
    return actor if isinstance(actor, User) and actor.pk is not None else None


def _entry_stage(opening: Opening) -> PipelineStage:
    """Where a new application starts: the opening's (first) AI interview stage, else its first stage."""
    stages = list(opening.stages.all())
    if not stages:  # an opening made before stages existed and not migrated: give it the defaults now
        PipelineStage.objects.bulk_create(
            PipelineStage(opening=opening, name=name, name_en=name_en, kind=kind, position=position)
            for position, (name, name_en, kind) in enumerate(DEFAULT_STAGES, start=1)
        )
        stages = list(opening.stages.all())
    return next((stage for stage in stages if stage.kind == PipelineStage.Kind.AI_INTERVIEW), stages[0])


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
    stage = _entry_stage(opening)
    now = timezone.now()
    try:
        with transaction.atomic():
            application = Application.objects.create(
                opening=opening,
                person=person,
                candidate=candidate,
                source=Application.Source.EXTERNAL if external else Application.Source.INTERNAL,
                status=Application.Status.ACTIVE,
                stage=stage,
                stage_entered_at=now,
                motivation=motivation,
                invitation=invitation,
                consented_at=consented_at,
            )
            StageMove.objects.create(
                application=application,
                from_stage=None,
                to_stage=stage,
                from_status=Application.Status.ACTIVE,
                to_status=Application.Status.ACTIVE,
                actor=_user_or_none(actor),
                moved_at=now,
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
def application_add_candidate(
    *,
    actor: Any,
    opening: Opening,
    candidate: Candidate,
    invitation: Invitation | None = None,
    request: HttpRequest | None = None,
) -> Application:
    """HR puts a known candidate on an opening's pipeline, at its AI interview stage.

    ``invitation`` (their invitation to the opening's interview, not yet tied to another application) is reused so
    an interview already taken counts; without one they are invited now (not sent: HR sends it from the candidate's
    page). Refused with nothing written: an opening that is not open, a second application of the same person, an
    invitation of someone else or to another interview."""
    opening = (
        Opening.objects.select_for_update(of=("self",))
        .select_related("interview_template", "company")
        .get(pk=opening.pk)
    )
    if opening.status != Opening.Status.OPEN or opening.interview_template is None:
        raise Conflict(_("This opening is not taking applications."), code=RecruitmentErrorCode.OPENING_NOT_OPEN)
    if Application.objects.filter(opening=opening, person_id=candidate.person_id).exists():
        raise Conflict(
            _("%(person)s already applied to this opening.") % {"person": candidate.person.full_name},
            code=RecruitmentErrorCode.APPLICATION_DUPLICATE,
        )
    if invitation is not None and (
        invitation.candidate_id != candidate.pk
        or invitation.template_id != opening.interview_template_id
        or Application.objects.filter(invitation=invitation).exists()
    ):
        raise ValidationFailed(
            _("This invitation is not this candidate's invitation to the opening's interview."),
            code=RecruitmentErrorCode.APPLICATION_INVALID,
            fields={"invitation": [_("Choose another invitation.")]},
        )
    if invitation is None:
        invitation = invitation_create(
            actor=actor, template=opening.interview_template, company=opening.company, candidate=candidate, send=False
        )
    employee = Employee.objects.filter(person_id=candidate.person_id, status=Employee.Status.ACTIVE).exists()
    stage = _entry_stage(opening)
    now = timezone.now()
    application = Application.objects.create(
        opening=opening,
        person_id=candidate.person_id,
        candidate=candidate,
        source=Application.Source.INTERNAL if employee else Application.Source.EXTERNAL,
        status=Application.Status.ACTIVE,
        stage=stage,
        stage_entered_at=now,
        invitation=invitation,
    )
    StageMove.objects.create(
        application=application,
        from_stage=None,
        to_stage=stage,
        from_status=Application.Status.ACTIVE,
        to_status=Application.Status.ACTIVE,
        actor=_user_or_none(actor),
        moved_at=now,
    )
    audit_record(actor=actor, action=AuditEvent.Action.CREATE, target=application, request=request)
    return application


@transaction.atomic
def application_withdraw(*, actor: Any, application: Application, request: HttpRequest | None = None) -> Application:
    """The applicant withdraws. An interview not yet submitted has its link revoked; a submitted one is kept."""
    application = (
        Application.objects.select_for_update(of=("self",)).select_related("invitation__session").get(pk=application.pk)
    )
    if application.status == Application.Status.WITHDRAWN:
        raise Conflict(_("This application was already withdrawn."), code=RecruitmentErrorCode.APPLICATION_STATUS)
    if application.status != Application.Status.ACTIVE:
        raise Conflict(
            _("This application was already decided (%(status)s).") % {"status": application.get_status_display()},
            code=RecruitmentErrorCode.APPLICATION_STATUS,
        )
    invitation = application.invitation
    if invitation is not None and invitation_status(invitation) != InvitationStatus.SUBMITTED:
        invitation_revoke(actor=actor, invitation=invitation)
    old = application.status
    now = timezone.now()
    application.status = Application.Status.WITHDRAWN
    application.withdrawn_at = now
    application.decided_at = now
    application.save(update_fields=["status", "withdrawn_at", "decided_at", "updated_at"])
    StageMove.objects.create(
        application=application,
        from_stage_id=application.stage_id,
        to_stage_id=application.stage_id,
        from_status=old,
        to_status=Application.Status.WITHDRAWN,
        actor=_user_or_none(actor),
        moved_at=now,
    )
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
    """Erase what the person wrote in their applications (the motivation) and what staff wrote about them in the
    pipeline (rejection, move and scorecard notes); the rows, reasons and ratings stay for funnel counts and audits
    and point at the anonymised person. Safe to run twice."""
    count = Application.objects.filter(person_id=person_id).exclude(motivation="").update(motivation="")
    result = {"application_motivations_erased": count} if count else {}
    # What staff wrote about the person in the pipeline: rejection notes, notes on moves, scorecard notes.
    notes = Application.objects.filter(person_id=person_id).exclude(rejection_note="").update(rejection_note="")
    moves = StageMove.objects.filter(application__person_id=person_id, actor__isnull=False)
    notes += moves.exclude(note="").update(note="")
    notes += Scorecard.objects.filter(application__person_id=person_id).exclude(notes="").update(notes="")
    ratings = ScorecardRating.objects.filter(scorecard__application__person_id=person_id)
    notes += ratings.exclude(note="").update(note="")
    if notes:
        result["pipeline_notes_erased"] = notes
    return result


# ---------------------------------------------------------------------------------------------------------------
# The pipeline: stages, moves, rejections, hires, bulk actions, scorecards, the AI-interview hook
# ---------------------------------------------------------------------------------------------------------------

MAX_STAGE_NAME_CHARACTERS = 100
MAX_STAGES = 20
MAX_NOTE_CHARACTERS = 1000
MAX_BULK = 200
# Reasons on StageMove rows that record why automation did nothing (no stage or status change).
AUTOMATION_HELD_HUMAN_REVIEW = "automation_held_human_review"


@dataclass
class StageInput:
    """One stage as HR wants it: ``id`` of an existing stage of the opening, or None for a new one."""

    name: str
    kind: str
    name_en: str = ""
    id: int | None = None


@transaction.atomic
def opening_stages_update(
    *, actor: Any, opening: Opening, stages: list[StageInput], request: HttpRequest | None = None
) -> list[PipelineStage]:
    """Replace an opening's stages by ``stages`` in that order: rename, reorder, add, remove in one go.

    Refused with nothing written: an empty name, an unknown kind, an id of another opening's stage, no AI interview
    stage, a hired stage that is not the last one (or more than one), and removing a stage that applications are at
    or passed through (rename it instead)."""
    opening = Opening.objects.select_for_update().get(pk=opening.pk)
    existing = {stage.pk: stage for stage in opening.stages.all()}
    errors: dict[str, list[str]] = {}

    def add(message: str) -> None:
        errors.setdefault("stages", []).append(message)

    if not stages:
        add(_("Keep at least one stage."))
    if len(stages) > MAX_STAGES:
        add(_("Use at most %(limit)d stages.") % {"limit": MAX_STAGES})
    seen: set[int] = set()
    for number, item in enumerate(stages, start=1):
        if not item.name.strip():
            add(_("Stage %(number)d needs a name.") % {"number": number})
        elif max(len(item.name.strip()), len(item.name_en.strip())) > MAX_STAGE_NAME_CHARACTERS:
            add(_("Stage %(number)d: use at most 100 characters.") % {"number": number})
        if item.kind not in PipelineStage.Kind.values:
            add(_("Stage %(number)d: choose what kind of stage it is.") % {"number": number})
        if item.id is not None:
            if item.id not in existing or item.id in seen:
                add(_("Stage %(number)d is not a stage of this opening.") % {"number": number})
            seen.add(item.id)
    kinds = [item.kind for item in stages]
    if stages and PipelineStage.Kind.AI_INTERVIEW not in kinds:
        add(_("Keep an AI interview stage: applications start there."))
    hired = [index for index, kind in enumerate(kinds) if kind == PipelineStage.Kind.HIRED]
    if len(hired) != 1 or (stages and hired[0] != len(stages) - 1):
        add(_("Keep exactly one hired stage, as the last stage."))
    removed = [stage for pk, stage in existing.items() if pk not in seen]
    for stage in removed:
        in_use = (
            Application.objects.filter(stage=stage).exists()
            or StageMove.objects.filter(Q(from_stage=stage) | Q(to_stage=stage)).exists()
            or Scorecard.objects.filter(stage=stage).exists()
        )
        if in_use:
            add(
                _("“%(stage)s” has applications (now or in their history) and cannot be removed; rename it instead.")
                % {"stage": stage.name}
            )
    if errors:
        raise ValidationFailed(
            _("The stages could not be saved: %(problems)s") % {"problems": " ".join(errors["stages"])},
            code=RecruitmentErrorCode.STAGE_INVALID,
            fields=errors,
        )
    before = [[stage.pk, stage.name, stage.kind] for stage in existing.values()]
    PipelineStage.objects.filter(pk__in=[stage.pk for stage in removed]).delete()
    # Two passes so the (opening, position) uniqueness holds at every step.
    kept = [item.id for item in stages if item.id is not None]
    for offset, pk in enumerate(kept, start=1):
        PipelineStage.objects.filter(pk=pk).update(position=MAX_STAGES * 100 + offset)
    result: list[PipelineStage] = []
    for position, item in enumerate(stages, start=1):
        values = {"name": item.name.strip(), "name_en": item.name_en.strip(), "kind": item.kind, "position": position}
        if item.id is None:
            result.append(PipelineStage.objects.create(opening=opening, **values))
        else:
            PipelineStage.objects.filter(pk=item.id).update(**values)
            result.append(PipelineStage.objects.get(pk=item.id))
    after = [[stage.pk, stage.name, stage.kind] for stage in result]
    if before != after:
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            target=opening,
            changes={"stages": [before, after]},
            request=request,
        )
    return result


def _status_refusal(application: Application) -> Conflict | None:
    if application.status == Application.Status.ACTIVE:
        return None
    return Conflict(
        _("%(person)s's application is %(status)s and can no longer move.")
        % {"person": application.person, "status": application.get_status_display()},
        code=RecruitmentErrorCode.APPLICATION_STATUS,
    )


def _note_clean(note: str) -> str:
    note = (note or "").strip()
    if len(note) > MAX_NOTE_CHARACTERS:
        raise ValidationFailed(
            _("Keep the note to at most %(limit)d characters.") % {"limit": MAX_NOTE_CHARACTERS},
            code=RecruitmentErrorCode.MOVE_INVALID,
            fields={"note": [_("Too long.")]},
        )
    return note


def _move_check(application: Application, to_stage: PipelineStage) -> None:
    refusal = _status_refusal(application)
    if refusal is not None:
        raise refusal
    if to_stage.opening_id != application.opening_id:
        raise ValidationFailed(
            _("Choose one of this opening's stages."),
            code=RecruitmentErrorCode.MOVE_INVALID,
            fields={"to_stage": [_("Not a stage of this opening.")]},
        )
    if to_stage.pk == application.stage_id:
        raise Conflict(
            _("%(person)s is already at %(stage)s.") % {"person": application.person, "stage": to_stage.label},
            code=RecruitmentErrorCode.MOVE_INVALID,
        )


def _move_apply(
    application: Application, to_stage: PipelineStage, *, actor: User | None, note: str, request: HttpRequest | None
) -> StageMove:
    """Move a locked, checked application; reaching the hired stage hires it."""
    now = timezone.now()
    from_stage_id = application.stage_id
    old_status = application.status
    application.stage = to_stage
    application.stage_entered_at = now
    fields = ["stage", "stage_entered_at", "updated_at"]
    if to_stage.kind == PipelineStage.Kind.HIRED:
        application.status = Application.Status.HIRED
        application.decided_at = now
        fields += ["status", "decided_at"]
    application.save(update_fields=fields)
    move = StageMove.objects.create(
        application=application,
        from_stage_id=from_stage_id,
        to_stage=to_stage,
        from_status=old_status,
        to_status=application.status,
        actor=actor,
        note=note,
        moved_at=now,
    )
    changes: dict[str, list[Any]] = {"stage": [from_stage_id, to_stage.pk]}
    if old_status != application.status:
        changes["status"] = [old_status, application.status]
    audit_record(actor=actor, action=AuditEvent.Action.UPDATE, target=application, changes=changes, request=request)
    return move


def _locked(application_id: int) -> Application:
    return Application.objects.select_for_update(of=("self",)).select_related("person", "stage").get(pk=application_id)


@transaction.atomic
def application_move(
    *, actor: Any, application: Application, to_stage: PipelineStage, note: str = "", request: HttpRequest | None = None
) -> StageMove:
    """Move an active application to another stage of its opening (any direction); the hired stage hires it.

    Refused with nothing written: a rejected, withdrawn or hired application, another opening's stage, the stage it
    is at already, a note over 1000 characters."""
    application = _locked(application.pk)
    note = _note_clean(note)
    _move_check(application, to_stage)
    return _move_apply(application, to_stage, actor=_user_or_none(actor), note=note, request=request)


@transaction.atomic
def application_hire(
    *, actor: Any, application: Application, note: str = "", request: HttpRequest | None = None
) -> StageMove:
    """Hire: move the application to its opening's hired stage."""
    application = _locked(application.pk)
    stage = PipelineStage.objects.filter(opening_id=application.opening_id, kind=PipelineStage.Kind.HIRED).first()
    if stage is None:
        raise Conflict(_("This opening has no hired stage."), code=RecruitmentErrorCode.MOVE_INVALID)
    note = _note_clean(note)
    _move_check(application, stage)
    return _move_apply(application, stage, actor=_user_or_none(actor), note=note, request=request)


def _rejection_check(reason: str, note: str) -> str:
    note = (note or "").strip()
    errors: dict[str, list[str]] = {}
    if reason not in Application.RejectionReason.values:
        errors["reason"] = [_("Choose a reason for the rejection.")]
    elif reason == Application.RejectionReason.OTHER and not note:
        errors["note"] = [_("Say in a note why, when the reason is “Other”.")]
    if len(note) > MAX_NOTE_CHARACTERS:
        errors["note"] = [_("Keep the note to at most %(limit)d characters.") % {"limit": MAX_NOTE_CHARACTERS}]
    if errors:
        raise ValidationFailed(
            _("The rejection could not be saved: check the marked fields."),
            code=RecruitmentErrorCode.REJECTION_INVALID,
            fields=errors,
        )
    return note


def _reject_apply(
    application: Application, *, actor: User | None, reason: str, note: str, request: HttpRequest | None
) -> StageMove:
    now = timezone.now()
    old_status = application.status
    application.status = Application.Status.REJECTED
    application.rejection_reason = reason
    application.rejection_note = note
    application.decided_at = now
    application.save(update_fields=["status", "rejection_reason", "rejection_note", "decided_at", "updated_at"])
    move = StageMove.objects.create(
        application=application,
        from_stage_id=application.stage_id,
        to_stage_id=application.stage_id,
        from_status=old_status,
        to_status=Application.Status.REJECTED,
        actor=actor,
        reason=reason,
        note=note,
        moved_at=now,
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        target=application,
        changes={"status": [old_status, application.status], "rejection_reason": ["", reason]},
        request=request,
    )
    return move


@transaction.atomic
def application_reject(
    *, actor: Any, application: Application, reason: str, note: str = "", request: HttpRequest | None = None
) -> StageMove:
    """Reject an active application with a reason (``Application.RejectionReason``; "other" needs a note). Only a
    person does this: automation never rejects. Refused with nothing written: an unknown reason, "other" without a
    note, an application that is not active."""
    application = _locked(application.pk)
    note = _rejection_check(reason, note)
    refusal = _status_refusal(application)
    if refusal is not None:
        raise refusal
    return _reject_apply(application, actor=_user_or_none(actor), reason=reason, note=note, request=request)


def _bulk_lock(opening: Opening, application_ids: Iterable[int]) -> list[Application]:
    ids = list(dict.fromkeys(int(pk) for pk in application_ids))
    if not ids:
        raise ValidationFailed(
            _("Select at least one application."),
            code=RecruitmentErrorCode.BULK_INVALID,
            fields={"applications": [_("Select at least one application.")]},
        )
    if len(ids) > MAX_BULK:
        raise ValidationFailed(
            _("Select at most %(limit)d applications at once.") % {"limit": MAX_BULK},
            code=RecruitmentErrorCode.BULK_INVALID,
            fields={"applications": [_("Too many.")]},
        )
    found = {
        application.pk: application
        for application in Application.objects.select_for_update(of=("self",))
        .select_related("person", "stage")
        .filter(pk__in=ids, opening=opening)
    }
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise ValidationFailed(
            _("Some selected applications are not applications to this opening: %(ids)s.")
            % {"ids": ", ".join(str(pk) for pk in missing)},
            code=RecruitmentErrorCode.BULK_INVALID,
            fields={"applications": [str(pk) for pk in missing]},
        )
    return [found[pk] for pk in ids]


def _bulk_refuse(problems: list[str]) -> None:
    if problems:
        raise ValidationFailed(
            _("Nothing was changed: %(problems)s") % {"problems": " ".join(problems)},
            code=RecruitmentErrorCode.BULK_INVALID,
            fields={"applications": problems},
        )


@transaction.atomic
def applications_bulk_move(
    *,
    actor: Any,
    opening: Opening,
    application_ids: Iterable[int],
    to_stage: PipelineStage,
    note: str = "",
    request: HttpRequest | None = None,
) -> list[StageMove]:
    """Move several applications of one opening to one stage: all of them or, when any one cannot move, none (the
    error names each application that could not, and why)."""
    applications = _bulk_lock(opening, application_ids)
    note = _note_clean(note)
    problems: list[str] = []
    for application in applications:
        try:
            _move_check(application, to_stage)
        except (Conflict, ValidationFailed) as error:
            problems.append(error.message)
    _bulk_refuse(problems)
    user = _user_or_none(actor)
    return [_move_apply(application, to_stage, actor=user, note=note, request=request) for application in applications]


@transaction.atomic
def applications_bulk_reject(
    *,
    actor: Any,
    opening: Opening,
    application_ids: Iterable[int],
    reason: str,
    note: str = "",
    request: HttpRequest | None = None,
) -> list[StageMove]:
    """Reject several applications of one opening with one reason: all of them or none (errors name each)."""
    note = _rejection_check(reason, note)
    applications = _bulk_lock(opening, application_ids)
    problems: list[str] = []
    for application in applications:
        refusal = _status_refusal(application)
        if refusal is not None:
            problems.append(refusal.message)
    _bulk_refuse(problems)
    user = _user_or_none(actor)
    return [
        _reject_apply(application, actor=user, reason=reason, note=note, request=request)
        for application in applications
    ]


def scorecard_dimensions(application: Application) -> list[Dimension]:
    """The dimensions a scorecard rates: the opening's job profile's, in the profile's order."""
    profile_id = application.opening.job_profile_id
    if profile_id is None:
        return []
    return list(
        Dimension.objects.filter(requirements__profile_id=profile_id)
        .prefetch_related("anchors")
        .order_by("requirements__pk")
    )


@transaction.atomic
def scorecard_submit(
    *,
    actor: Any,
    application: Application,
    recommendation: str,
    ratings: Mapping[int, Any],
    notes: str = "",
    rating_notes: Mapping[int, str] | None = None,
    request: HttpRequest | None = None,
) -> Scorecard:
    """An interviewer's scorecard for the human interview round the application is at.

    ``ratings`` maps every dimension id of the opening's job profile to 1..5 (the same anchored scale as the AI
    interview). Refused with nothing written: an application not active or not at a human interview stage, a
    missing or out-of-range rating, a rating of a dimension outside the profile, an unknown recommendation, a
    second scorecard by the same interviewer for the same round. Who may submit is checked by
    ``recruitment.access.scorecard_check_submit`` at the edge."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("stage", "opening", "person")
        .get(pk=application.pk)
    )
    refusal = _status_refusal(application)
    if refusal is not None:
        raise refusal
    stage = application.stage
    if stage is None or stage.kind != PipelineStage.Kind.HUMAN_INTERVIEW:
        raise Conflict(
            _("Scorecards are for human interview rounds; this application is not at one."),
            code=RecruitmentErrorCode.SCORECARD_INVALID,
        )
    dimensions = scorecard_dimensions(application)
    errors: dict[str, list[str]] = {}
    if not dimensions:
        errors["ratings"] = [_("The opening has no job profile dimensions to rate.")]
    if recommendation not in Scorecard.Recommendation.values:
        errors["recommendation"] = [_("Choose a recommendation.")]
    known = {dimension.pk for dimension in dimensions}
    parsed: dict[int, int] = {}
    for dimension in dimensions:
        raw = ratings.get(dimension.pk)
        try:
            value = int(str(raw).strip())
        except (TypeError, ValueError):
            errors.setdefault(f"rating_{dimension.pk}", []).append(
                _("Rate %(dimension)s from 1 to 5.") % {"dimension": dimension.name}
            )
            continue
        if not 1 <= value <= 5:
            errors.setdefault(f"rating_{dimension.pk}", []).append(
                _("Rate %(dimension)s from 1 to 5.") % {"dimension": dimension.name}
            )
            continue
        parsed[dimension.pk] = value
    extra = [key for key in ratings if int(key) not in known]
    if extra:
        errors.setdefault("ratings", []).append(_("Rate only the dimensions of the opening's job profile."))
    notes = (notes or "").strip()
    if len(notes) > MAX_NOTE_CHARACTERS * 5:
        errors["notes"] = [_("Keep the notes to at most %(limit)d characters.") % {"limit": MAX_NOTE_CHARACTERS * 5}]
    if errors:
        raise ValidationFailed(
            _("The scorecard could not be saved: check the marked fields."),
            code=RecruitmentErrorCode.SCORECARD_INVALID,
            fields=errors,
        )
    user = _user_or_none(actor)
    if user is None:
        raise PermissionDenied(_("Sign in to submit a scorecard."))
    if Scorecard.objects.filter(application=application, stage=stage, interviewer=user).exists():
        raise Conflict(
            _("You already submitted a scorecard for this round."), code=RecruitmentErrorCode.SCORECARD_DUPLICATE
        )
    scorecard = Scorecard.objects.create(
        application=application,
        stage=stage,
        interviewer=user,
        recommendation=recommendation,
        notes=notes,
        submitted_at=timezone.now(),
    )
    notes_by_dimension = rating_notes or {}
    ScorecardRating.objects.bulk_create(
        ScorecardRating(
            scorecard=scorecard,
            dimension_id=pk,
            rating=value,
            note=(notes_by_dimension.get(pk) or "").strip()[:MAX_NOTE_CHARACTERS],
        )
        for pk, value in parsed.items()
    )
    audit_record(actor=user, action=AuditEvent.Action.CREATE, target=scorecard, request=request)
    return scorecard


@transaction.atomic
def application_ai_result_apply(*, application_id: int) -> StageMove | None:
    """React to the application's scored AI interview; returns the move written, if any.

    Only ever advances, never rejects: a passed interview moves an active application from the AI interview stage to
    the next stage when the opening has ``auto_advance_on_ai_pass`` on. A failed one waits for HR. When the
    candidate asked for a human review of the interview (open or answered), nothing automatic happens and a history
    row records why (once). Safe to run twice."""
    from talentloop.assessments.selectors import session_score_get
    from talentloop.feedback.models import ReviewRequest

    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("opening", "stage", "invitation__session", "person")
        .filter(pk=application_id)
        .first()
    )
    if application is None or application.status != Application.Status.ACTIVE:
        return None
    stage = application.stage
    if stage is None or stage.kind != PipelineStage.Kind.AI_INTERVIEW:
        return None
    invitation = application.invitation
    session = getattr(invitation, "session", None) if invitation is not None else None
    if session is None:
        return None
    score = session_score_get(session=session)
    if score is None:
        return None
    if ReviewRequest.objects.filter(session=session, kind=ReviewRequest.Kind.HUMAN_REVIEW).exists():
        if application.moves.filter(reason=AUTOMATION_HELD_HUMAN_REVIEW).exists():
            return None
        return StageMove.objects.create(
            application=application,
            from_stage=stage,
            to_stage=stage,
            from_status=application.status,
            to_status=application.status,
            actor=None,
            reason=AUTOMATION_HELD_HUMAN_REVIEW,
            note=gettext_noop("The candidate asked for a human review: no automatic move."),
            moved_at=timezone.now(),
        )
    if not (application.opening.auto_advance_on_ai_pass and score.passed):
        return None
    following = (
        PipelineStage.objects.filter(opening_id=application.opening_id, position__gt=stage.position)
        .order_by("position")
        .first()
    )
    if following is None or following.kind == PipelineStage.Kind.HIRED:
        return None  # automation never hires
    return _move_apply(
        application,
        following,
        actor=None,
        note=gettext_noop("AI interview passed: advanced automatically."),
        request=None,
    )


def application_ai_result_after_scoring(*, session_id: int) -> None:
    """For the edge that submits an interview: once the submission commits, score it (a no-op when scored) and let
    the application of that interview react (``application_ai_result_apply``)."""
    from talentloop.recruitment.tasks import apply_ai_result_task

    transaction.on_commit(lambda: apply_ai_result_task.delay(session_id))
