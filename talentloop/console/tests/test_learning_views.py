"""HR's learning library pages: list with filters, create, edit, deactivate, import with row-level errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from talentloop.competencies.services import dimension_create
from talentloop.interviews.tests.conftest import ANCHORS
from talentloop.learning.models import Course, LearningTarget

EN: dict[str, Any] = {"HTTP_ACCEPT_LANGUAGE": "en"}
FORM = {
    "code": "listening",
    "title": "倾听的艺术",
    "title_en": "The art of listening",
    "provider": "",
    "format": "book",
    "duration_hours": "6",
    "language": "zh",
    "url": "https://books.example.com/listening",
    "content": "",
    "targets": "communication:1-3",
}


@pytest.fixture
def communication(db: Any) -> None:
    dimension_create(code="communication", name="沟通能力", name_en="Communication", anchors=ANCHORS)


@pytest.mark.django_db
class TestLibraryPages:
    def test_hr_creates_edits_filters_and_deactivates_a_course(
        self, client: Client, hr: Any, communication: None
    ) -> None:
        client.force_login(hr)
        assert client.post(reverse("console:course_create"), FORM).status_code == 302
        edit = {**FORM, "title": "倾听的艺术（第二版）", "targets": "communication:2-4"}
        assert client.post(reverse("console:course_edit", args=["listening"]), edit).status_code == 302
        course = Course.objects.get()
        assert course.title == "倾听的艺术（第二版）"
        assert list(course.targets.values_list("level_from", "level_to")) == [(2, 4)]
        listed = client.get(reverse("console:library_list"), {"dimension": "communication"}, **EN)
        assert "倾听的艺术（第二版）" in listed.content.decode()
        client.post(reverse("console:library_item_set_active", args=["courses", "listening"]), {"active": "0"})
        course.refresh_from_db()
        assert course.is_active is False
        client.get(reverse("console:library_list"))  # shows the message once
        assert "倾听的艺术" not in client.get(reverse("console:library_list")).content.decode()
        inactive = client.get(reverse("console:library_list"), {"active": "0"})
        assert "倾听的艺术" in inactive.content.decode()

    def test_a_bad_target_is_shown_on_the_form_and_nothing_is_saved(
        self, client: Client, hr: Any, communication: None
    ) -> None:
        client.force_login(hr)
        response = client.post(reverse("console:course_create"), {**FORM, "targets": "communication 1 to 3"}, **EN)
        assert response.status_code == 200
        assert response.context["form"].errors == {
            "targets": ["“communication 1 to 3” is not a target: write dimension-code:from-to, e.g. communication:2-4."]
        }
        response = client.post(reverse("console:course_create"), {**FORM, "duration_hours": "-1"}, **EN)
        assert response.context["form"].errors == {"duration_hours": ["Hours must be more than 0 and at most 10000."]}
        assert (Course.objects.count(), LearningTarget.objects.count()) == (0, 0)

    def test_an_import_with_broken_rows_lists_them_and_imports_nothing(
        self, client: Client, hr: Any, communication: None
    ) -> None:
        client.force_login(hr)
        document = {
            "courses": [
                {**FORM, "targets": "communication:1-3"},
                {**FORM, "code": "bad", "duration_hours": "lots", "targets": "communication:1-3"},
            ]
        }
        upload = SimpleUploadedFile("library.json", json.dumps(document).encode(), "application/json")
        response = client.post(reverse("console:library_import"), {"file": upload}, **EN)
        page = response.content.decode()
        assert 'id="import-rejected"' in page
        assert "courses[2] (bad)" in page
        assert "duration_hours: Enter the number of hours, e.g. 3 or 1.5." in page
        assert Course.objects.count() == 0

    @pytest.mark.parametrize(
        ("persona", "read", "write"), [("interviewer", 200, 403), ("employee", 404, 404), ("candidate_a", 404, 404)]
    )
    def test_staff_read_hr_writes_others_learn_nothing(
        self, client: Client, personas: dict[str, Any], communication: None, persona: str, read: int, write: int
    ) -> None:
        client.force_login(personas[persona])
        assert client.get(reverse("console:library_list")).status_code == read
        assert client.post(reverse("console:course_create"), FORM).status_code == write
        assert client.get(reverse("console:library_import")).status_code == write
        assert Course.objects.count() == 0


@pytest.mark.django_db
def test_the_course_list_query_count_does_not_grow_with_courses(client: Client, hr: Any, communication: None) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(hr)
    for number in range(2):
        client.post(reverse("console:course_create"), {**FORM, "code": f"c{number}"})

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("console:library_list")).status_code == 200
        return len(captured)

    few = queries()
    for number in range(2, 8):
        client.post(reverse("console:course_create"), {**FORM, "code": f"c{number}"})
    assert Course.objects.count() == 8
    assert queries() == few


@pytest.mark.django_db
def test_hr_adds_a_project_and_a_mentor(client: Client, hr: Any, employee: Any, communication: None) -> None:
    client.force_login(hr)
    project = {
        "code": "retro", "title": "主持一次复盘", "title_en": "", "brief": "为团队主持复盘会。",
        "expected_outcome": "复盘纪要", "effort_hours": "4", "language": "zh", "targets": "communication:2-4",
    }  # fmt: skip
    assert client.post(reverse("console:project_create"), project).status_code == 302
    mentor = {"employee_number": "E0102", "capacity": "2", "introduction": "", "targets": "communication:1-5"}
    assert client.post(reverse("console:mentor_create"), mentor).status_code == 302
    listed = client.get(reverse("console:library_list"), {"type": "mentors"}).content.decode()
    assert "赵静" in listed
    unknown = client.post(reverse("console:mentor_create"), {**mentor, "employee_number": "E404"}, **EN)
    assert unknown.context["form"].errors == {"employee_number": ["There is no employee with number “E404”."]}
