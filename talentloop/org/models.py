"""The organisation: company, department tree, positions, people, and the roles people hold."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from talentloop.core.models import TimeStampedModel


class Company(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    slug = models.SlugField(_("short name"), unique=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")

    def __str__(self) -> str:
        return self.name


class Department(TimeStampedModel):
    """A node of the department tree. ``path`` is the chain of ids from the root ("/1/4/9/"), kept by services,
    so that "this department and everything below it" is one indexed prefix query on any database."""

    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="departments")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    code = models.SlugField(_("code"), max_length=50)
    path = models.CharField(max_length=500, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["path"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [models.UniqueConstraint(fields=["company", "code"], name="org_department_unique_code")]

    def __str__(self) -> str:
        return self.name


class Position(TimeStampedModel):
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="positions")
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("English title"), max_length=200, blank=True)
    code = models.SlugField(_("code"), max_length=50, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_open = models.BooleanField(_("open for hiring"), default=True)

    class Meta:
        ordering = ["department__path", "title"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")

    def __str__(self) -> str:
        return self.title


class Person(TimeStampedModel):
    """A human the company knows: an employee, a candidate, or both. May have a user account to sign in."""

    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="people")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("email"), blank=True, db_index=True)
    mobile = models.CharField(_("mobile"), max_length=32, blank=True, db_index=True)
    # Set when the person's data was erased at their request (org.services.person_anonymise): the row stays as an
    # anonymous anchor for the aggregates that still point at it (scores, funnel counts).
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name


class Employee(TimeStampedModel):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        LEFT = "left", _("Left")

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="employee")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="employees")
    position = models.ForeignKey(Position, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    employee_number = models.CharField(_("employee number"), max_length=32, unique=True)
    hired_on = models.DateField(_("hired on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)

    class Meta:
        ordering = ["employee_number"]
        verbose_name = _("employee")
        verbose_name_plural = _("employees")

    def __str__(self) -> str:
        return f"{self.person.full_name} ({self.employee_number})"


class Candidate(TimeStampedModel):
    class Status(models.TextChoices):
        ACTIVE = "active", _("In process")
        HIRED = "hired", _("Hired")
        REJECTED = "rejected", _("Not selected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="candidate")
    applied_position = models.ForeignKey(
        Position, verbose_name=_("applied position"), on_delete=models.PROTECT, related_name="candidates"
    )
    source = models.CharField(_("source"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    notes = models.TextField(_("notes"), blank=True)
    # Until interviews exist (issue 3), interviewers are assigned to candidates directly.
    interviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("interviewers"),
        blank=True,
        related_name="assigned_candidates",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")

    def __str__(self) -> str:
        return self.person.full_name


class Role(models.TextChoices):
    HR_ADMIN = "hr_admin", _("HR admin")
    HR = "hr", _("HR")
    HIRING_MANAGER = "hiring_manager", _("Hiring manager")
    INTERVIEWER = "interviewer", _("Interviewer")
    EMPLOYEE = "employee", _("Employee")
    CANDIDATE = "candidate", _("Candidate")


class RoleGrant(TimeStampedModel):
    """A staff role held by a user. Employee and candidate roles follow from the Person records instead."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_grants",
        help_text=_("Hiring managers see this department and every department below it."),
    )

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "department"], name="org_rolegrant_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"
