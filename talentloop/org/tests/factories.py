"""factory-boy factories that build records through the services, so paths, normalisation and audit entries are
exactly what production code produces. Personas (who plays which role) live in ``talentloop/conftest.py``."""

from __future__ import annotations

from typing import Any

import factory

from talentloop.accounts.models import User
from talentloop.accounts.services import user_create
from talentloop.org.models import Candidate, Company, Department, Employee, Person, Position
from talentloop.org.services import (
    candidate_create,
    company_create,
    department_create,
    employee_create,
    person_create,
    position_create,
)

PASSWORD = "Lantern-Orchard-2718"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User

    username = factory.Sequence(lambda number: f"user{number}")
    password = PASSWORD
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    display_name = ""

    @classmethod
    def _create(cls, model_class: type[User], *args: Any, **kwargs: Any) -> User:
        return user_create(validate=False, **kwargs)


class CompanyFactory(factory.django.DjangoModelFactory[Company]):
    class Meta:
        model = Company

    name = factory.Sequence(lambda number: f"Company {number}")
    slug = factory.Sequence(lambda number: f"company-{number}")

    @classmethod
    def _create(cls, model_class: type[Company], *args: Any, **kwargs: Any) -> Company:
        return company_create(**kwargs)


class DepartmentFactory(factory.django.DjangoModelFactory[Department]):
    class Meta:
        model = Department

    company = factory.SubFactory(CompanyFactory)
    name = factory.Sequence(lambda number: f"Department {number}")
    code = factory.Sequence(lambda number: f"department-{number}")
    parent = None

    @classmethod
    def _create(cls, model_class: type[Department], *args: Any, **kwargs: Any) -> Department:
        return department_create(**kwargs)


class PositionFactory(factory.django.DjangoModelFactory[Position]):
    class Meta:
        model = Position

    department = factory.SubFactory(DepartmentFactory)
    title = factory.Sequence(lambda number: f"Position {number}")
    code = factory.Sequence(lambda number: f"position-{number}")

    @classmethod
    def _create(cls, model_class: type[Position], *args: Any, **kwargs: Any) -> Position:
        return position_create(**kwargs)


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person

    company = factory.SubFactory(CompanyFactory)
    full_name = factory.Sequence(lambda number: f"Person {number}")
    email = factory.Sequence(lambda number: f"person{number}@example.com")
    user = None

    @classmethod
    def _create(cls, model_class: type[Person], *args: Any, **kwargs: Any) -> Person:
        return person_create(**kwargs)


class EmployeeFactory(factory.django.DjangoModelFactory[Employee]):
    class Meta:
        model = Employee

    department = factory.SubFactory(DepartmentFactory)
    person = factory.SubFactory(PersonFactory, company=factory.SelfAttribute("..department.company"))
    employee_number = factory.Sequence(lambda number: f"E{number:05d}")
    position = None

    @classmethod
    def _create(cls, model_class: type[Employee], *args: Any, **kwargs: Any) -> Employee:
        return employee_create(actor=None, **kwargs)


class CandidateFactory(factory.django.DjangoModelFactory[Candidate]):
    class Meta:
        model = Candidate

    applied_position = factory.SubFactory(PositionFactory)
    company = factory.LazyAttribute(lambda candidate: candidate.applied_position.department.company)
    full_name = factory.Sequence(lambda number: f"Candidate {number}")
    email = factory.Sequence(lambda number: f"candidate{number}@example.com")
    mobile = ""
    user = None

    @classmethod
    def _create(cls, model_class: type[Candidate], *args: Any, **kwargs: Any) -> Candidate:
        return candidate_create(actor=None, **kwargs)
