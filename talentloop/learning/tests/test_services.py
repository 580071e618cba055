"""Saving courses, projects and mentors: validation with clear errors, updates, deactivation, mentor opt-in."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from talentloop.core.exceptions import ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.learning.errors import LearningErrorCode
from talentloop.learning.models import Course, LearningTarget, Mentor
from talentloop.learning.selectors import active_targets_for, course_list, mentor_list
from talentloop.learning.services import (
    CourseInput,
    TargetInput,
    course_save,
    library_item_set_active,
    mentor_opt_in,
    mentor_opt_out,
    targets_parse,
)


def a_course(**changes: Any) -> CourseInput:
    values: dict[str, Any] = {
        "code": "structured-thinking",
        "title": "结构化思维训练",
        "title_en": "Structured thinking",
        "format": "online",
        "duration_hours": "3",
        "url": "https://learn.example.com/structured",
        "targets": [TargetInput("problem-solving", 2, 4)],
    }
    values.update(changes)
    return CourseInput(**values)


@pytest.mark.django_db
class TestCourseSave:
    def test_a_course_is_created_with_its_targets_and_audited(self, dimensions: Any, hr: Any) -> None:
        result = course_save(actor=hr, data=a_course())
        assert (result.created, result.changed) == (True, True)
        course = Course.objects.get(code="structured-thinking")
        assert (course.title, course.duration_hours, course.language, course.is_active) == (
            "结构化思维训练", Decimal("3.0"), "zh", True
        )  # fmt: skip
        assert list(course.targets.values_list("dimension__code", "level_from", "level_to")) == [
            ("problem-solving", 2, 4)
        ]
        assert AuditEvent.objects.filter(action="create", object_type="learning.course").count() == 1

    def test_saving_the_same_course_again_changes_nothing(self, dimensions: Any, hr: Any) -> None:
        course_save(actor=hr, data=a_course())
        result = course_save(actor=hr, data=a_course())
        assert (result.created, result.changed) == (False, False)
        assert AuditEvent.objects.filter(object_type="learning.course").count() == 1

    def test_an_update_replaces_the_targets(self, dimensions: Any, hr: Any) -> None:
        course_save(actor=hr, data=a_course())
        result = course_save(actor=hr, data=a_course(targets=[TargetInput("communication", 1, 3)]))
        assert (result.created, result.changed) == (False, True)
        assert list(LearningTarget.objects.values_list("dimension__code", "level_from", "level_to")) == [
            ("communication", 1, 3)
        ]

    @pytest.mark.parametrize(
        ("changes", "expected"),
        [
            ({"code": "有空格 code"}, {"code": ["The code is 1–50 letters, digits, hyphens or underscores."]}),
            ({"title": " "}, {"title": ["The title is required."]}),
            ({"format": "podcast"}, {"format": ["The format is one of: online, classroom, book, video."]}),
            ({"duration_hours": "three"}, {"duration_hours": ["Enter the number of hours, e.g. 3 or 1.5."]}),
            ({"duration_hours": "0"}, {"duration_hours": ["Hours must be more than 0 and at most 10000."]}),
            ({"url": "ftp://x"}, {"url": ["The link must be an http or https address."]}),
            ({"url": "", "content": ""}, {"url": ["Give a link or the internal content of the course."]}),
            ({"language": "fr"}, {"language": ["The language is zh or en."]}),
            ({"targets": []}, {"targets": ["Name at least one dimension this item develops."]}),
            (
                {"targets": [TargetInput("cooking", 1, 2)]},
                {"targets": ["There is no active dimension with code “cooking”."]},
            ),
            (
                {"targets": [TargetInput("communication", 3, 3)]},
                {"targets": ["communication:3-3: the level it leads to must be above the level it starts from."]},
            ),
            (
                {"targets": [TargetInput("communication", 0, 6)]},
                {"targets": ["communication:0-6: levels go from 1 to 5."]},
            ),
            (
                {"targets": [TargetInput("communication", 1, 2), TargetInput("communication", 2, 3)]},
                {"targets": ["Dimension “communication” is listed twice."]},
            ),
        ],
    )
    def test_bad_input_is_named_by_field_and_nothing_is_written(
        self, dimensions: Any, hr: Any, changes: dict[str, Any], expected: dict[str, list[str]]
    ) -> None:
        with pytest.raises(ValidationFailed) as raised:
            course_save(actor=hr, data=a_course(**changes))
        assert raised.value.code == LearningErrorCode.ITEM_INVALID
        assert raised.value.fields == expected
        assert Course.objects.count() == 0
        assert LearningTarget.objects.count() == 0

    def test_a_deactivated_course_is_no_longer_offered(self, dimensions: Any, hr: Any) -> None:
        course = course_save(actor=hr, data=a_course()).item
        library_item_set_active(actor=hr, item=course, is_active=False)
        assert active_targets_for(dimension_codes=["problem-solving"]) == []
        assert list(course_list(active=False)) == [course]
        assert list(course_list(dimension_code="problem-solving")) == [course]
        assert list(course_list(dimension_code="communication")) == []


def test_targets_parse_reads_the_one_line_notation() -> None:
    assert targets_parse("communication:2-4; problem-solving : 1 - 3\n") == (
        [TargetInput("communication", 2, 4), TargetInput("problem-solving", 1, 3)],
        [],
    )
    assert targets_parse("communication 2 to 4") == (
        [],
        ["“communication 2 to 4” is not a target: write dimension-code:from-to, e.g. communication:2-4."],
    )


@pytest.mark.django_db
class TestMentorOptIn:
    def test_an_employee_opts_in_and_out(self, dimensions: Any, employee: Any) -> None:
        staff_record = employee.person.employee
        mentor = mentor_opt_in(
            actor=employee, employee=staff_record, dimension_codes=["communication", "communication"], capacity="3"
        )
        assert (mentor.capacity, mentor.is_active) == (3, True)
        assert list(mentor.targets.values_list("dimension__code", "level_from", "level_to")) == [
            ("communication", 1, 5)
        ]
        mentor_opt_out(actor=employee, employee=staff_record)
        assert list(mentor_list(active=True)) == []
        assert Mentor.objects.get().is_active is False

    def test_a_candidate_cannot_opt_in(self, dimensions: Any) -> None:
        with pytest.raises(ValidationFailed) as raised:
            mentor_opt_in(actor=None, employee=None, dimension_codes=["communication"], capacity=2)
        assert raised.value.code == LearningErrorCode.NOT_AN_EMPLOYEE
        assert Mentor.objects.count() == 0

    def test_a_bad_capacity_and_no_dimensions_are_named(self, dimensions: Any, employee: Any) -> None:
        with pytest.raises(ValidationFailed) as raised:
            mentor_opt_in(actor=employee, employee=employee.person.employee, dimension_codes=[], capacity="99")
        assert raised.value.fields == {
            "capacity": ["Capacity is a whole number of mentees from 1 to 20."],
            "targets": ["Name at least one dimension this item develops."],
        }
        assert Mentor.objects.count() == 0
