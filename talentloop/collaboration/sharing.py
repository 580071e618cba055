"""Sharing an interview result with a hiring manager, the manager's one answer, and the HR task it may set off.

- ``result_share_create``: HR sends the result card (candidate, role, overall and per-dimension scores, two or three
  answer snippets, a link) to a hiring manager, by the ``result_shared`` notification; its ``card`` parameter makes
  the WeCom channel send a ``button_interaction`` template card. Sharing lets the manager see the interview: when
  the department rule does not, they are assigned to the candidate (audited), as a granted mention is.
- ``manager_respond``: the manager answers once — advance, reject, or a supplementary interview on some of the
  scored dimensions — on the web or with a WeCom card button. A second answer is refused and writes nothing. A
  supplementary request becomes an open ``HrTask`` for the HR user who shared.
- ``hr_task_schedule``: HR schedules the supplementary interview: a personal template with questions from the bank
  restricted to the requested dimensions (questions this interview asked are avoided), and an invitation to the same
  candidate.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from talentloop.accounts.models import User
from talentloop.collaboration.access import discussion_can_see
from talentloop.collaboration.errors import CollaborationErrorCode
from talentloop.collaboration.models import Comment, HrTask, ManagerResponse, ResultShare
from talentloop.collaboration.selectors import share_snippet_suggestions
from talentloop.collaboration.services import _answer_of_session, _quote_build, comment_create
from talentloop.core.exceptions import Conflict, NotFound, PermissionDenied, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.feedback.services.reports import report_build
from talentloop.interviews.models import InterviewSession, TemplateQuestion
from talentloop.interviews.services.invitations import invitation_create
from talentloop.interviews.services.templates import template_archive, template_generate
from talentloop.notifications.models import Kind
from talentloop.notifications.services import notification_send
from talentloop.org.access import actor_get
from talentloop.org.models import Role
from talentloop.org.services import candidate_colleague_assign

DIMENSION_COMPETENCY = "competency"
MIN_SNIPPETS = 2
MAX_SNIPPETS = 3
NOTE_MAX_LENGTH = 1000
# WeCom's button_interaction card takes at most 6 buttons: advance, reject and up to 4 supplementary ones.
MAX_SUPPLEMENTARY_BUTTONS = 4
TASK_DUE_DAYS = 3
QUESTIONS_PER_FOCUS_DIMENSION = 2
MAX_SUPPLEMENTARY_QUESTIONS = 6


def share_link(share: ResultShare) -> str:
    return reverse("console:result_share", args=[share.pk])


def hiring_managers() -> Any:
    """Active users who hold the hiring-manager role: the people a result can be shared with."""
    return User.objects.filter(is_active=True, role_grants__role=Role.HIRING_MANAGER).distinct().order_by("username")


def _manager_check(manager: Any) -> None:
    if manager is None or not manager.is_active or not actor_get(manager).has(Role.HIRING_MANAGER):
        message = _("Choose a hiring manager.")
        raise ValidationFailed(message, code=CollaborationErrorCode.SHARE_BAD_MANAGER, fields={"manager": [message]})


def share_snippets_clean(session: InterviewSession, snippets: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The quoted snippets (each checked against its answer's words), or the best evidence quotes by default."""
    available = share_snippet_suggestions(session=session)
    if snippets is None:
        chosen: list[dict[str, Any]] = []
        for suggestion in available:
            if suggestion["answer"] not in {item["answer"] for item in chosen}:
                chosen.append(suggestion)
        snippets = chosen[:MAX_SNIPPETS]
    answered = len({suggestion["answer"] for suggestion in available})
    least = min(MIN_SNIPPETS, answered) or 1
    if not least <= len(snippets) <= MAX_SNIPPETS:
        message = _("Choose %(least)s to %(most)s answer snippets.") % {"least": least, "most": MAX_SNIPPETS}
        raise ValidationFailed(message, code=CollaborationErrorCode.SHARE_BAD_SNIPPETS, fields={"snippets": [message]})
    quotes = []
    for item in snippets:
        try:
            answer = _answer_of_session(session, item.get("answer"))
            quote = _quote_build(session=session, answer=answer, snippet=str(item.get("snippet", "")))
        except ValidationFailed as error:
            raise ValidationFailed(
                error.message, code=CollaborationErrorCode.SHARE_BAD_SNIPPETS, fields={"snippets": [error.message]}
            ) from None
        quotes.append(quote)
    return quotes


def _dimension_name(entry: dict[str, Any]) -> str:
    if translation.get_language() == "en" and entry.get("name_en"):
        return str(entry["name_en"])
    return str(entry.get("name") or entry.get("code", ""))


def _score_text(value: float) -> str:
    return f"{value:.0f}"


def result_card_build(*, session: InterviewSession, snippets: list[dict[str, Any]], note: str) -> dict[str, Any]:
    """The result card in the active language: what the console shows and what the WeCom template card carries.

    ``buttons`` are advance, reject and a supplementary interview on each of the weakest dimensions (those below
    their required level first, then the lowest scores), at most six in all as WeCom allows."""
    report = report_build(session=session)
    if report is None:
        raise ValidationFailed(_("This interview has no score yet."), code=CollaborationErrorCode.SHARE_NOT_SCORED)
    content = report.content
    dimensions = [
        {
            "code": entry["code"],
            "name": _dimension_name(entry),
            "score": round(float(entry["score"]), 1),
            "meets_requirement": entry.get("meets_requirement"),
            "kind": entry.get("kind", DIMENSION_COMPETENCY),
        }
        for entry in content.get("dimensions", [])
    ]
    # Delivery dimensions (speech rate, pauses…) have no questions of their own to ask again.
    weakest = sorted(
        (entry for entry in dimensions if entry["kind"] == DIMENSION_COMPETENCY),
        key=lambda entry: (entry["meets_requirement"] is not False, entry["score"]),
    )
    overall = round(float(content.get("overall", 0.0)), 1)
    verdict = _("passed") if content.get("passed") else _("below the bar")
    buttons = [
        {"key": "advance", "text": _("Advance"), "style": 1},
        {"key": "reject", "text": _("Reject"), "style": 3},
    ] + [
        {"key": f"supplementary:{entry['code']}", "text": _("Probe %(name)s") % {"name": entry["name"]}, "style": 2}
        for entry in weakest[:MAX_SUPPLEMENTARY_BUTTONS]
    ]
    fields = [[_("Total"), f"{_score_text(overall)} · {verdict}"]] + [
        [entry["name"], _score_text(entry["score"])] for entry in dimensions[:5]
    ]
    quote = "\n".join(f"Q{item['order']}: {item['snippet']}" for item in snippets)
    return {
        "title": _("Interview result: %(name)s") % {"name": content.get("candidate", "")},
        "description": f"{content.get('position', '')} · {_score_text(overall)}",
        "candidate": content.get("candidate", ""),
        "position": content.get("position", ""),
        "overall": overall,
        "passed": bool(content.get("passed")),
        "dimensions": dimensions,
        "fields": fields,
        "quote": quote,
        "snippets": [
            {"answer": item["answer"], "order": item["order"], "question": item["question"], "snippet": item["snippet"]}
            for item in snippets
        ],
        "note": note,
        "buttons": buttons,
    }


def result_share_create(
    *,
    actor: Any,
    session: InterviewSession,
    manager: Any,
    snippets: list[dict[str, Any]] | None = None,
    note: str = "",
    request: HttpRequest | None = None,
) -> ResultShare:
    """HR shares ``session``'s result with a hiring manager: the card is stored and sent (WeCom card, email,
    in-app). ``snippets`` are 2–3 ``{"answer": id, "snippet": words}`` (default: the best evidence quotes).
    Refused, writing and sending nothing, when the actor is not HR, the manager is not a hiring manager, the
    interview has no score, the snippets do not fit, or the same manager still has this result unanswered."""
    if not actor_get(actor).is_hr:
        raise PermissionDenied(_("Only HR can share interview results."), code=CollaborationErrorCode.SHARE_NOT_ALLOWED)
    _manager_check(manager)
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        message = _("A note can be at most %(count)s characters.") % {"count": NOTE_MAX_LENGTH}
        raise ValidationFailed(message, fields={"note": [message]})
    if report_build(session=session) is None:
        raise ValidationFailed(_("This interview has no score yet."), code=CollaborationErrorCode.SHARE_NOT_SCORED)
    quotes = share_snippets_clean(session, snippets)
    if ResultShare.objects.filter(session=session, manager=manager, status=ResultShare.Status.OPEN).exists():
        raise Conflict(
            _("%(name)s already has this result and has not answered yet.") % {"name": str(manager)},
            code=CollaborationErrorCode.SHARE_ALREADY_ANSWERED,
        )
    with translation.override(getattr(manager, "preferred_language", "") or None):
        card = result_card_build(session=session, snippets=quotes, note=note)
    with transaction.atomic():
        if not discussion_can_see(manager, session):
            candidate_colleague_assign(
                actor=actor, candidate=session.invitation.candidate, user=manager, request=request
            )
        share = ResultShare.objects.create(
            session=session, shared_by=actor, manager=manager, note=note, snippets=quotes, card=card
        )
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            target=share,
            changes={"session": session.pk, "manager": manager.pk},
            request=request,
        )
        notification_send(
            recipient=manager,
            kind=Kind.RESULT_SHARED,
            params={
                "share": share.pk,
                "sender": str(actor),
                "candidate": card["candidate"],
                "position": card["position"],
                "card": card,
            },
            link=share_link(share),
            dedupe_key=f"result_share:{share.pk}",
        )
    return share


def decision_label(decision: str, dimension_names: list[str]) -> str:
    """What the manager decided, in the active language (the updated WeCom card's button says it)."""
    if decision == ManagerResponse.Decision.ADVANCE:
        return _("Advanced")
    if decision == ManagerResponse.Decision.REJECT:
        return _("Rejected")
    return _("Supplementary interview: %(names)s") % {"names": "、".join(dimension_names)}


def share_supplementary_choices(share: ResultShare) -> list[tuple[str, str]]:
    """The dimensions of the card a supplementary interview can focus on (its competencies), as (code, name)."""
    return [
        (entry["code"], entry["name"])
        for entry in share.card.get("dimensions", [])
        if entry.get("kind", DIMENSION_COMPETENCY) == DIMENSION_COMPETENCY
    ]


def share_dimension_names(share: ResultShare, codes: list[str]) -> list[str]:
    names = {entry["code"]: entry["name"] for entry in share.card.get("dimensions", [])}
    return [names.get(code, code) for code in codes]


def manager_respond(
    *,
    user: Any,
    share: ResultShare,
    decision: str,
    dimensions: list[str] | None = None,
    comment: str = "",
    channel: str = ManagerResponse.Channel.WEB,
    request: HttpRequest | None = None,
) -> ManagerResponse:
    """The manager the result was shared with answers it, once: advance, reject, or a supplementary interview on
    ``dimensions`` (codes the card scored). An optional ``comment`` goes to the interview's discussion. A
    supplementary request opens an HR task; the HR user who shared is told. Refused, writing nothing, when ``user``
    is not the share's manager (403), the answer is incomplete, or they already answered (409)."""
    if share.manager_id != getattr(user, "pk", None):
        raise PermissionDenied(
            _("Only the manager this result was shared with can answer it."),
            code=CollaborationErrorCode.SHARE_NOT_ALLOWED,
        )
    if decision not in ManagerResponse.Decision.values:
        message = _("Choose advance, reject or a supplementary interview.")
        raise ValidationFailed(
            message, code=CollaborationErrorCode.RESPONSE_BAD_DECISION, fields={"decision": [message]}
        )
    codes: list[str] = []
    if decision == ManagerResponse.Decision.SUPPLEMENTARY:
        scored = [code for code, _name in share_supplementary_choices(share)]
        requested = list(dict.fromkeys(code for code in (dimensions or []) if code))
        unknown = [code for code in requested if code not in scored]
        if not requested or unknown:
            message = _("Choose the dimensions the supplementary interview should focus on.")
            raise ValidationFailed(
                message, code=CollaborationErrorCode.RESPONSE_BAD_DIMENSIONS, fields={"dimensions": [message]}
            )
        codes = [code for code in scored if code in requested]
    with transaction.atomic():
        locked = (
            ResultShare.objects.select_for_update(of=("self",)).select_related("session", "shared_by").get(pk=share.pk)
        )
        previous = ManagerResponse.objects.filter(share=locked, responder=user).first()
        if previous is not None:
            raise Conflict(
                _("You already answered this result: %(decision)s.")
                % {"decision": decision_label(previous.decision, share_dimension_names(locked, previous.dimensions))},
                code=CollaborationErrorCode.SHARE_ALREADY_ANSWERED,
            )
        written: Comment | None = None
        if (comment or "").strip():
            written = comment_create(author=user, session=locked.session, body=comment, request=request)
        try:
            with transaction.atomic():
                response = ManagerResponse.objects.create(
                    share=locked, responder=user, decision=decision, dimensions=codes, comment=written, channel=channel
                )
        except IntegrityError:
            raise Conflict(
                _("You already answered this result."), code=CollaborationErrorCode.SHARE_ALREADY_ANSWERED
            ) from None
        locked.status = ResultShare.Status.ANSWERED
        locked.save(update_fields=["status"])
        if decision == ManagerResponse.Decision.SUPPLEMENTARY:
            HrTask.objects.create(
                kind=HrTask.Kind.SUPPLEMENTARY_INTERVIEW,
                session=locked.session,
                share=locked,
                focus_dimensions=codes,
                assignee=locked.shared_by,
                due_date=timezone.localdate() + timedelta(days=TASK_DUE_DAYS),
            )
        audit_record(
            actor=user,
            action=AuditEvent.Action.CREATE,
            target=response,
            changes={"decision": decision, "dimensions": codes, "channel": channel},
            request=request,
        )
        if locked.shared_by is not None:
            notification_send(
                recipient=locked.shared_by,
                kind=Kind.MANAGER_RESPONDED,
                params={
                    "share": locked.pk,
                    "manager": str(user),
                    "candidate": locked.card.get("candidate", ""),
                    "decision": decision,
                    "dimensions": share_dimension_names(locked, codes),
                },
                link=share_link(locked),
                dedupe_key=f"manager_response:{response.pk}",
            )
    share.status = locked.status
    return response


def share_comment_create(*, user: Any, share: ResultShare, body: str, request: HttpRequest | None = None) -> Comment:
    """A comment on the shared interview from the card's page or a WeCom text reply (the manager, or HR). When
    the manager's answer has no comment yet, this becomes it."""
    if not discussion_can_see(user, share.session):
        raise NotFound(_("Interview not found."))
    with transaction.atomic():
        comment = comment_create(author=user, session=share.session, body=body, request=request)
        ManagerResponse.objects.filter(share=share, responder=user, comment__isnull=True).update(comment=comment)
    return comment


def _asked_question_ids(session: InterviewSession) -> set[int]:
    return set(
        TemplateQuestion.objects.filter(
            template__invitations__candidate_id=session.invitation.candidate_id,
            template__job_profile_id=session.invitation.template.job_profile_id,
        ).values_list("question_id", flat=True)
    )


def hr_task_schedule(
    *,
    actor: Any,
    task: HrTask,
    valid_days: int | None = None,
    due_date: date | None = None,
    request: HttpRequest | None = None,
) -> HrTask:
    """Schedule an open supplementary-interview task: a personal template (archived at once, so nobody else is
    invited to it) with questions from the bank on the task's focus dimensions, avoiding questions the candidate
    was asked before where the bank allows, and an invitation to the same candidate (emailed when they have an
    address). Refused, writing nothing, for anyone but HR or a task that is not open."""
    if not actor_get(actor).is_hr:
        raise PermissionDenied(_("Only HR can schedule interviews."))
    with transaction.atomic():
        task = (
            HrTask.objects.select_for_update(of=("self",))
            .select_related("session__invitation__candidate__person__company", "session__invitation__template")
            .get(pk=task.pk)
        )
        if task.status != HrTask.Status.OPEN:
            raise Conflict(
                _("This task is %(status)s, not open.") % {"status": task.get_status_display()},
                code=CollaborationErrorCode.TASK_NOT_OPEN,
            )
        previous = task.session.invitation
        candidate = previous.candidate
        profile = previous.template.job_profile
        count = min(MAX_SUPPLEMENTARY_QUESTIONS, QUESTIONS_PER_FOCUS_DIMENSION * max(len(task.focus_dimensions), 1))
        template = template_generate(
            actor=actor,
            profile=profile,
            name=_("%(position)s supplementary interview · %(name)s")
            % {"position": profile.position.title, "name": candidate.person.full_name},
            count=count,
            language=previous.template.language,
            allow_text=previous.template.allow_text,
            allow_voice=previous.template.allow_voice,
            avoid_question_ids=_asked_question_ids(task.session),
            dimensions=task.focus_dimensions,
        )
        invitation = invitation_create(
            actor=actor,
            template=template,
            company=candidate.person.company,
            candidate=candidate,
            valid_days=valid_days,
            send=bool(candidate.person.email),
        )
        template_archive(actor=actor, template=template)
        task.status = HrTask.Status.SCHEDULED
        task.invitation = invitation
        if due_date is not None:
            task.due_date = due_date
        if task.assignee_id is None:
            task.assignee = actor
        task.save(update_fields=["status", "invitation", "due_date", "assignee", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            target=task,
            changes={"status": task.status, "invitation": invitation.pk, "template": template.pk},
            request=request,
        )
    return task


def hr_task_cancel(*, actor: Any, task: HrTask, request: HttpRequest | None = None) -> HrTask:
    """Cancel an open task (HR only); a scheduled, done or cancelled one is refused."""
    if not actor_get(actor).is_hr:
        raise PermissionDenied(_("Only HR can change tasks."))
    with transaction.atomic():
        task = HrTask.objects.select_for_update().get(pk=task.pk)
        if task.status != HrTask.Status.OPEN:
            raise Conflict(
                _("This task is %(status)s, not open.") % {"status": task.get_status_display()},
                code=CollaborationErrorCode.TASK_NOT_OPEN,
            )
        task.status = HrTask.Status.CANCELLED
        task.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor, action=AuditEvent.Action.UPDATE, target=task, changes={"status": task.status}, request=request
        )
    return task


def person_shares_erase(*, person_id: int) -> dict[str, int]:
    """Erase the shared results and HR tasks about a candidate's own interviews (the cards quote their words and
    name them); the managers' answers go with the shares. Safe to run twice."""
    done: dict[str, int] = {}
    tasks = HrTask.objects.filter(session__invitation__candidate__person_id=person_id)
    task_count = tasks.count()
    if task_count:
        tasks.delete()
        done["hr_tasks"] = task_count
    shares = ResultShare.objects.filter(session__invitation__candidate__person_id=person_id)
    share_count = shares.count()
    if share_count:
        shares.delete()
        done["result_shares"] = share_count
    return done


def hr_task_complete(*, actor: Any, task: HrTask, request: HttpRequest | None = None) -> HrTask:
    """Mark a scheduled task done (HR only), once the supplementary interview has taken place; any other status is
    refused."""
    if not actor_get(actor).is_hr:
        raise PermissionDenied(_("Only HR can change tasks."))
    with transaction.atomic():
        task = HrTask.objects.select_for_update().get(pk=task.pk)
        if task.status != HrTask.Status.SCHEDULED:
            raise Conflict(
                _("Only a scheduled task can be marked done; this one is %(status)s.")
                % {"status": task.get_status_display()},
                code=CollaborationErrorCode.TASK_NOT_OPEN,
            )
        task.status = HrTask.Status.DONE
        task.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor, action=AuditEvent.Action.UPDATE, target=task, changes={"status": task.status}, request=request
        )
    return task
