"""Who may see and change openings and applications: the fetch-and-authorize helpers of recruitment.

- Openings: HR sees and manages every opening. A hiring manager sees (read-only) the openings they are the hiring
  manager of and those in the departments they manage. An employee sees open internal openings only, through
  ``internal_opening_get_for_user``. Anyone else is told the opening does not exist (404).
- Applications: HR sees all; a hiring manager those to the openings they see; the applicant their own. Anyone
  else gets 404, so another employee never learns that an application exists.
- Résumés: HR, and hiring managers for applications to the openings they see. Nobody else (the applicant
  included: they have their own copy and "My data") — 404.
- Possible duplicate people: HR only (other staff 403, everyone else 404).
"""

from __future__ import annotations

from typing import Any, Literal

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from talentloop.core.exceptions import NotFound, PermissionDenied
from talentloop.org.access import actor_get
from talentloop.org.models import Person, Role
from talentloop.recruitment.models import Application, Opening, Resume

Intent = Literal["view", "change"]


def _opening_scope(user: Any) -> Q | None:
    """The openings a staff user sees: None means all (HR); an empty Q-match means none."""
    actor = actor_get(user)
    if actor.is_hr:
        return None
    condition = Q(pk__in=[])
    if actor.has(Role.HIRING_MANAGER):
        condition |= Q(hiring_manager_id=actor.user_id)
        for path in actor.managed_department_paths:
            condition |= Q(department__path__startswith=path)
    return condition


def openings_check_view(user: Any) -> None:
    """The console's Openings pages: HR and hiring managers; other staff 403; everyone else 404."""
    actor = actor_get(user)
    if actor.is_hr or actor.has(Role.HIRING_MANAGER):
        return
    if actor.is_staff_member:
        raise PermissionDenied(_("Only HR and hiring managers work with openings."))
    raise NotFound(_("Page not found."))


def openings_check_manage(user: Any) -> None:
    """Creating, editing, opening and closing openings is HR's."""
    openings_check_view(user)
    if not actor_get(user).is_hr:
        raise PermissionDenied(_("Only HR can create and change openings."))


def openings_can_manage(user: Any) -> bool:
    return actor_get(user).is_hr


def opening_list_for_user(user: Any) -> QuerySet[Opening]:
    """Every opening the user may see in the console, and no other."""
    openings = Opening.objects.select_related(
        "position", "department", "job_profile", "interview_template", "hiring_manager__person"
    )
    actor = actor_get(user)
    if not (actor.is_hr or actor.has(Role.HIRING_MANAGER)):
        return openings.none()
    scope = _opening_scope(user)
    return openings.all() if scope is None else openings.filter(scope).distinct()


def opening_get_for_user(user: Any, opening_id: int | str, *, intent: Intent = "view") -> Opening:
    """An opening the user may see (404 otherwise); changing it is HR's (403)."""
    try:
        opening = opening_list_for_user(user).get(pk=int(opening_id))
    except (Opening.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Opening not found.")) from None
    if intent == "change" and not openings_can_manage(user):
        raise PermissionDenied(_("Only HR can create and change openings."))
    return opening


def internal_opening_list_for_user(user: Any) -> QuerySet[Opening]:
    """The open internal openings an active employee may see and apply to; nothing for anyone else."""
    actor = actor_get(user)
    openings = Opening.objects.select_related("position", "department", "hiring_manager__person")
    if not actor.has(Role.EMPLOYEE):
        return openings.none()
    return openings.filter(status=Opening.Status.OPEN, internal=True)


def internal_opening_get_for_user(user: Any, opening_id: int | str) -> Opening:
    """One open internal opening, for an active employee; 404 for everything else (drafts, closed, external)."""
    try:
        return internal_opening_list_for_user(user).get(pk=int(opening_id))
    except (Opening.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Opening not found.")) from None


def application_list_for_user(user: Any) -> QuerySet[Application]:
    """Every application the user may see: HR all, hiring managers those to their openings, the applicant their own."""
    actor = actor_get(user)
    applications = Application.objects.select_related(
        "opening__position", "opening__department", "person", "candidate", "invitation__session"
    )
    if actor.is_hr:
        return applications.all()
    condition = Q(pk__in=[])
    if actor.has(Role.HIRING_MANAGER):
        condition |= Q(opening__in=opening_list_for_user(user).values("pk"))
    if actor.person_id is not None:
        condition |= Q(person_id=actor.person_id)
    return applications.filter(condition)


def own_application_list(user: Any) -> QuerySet[Application]:
    """The signed-in person's own applications (the portal and ``me/applications/``)."""
    actor = actor_get(user)
    applications = Application.objects.select_related(
        "opening__position", "opening__department", "invitation__template__job_profile__position", "invitation__session"
    )
    if actor.person_id is None:
        return applications.none()
    return applications.filter(person_id=actor.person_id)


def own_application_get(user: Any, application_id: int | str) -> Application:
    """One of the signed-in person's own applications; anyone else's is not found (404), even for HR in the portal."""
    try:
        return own_application_list(user).get(pk=int(application_id))
    except (Application.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Application not found.")) from None


def application_get_for_user(user: Any, application_id: int | str) -> Application:
    """An application the user may see (404 otherwise)."""
    try:
        return application_list_for_user(user).get(pk=int(application_id))
    except (Application.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Application not found.")) from None


def applicant_person_get(user: Any) -> Person:
    """The signed-in employee's own person record, the applicant of an internal application (404 for non-employees)."""
    actor = actor_get(user)
    if not actor.has(Role.EMPLOYEE) or actor.person_id is None:
        raise NotFound(_("Page not found."))
    return Person.objects.get(pk=actor.person_id)


# ---------------------------------------------------------------------------------------------------------------
# The pipeline (board, application pages, scorecards): staff only. HR moves and rejects; hiring managers read the
# boards of the openings they see and submit scorecards. The applicant's own application is not a console object:
# they get 404 here like anyone else outside the scope.
# ---------------------------------------------------------------------------------------------------------------


def pipeline_can_move(user: Any) -> bool:
    """Moving, rejecting and hiring applications, and editing stages, is HR's."""
    return actor_get(user).is_hr


def pipeline_can_score(user: Any) -> bool:
    """HR, hiring managers (for the openings they see) and the interviewers assigned to the candidate submit
    scorecards for human interview rounds."""
    actor = actor_get(user)
    return actor.is_hr or actor.has(Role.HIRING_MANAGER, Role.INTERVIEWER)


def pipeline_application_list_for_user(user: Any) -> QuerySet[Application]:
    """The applications whose pipeline the user sees: HR all; a hiring manager those to the openings they see; an
    interviewer those of the candidates they are assigned to."""
    actor = actor_get(user)
    applications = Application.objects.select_related(
        "opening__position",
        "opening__department",
        "opening__job_profile",
        "opening__hiring_manager__person",
        "person",
        "candidate",
        "stage",
        "invitation__session",
    )
    if actor.is_hr:
        return applications.all()
    condition = Q(pk__in=[])
    if actor.has(Role.HIRING_MANAGER):
        condition |= Q(opening__in=opening_list_for_user(user).values("pk"))
    if actor.has(Role.INTERVIEWER):
        # an interviewer assigned to the candidate reads the application and scores its human interview round
        condition |= Q(candidate__interviewers=actor.user_id)
    return applications.filter(condition).distinct()


def pipeline_application_get_for_user(
    user: Any, application_id: int | str, *, intent: Literal["view", "move", "score"] = "view"
) -> Application:
    """An application on a board the user sees (404 otherwise, also for the applicant themself); moving it is HR's,
    scoring it HR's and hiring managers' (403)."""
    try:
        application = pipeline_application_list_for_user(user).get(pk=int(application_id))
    except (Application.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Application not found.")) from None
    if intent == "move" and not pipeline_can_move(user):
        raise PermissionDenied(_("Only HR can move and reject applications."))
    if intent == "score" and not pipeline_can_score(user):
        raise PermissionDenied(_("Only HR, hiring managers and assigned interviewers submit scorecards."))
    return application


def pipeline_check_move(user: Any) -> None:
    if not pipeline_can_move(user):
        raise PermissionDenied(_("Only HR can move and reject applications."))


def resume_list_for_user(user: Any) -> QuerySet[Resume]:
    """Every résumé the user may open: HR all, a hiring manager those sent to the openings they see, else none."""
    actor = actor_get(user)
    resumes = Resume.objects.select_related("application__opening", "person")
    if actor.is_hr:
        return resumes.all()
    if actor.has(Role.HIRING_MANAGER):
        return resumes.filter(application__opening__in=opening_list_for_user(user).values("pk"))
    return resumes.none()


def resume_get_for_user(user: Any, resume_id: int | str) -> Resume:
    """A résumé the user may open (404 otherwise)."""
    try:
        return resume_list_for_user(user).get(pk=int(resume_id))
    except (Resume.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Résumé not found.")) from None


def duplicates_check_view(user: Any) -> None:
    """Reviewing possible duplicate people is HR's: other staff 403, everyone else 404."""
    actor = actor_get(user)
    if actor.is_hr:
        return
    if actor.is_staff_member:
        raise PermissionDenied(_("Only HR reviews possible duplicate candidates."))
    raise NotFound(_("Page not found."))
