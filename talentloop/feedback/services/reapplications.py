"""Coming back stronger: a candidate who did not pass re-applies, and gets a new interview that emphasises the
dimensions they were weak in.

Who may call ``reapplication_create`` is decided before (the candidate's own interview:
``growth_access.growth_invitation_get_for_user`` or ``review_access.review_session_get_for_candidate``); whether
they may re-apply now, by ``reapplication_selectors.reapplication_eligibility_get``.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from talentloop.competencies.models import JobProfile
from talentloop.core.exceptions import ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.feedback.models import REAPPLICATION_MAX_COOLDOWN_DAYS, Reapplication, ReapplicationPolicy
from talentloop.feedback.reapplication_selectors import reapplication_eligibility_get
from talentloop.interviews.models import InterviewSession, TemplateQuestion
from talentloop.interviews.services.invitations import invitation_create
from talentloop.interviews.services.templates import template_archive, template_generate
from talentloop.org.models import Candidate
from talentloop.org.services import candidate_update

# A weak dimension's weight is multiplied by this when the re-interview's questions are shared out, so it gets
# about twice its usual share of the questions (see interviews.services.templates.template_questions_choose).
WEAK_DIMENSION_EMPHASIS = Decimal(2)
MAX_QUESTIONS = 30


def _questions_asked_before(*, person_id: int, job_profile: JobProfile) -> set[int]:
    """Every question of the person's earlier interviews for the job profile (from their templates, which stay
    when the answers are erased)."""
    return set(
        TemplateQuestion.objects.filter(
            template__invitations__candidate__person_id=person_id, template__job_profile=job_profile
        ).values_list("question_id", flat=True)
    )


def reapplication_create(
    *,
    actor: Any,
    session: InterviewSession,
    now: datetime | None = None,
    request: HttpRequest | None = None,
) -> Reapplication:
    """Re-apply after ``session``, an interview the candidate did not pass: a new interview for the same job
    profile, with as many questions as before, where the weak dimensions weigh ``WEAK_DIMENSION_EMPHASIS`` times
    more and questions asked before are avoided where the bank allows. The new interview gets a personal template
    (archived at once, so HR never invites anyone else to it) and an invitation, emailed when the candidate has an
    email address. A candidate marked *not selected* or *withdrawn* is back *in process*. Refused with the
    eligibility's code (409) otherwise; nothing is written or sent then."""
    now = now or timezone.now()
    with transaction.atomic():
        # Lock the interview so two clicks cannot both pass the "not re-applied yet" check.
        session = (
            InterviewSession.objects.select_for_update(of=("self",))
            .select_related("invitation__candidate__person__company", "invitation__template__job_profile__position")
            .get(pk=session.pk)
        )
        eligibility = reapplication_eligibility_get(session=session, now=now)
        if not eligibility.eligible:
            raise eligibility.error()
        previous = session.invitation
        candidate = previous.candidate
        profile = previous.template.job_profile
        weak_codes = [weak.code for weak in eligibility.weak_dimensions]
        asked = _questions_asked_before(person_id=candidate.person_id, job_profile=profile)
        template = template_generate(
            actor=actor,
            profile=profile,
            name=_("%(position)s re-interview · %(name)s")
            % {"position": profile.position.title, "name": candidate.person.full_name},
            count=min(max(session.question_count, 1), MAX_QUESTIONS),
            language=previous.template.language,
            allow_text=previous.template.allow_text,
            allow_voice=previous.template.allow_voice,
            emphasis=dict.fromkeys(weak_codes, WEAK_DIMENSION_EMPHASIS),
            avoid_question_ids=asked,
        )
        invitation = invitation_create(
            actor=actor,
            template=template,
            company=candidate.person.company,
            candidate=candidate,
            send=bool(candidate.person.email),
        )
        template_archive(actor=actor, template=template)
        if candidate.status in (Candidate.Status.REJECTED, Candidate.Status.WITHDRAWN):
            candidate_update(
                actor=actor, candidate=candidate, data={"status": Candidate.Status.ACTIVE}, request=request
            )
        items = list(template.items.select_related("question").order_by("order"))
        reapplication = Reapplication.objects.create(
            person=candidate.person,
            job_profile=profile,
            previous_session=session,
            invitation=invitation,
            basis=eligibility.basis,
            weak_dimensions=weak_codes,
            question_codes=[item.question.code for item in items],
            repeated_question_codes=[item.question.code for item in items if item.question_id in asked],
            requested_at=now,
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            target=reapplication,
            changes={"basis": reapplication.basis, "weak_dimensions": weak_codes, "invitation": invitation.pk},
            request=request,
        )
    return reapplication


def reapplication_policy_update(
    *,
    job_profile: JobProfile,
    actor: Any,
    is_open: bool,
    cooldown_days: int,
    early_after_growth_path: bool,
    request: HttpRequest | None = None,
) -> ReapplicationPolicy:
    """Set when candidates of ``job_profile`` who did not pass may re-apply; audited field by field."""
    if not 0 <= cooldown_days <= REAPPLICATION_MAX_COOLDOWN_DAYS:
        message = _("Use 0 to %(limit)d days.") % {"limit": REAPPLICATION_MAX_COOLDOWN_DAYS}
        raise ValidationFailed(_("Some settings are not valid."), fields={"cooldown_days": [message]})
    with transaction.atomic():
        policy, created = ReapplicationPolicy.objects.select_for_update().get_or_create(job_profile=job_profile)
        new = {"is_open": is_open, "cooldown_days": cooldown_days, "early_after_growth_path": early_after_growth_path}
        changes = {
            name: [getattr(policy, name), value] for name, value in new.items() if getattr(policy, name) != value
        }
        for name, value in new.items():
            setattr(policy, name, value)
        policy.save()
        if changes or created:
            audit_record(
                actor=actor,
                action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
                target=policy,
                changes=changes,
                request=request,
            )
    return policy


@transaction.atomic
def person_reapplications_erase(*, person_id: int) -> dict[str, int]:
    """Erasure at the person's request: forget which dimensions they were weak in and which questions they got.

    Kept: that they re-applied, when, and the links between the interviews (so the funnel still adds up; the
    interviews themselves are erased by their own room). Safe to run twice."""
    count = 0
    for reapplication in Reapplication.objects.filter(person_id=person_id).select_for_update():
        if not (reapplication.weak_dimensions or reapplication.question_codes or reapplication.repeated_question_codes):
            continue
        reapplication.weak_dimensions = []
        reapplication.question_codes = []
        reapplication.repeated_question_codes = []
        reapplication.save(update_fields=["weak_dimensions", "question_codes", "repeated_question_codes", "updated_at"])
        count += 1
    return {"reapplications": count} if count else {}
