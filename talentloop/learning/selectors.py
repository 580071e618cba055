"""Reading the learning library."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from talentloop.core.exceptions import NotFound
from talentloop.learning.models import Course, LearningTarget, Mentor, PracticeProject
from talentloop.org.models import Employee

_TARGETS = Prefetch("targets", queryset=LearningTarget.objects.select_related("dimension"))


def course_list(*, dimension_code: str = "", course_format: str = "", active: bool | None = None) -> QuerySet[Course]:
    """Courses, optionally only those developing a dimension, of one format, active or not."""
    courses = Course.objects.prefetch_related(_TARGETS).order_by("code")
    if dimension_code:
        courses = courses.filter(targets__dimension__code=dimension_code)
    if course_format:
        courses = courses.filter(format=course_format)
    if active is not None:
        courses = courses.filter(is_active=active)
    return courses.distinct()


def project_list(*, dimension_code: str = "", active: bool | None = None) -> QuerySet[PracticeProject]:
    projects = PracticeProject.objects.prefetch_related(_TARGETS).order_by("code")
    if dimension_code:
        projects = projects.filter(targets__dimension__code=dimension_code)
    if active is not None:
        projects = projects.filter(is_active=active)
    return projects.distinct()


def mentor_list(*, dimension_code: str = "", active: bool | None = None) -> QuerySet[Mentor]:
    mentors = Mentor.objects.select_related("employee__person", "employee__department").prefetch_related(_TARGETS)
    if dimension_code:
        mentors = mentors.filter(targets__dimension__code=dimension_code)
    if active is not None:
        mentors = mentors.filter(is_active=active)
    return mentors.order_by("employee__employee_number").distinct()


def course_get_by_code(*, code: str) -> Course:
    course = course_list().filter(code=code).first()
    if course is None:
        raise NotFound(_("Course not found."))
    return course


def project_get_by_code(*, code: str) -> PracticeProject:
    project = project_list().filter(code=code).first()
    if project is None:
        raise NotFound(_("Practice project not found."))
    return project


def mentor_get(*, mentor_id: int | str) -> Mentor:
    try:
        return mentor_list().get(pk=int(mentor_id))
    except (Mentor.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Mentor not found.")) from None


def mentor_for_employee(*, employee: Employee | None) -> Mentor | None:
    if employee is None:
        return None
    return mentor_list().filter(employee=employee).first()


def active_targets_for(*, dimension_codes: Iterable[str]) -> list[LearningTarget]:
    """Every target of an active course, project or mentor (a current employee) developing one of these
    dimensions, with the item joined."""
    active = (
        Q(course__is_active=True)
        | Q(project__is_active=True)
        | Q(mentor__is_active=True, mentor__employee__status=Employee.Status.ACTIVE)
    )
    return list(
        LearningTarget.objects.filter(active, dimension__code__in=list(dimension_codes))
        .select_related("dimension", "course", "project", "mentor__employee__person")
        .order_by("pk")
    )
