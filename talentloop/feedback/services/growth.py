"""Building growth paths and recording the candidate's progress on them.

Who may call the item services is decided before, by ``talentloop.feedback.growth_access`` (owner-only writes).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from talentloop.assessments.selectors import session_score_get
from talentloop.competencies.models import Dimension
from talentloop.core.exceptions import Conflict, ValidationFailed
from talentloop.feedback.errors import GrowthErrorCode
from talentloop.feedback.growth_ranking import growth_plan
from talentloop.feedback.growth_selectors import dimension_results, library_options, missed_key_point_tips
from talentloop.feedback.models import GrowthPath, GrowthPathItem
from talentloop.interviews.models import InterviewSession
from talentloop.learning.models import Mentor

MAX_NOTE_LENGTH = 2000
_PROGRESS_FIELDS = ("status", "note", "evidence_text", "evidence_url", "enrolled_at", "completed_at")


def _item_key(item: GrowthPathItem) -> tuple[str, str, str]:
    identity = {
        GrowthPathItem.Kind.COURSE: item.course_id,
        GrowthPathItem.Kind.PROJECT: item.project_id,
        GrowthPathItem.Kind.MENTOR: item.mentor_id,
    }.get(GrowthPathItem.Kind(item.kind), item.key_point)
    return (item.kind, item.dimension.code, str(identity))


@transaction.atomic
def growth_path_build(*, session: InterviewSession, rebuild: bool = False, now: datetime | None = None) -> GrowthPath:
    """The interview's growth path, built from its newest stored score the first time and returned unchanged after
    that (idempotent). ``rebuild=True`` builds it again from the newest score and library, keeping the status,
    notes and evidence of every action that is still recommended. An unscored interview is refused with
    ``growth_not_scored``."""
    InterviewSession.objects.select_for_update().filter(pk=session.pk).first()
    existing = GrowthPath.objects.filter(session=session).first()
    if existing is not None and not rebuild:
        return existing
    score = session_score_get(session=session)
    if score is None:
        raise ValidationFailed(
            _("This interview has not been scored yet, so there is no growth path for it."),
            code=GrowthErrorCode.NOT_SCORED,
        )
    now = now or timezone.now()
    dimensions = dimension_results(dimensions=score.dimensions)
    gaps, actions = growth_plan(
        dimensions,
        missed_key_point_tips(session=session),
        library_options(dimension_codes=[d.code for d in dimensions]),
    )
    progress: dict[tuple[str, str, str], dict[str, Any]] = {}
    if existing is not None:
        for old in existing.items.select_related("dimension"):
            progress[_item_key(old)] = {name: getattr(old, name) for name in _PROGRESS_FIELDS}
        existing.items.all().delete()
        path = existing
        path.session_score = score
        path.gaps = [gap.as_dict() for gap in gaps]
        path.built_at = now
        path.save()
    else:
        path = GrowthPath.objects.create(
            person=session.invitation.candidate.person,
            session=session,
            session_score=score,
            gaps=[gap.as_dict() for gap in gaps],
            built_at=now,
        )
    dimension_by_code = {d.code: d for d in Dimension.objects.filter(code__in=[g.code for g in gaps])}
    items = []
    for action in actions:
        item = GrowthPathItem(
            path=path,
            rank=action.rank,
            kind=action.kind,
            dimension=dimension_by_code[action.gap.code],
            key_point=action.tip.key_point[:300] if action.tip else "",
            explanation=action.explanation,
            explanation_en=action.explanation_en,
            **({action.kind + "_id": action.item_id} if action.item_id is not None else {}),
        )
        for name, value in progress.get(_item_key(item), {}).items():
            setattr(item, name, value)
        items.append(item)
    GrowthPathItem.objects.bulk_create(items)
    return path


def _library_kind(item: GrowthPathItem) -> bool:
    return item.kind != GrowthPathItem.Kind.TIP


@transaction.atomic
def growth_item_enrol(*, item: GrowthPathItem, now: datetime | None = None) -> GrowthPathItem:
    """Start an action: enrol in the course or project, or ask the mentor (who must have a free place)."""
    item = GrowthPathItem.objects.select_for_update().get(pk=item.pk)
    if item.status != GrowthPathItem.Status.NOT_STARTED:
        raise Conflict(_("This action has already been started."), code=GrowthErrorCode.ITEM_STATUS)
    if item.kind == GrowthPathItem.Kind.MENTOR and item.mentor_id is not None:
        # Lock the mentor so two candidates asking at once cannot both take the last place.
        mentor = Mentor.objects.select_for_update().get(pk=item.mentor_id)
        taken = GrowthPathItem.objects.filter(mentor=mentor, status=GrowthPathItem.Status.ENROLLED).count()
        if not mentor.is_active or taken >= mentor.capacity:
            raise Conflict(
                _("This mentor has no free place at the moment. Try a course or project first."),
                code=GrowthErrorCode.MENTOR_FULL,
            )
    item.status = GrowthPathItem.Status.ENROLLED
    item.enrolled_at = now or timezone.now()
    item.save(update_fields=["status", "enrolled_at", "updated_at"])
    return item


@transaction.atomic
def growth_item_complete(
    *, item: GrowthPathItem, evidence_text: str = "", evidence_url: str = "", now: datetime | None = None
) -> GrowthPathItem:
    """Mark an action done. Courses, projects and mentoring need evidence: a few words on what was learnt or
    produced, or a link (a certificate, a repository)."""
    item = GrowthPathItem.objects.select_for_update().get(pk=item.pk)
    evidence_text, evidence_url = (evidence_text or "").strip(), (evidence_url or "").strip()
    fields: dict[str, list[str]] = {}
    if item.status == GrowthPathItem.Status.DONE:
        raise Conflict(_("This action is already done."), code=GrowthErrorCode.ITEM_STATUS)
    if evidence_url:
        try:
            URLValidator(schemes=["http", "https"])(evidence_url)
        except ValidationError:
            fields["evidence_url"] = [_("The link must be an http or https address.")]
    if len(evidence_text) > MAX_NOTE_LENGTH:
        fields["evidence_text"] = [_("Write at most 2000 characters.")]
    if fields:
        raise ValidationFailed(_("The evidence could not be saved."), fields=fields)
    if _library_kind(item) and not (evidence_text or evidence_url):
        raise ValidationFailed(
            _("Say what you learnt or produced, or give a link to a certificate or your work."),
            code=GrowthErrorCode.EVIDENCE_REQUIRED,
            fields={"evidence_text": [_("Add evidence, or a link.")]},
        )
    now = now or timezone.now()
    item.status = GrowthPathItem.Status.DONE
    item.enrolled_at = item.enrolled_at or now
    item.completed_at = now
    item.evidence_text, item.evidence_url = evidence_text, evidence_url
    item.save(update_fields=["status", "enrolled_at", "completed_at", "evidence_text", "evidence_url", "updated_at"])
    return item


def growth_item_note(*, item: GrowthPathItem, note: str) -> GrowthPathItem:
    """Keep a private note on an action (replaces the previous one)."""
    note = (note or "").strip()
    if len(note) > MAX_NOTE_LENGTH:
        raise ValidationFailed(
            _("The note could not be saved."), fields={"note": [_("Write at most 2000 characters.")]}
        )
    item.note = note
    item.save(update_fields=["note", "updated_at"])
    return item
