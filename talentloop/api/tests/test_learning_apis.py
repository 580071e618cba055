"""The learning library and growth-path endpoints: permissions, validation, import all-or-nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from talentloop.feedback.models import GrowthPath, GrowthPathItem
from talentloop.interviews.models import Invitation
from talentloop.learning.models import Course, LearningTarget, Mentor

EN: dict[str, Any] = {"HTTP_ACCEPT_LANGUAGE": "en"}
COURSE = {
    "code": "listening",
    "title": "倾听的艺术",
    "format": "book",
    "duration_hours": "6.5",
    "url": "https://books.example.com/listening",
    "targets": [{"dimension": "communication", "level_from": 1, "level_to": 3}],
}


@pytest.mark.django_db
class TestLibraryApi:
    def test_hr_adds_a_course_and_staff_read_it_filtered(
        self, client: Client, hr: Any, interviewer: Any, scored_interview_of_a: Any
    ) -> None:
        client.force_login(hr)
        created = client.post(reverse("api-v1:course-list"), COURSE, content_type="application/json")
        assert created.status_code == 201
        assert created.json()["targets"] == [{"dimension": "communication", "level_from": 1, "level_to": 3}]
        client.force_login(interviewer)
        listed = client.get(reverse("api-v1:course-list"), {"dimension": "communication", "active": "true"})
        assert [c["code"] for c in listed.json()["results"]] == ["listening"]
        assert client.get(reverse("api-v1:course-list"), {"dimension": "customer-needs"}).json()["count"] == 0

    def test_bad_input_names_the_field_and_writes_nothing(
        self, client: Client, hr: Any, scored_interview_of_a: Any
    ) -> None:
        client.force_login(hr)
        bad = {**COURSE, "targets": [{"dimension": "communication", "level_from": 3, "level_to": 2}]}
        response = client.post(reverse("api-v1:course-list"), bad, content_type="application/json", **EN)
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "learning_item_invalid"
        assert response.json()["error"]["fields"] == {
            "targets": ["communication:3-2: the level it leads to must be above the level it starts from."]
        }
        assert (Course.objects.count(), LearningTarget.objects.count()) == (0, 0)

    @pytest.mark.parametrize(("persona", "expected"), [("interviewer", 403), ("employee", 404), ("candidate_a", 404)])
    def test_only_hr_writes_and_non_staff_learn_nothing(
        self, client: Client, personas: dict[str, Any], persona: str, expected: int
    ) -> None:
        client.force_login(personas[persona])
        response = client.post(reverse("api-v1:course-list"), COURSE, content_type="application/json")
        assert response.status_code == expected
        if persona != "interviewer":
            assert client.get(reverse("api-v1:course-list")).status_code == 404
        assert Course.objects.count() == 0

    def test_an_import_with_a_broken_row_is_rejected_whole(
        self, client: Client, hr: Any, scored_interview_of_a: Any
    ) -> None:
        client.force_login(hr)
        document = {"courses": [COURSE, {**COURSE, "code": "bad", "format": "podcast"}]}
        upload = SimpleUploadedFile("library.json", json.dumps(document).encode(), "application/json")
        response = client.post(reverse("api-v1:learning-library-import"), {"file": upload}, **EN)
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "learning_import_rejected"
        assert response.json()["error"]["fields"] == {
            "courses[2] (bad)": ["format: The format is one of: online, classroom, book, video."]
        }
        assert Course.objects.count() == 0

    def test_export_as_xlsx(self, client: Client, hr: Any) -> None:
        client.force_login(hr)
        response = client.get(reverse("api-v1:learning-library-export"), {"format": "xlsx"})
        assert response.status_code == 200
        assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.django_db
class TestGrowthPathApi:
    def test_the_candidate_reads_and_changes_their_path(
        self, client: Client, candidate_a: Any, scored_interview_of_a: Invitation, library: Any
    ) -> None:
        client.force_login(candidate_a)
        body = client.get(reverse("api-v1:growth-path", args=[scored_interview_of_a.pk])).json()
        assert body["state"] == "built"
        assert [(i["rank"], i["kind"], i["dimension"]) for i in body["items"]][:2] == [
            (1, "course", "customer-needs"),
            (2, "project", "customer-needs"),
        ]
        first = body["items"][0]["id"]
        enrolled = client.post(reverse("api-v1:growth-item-action", args=[first, "enrol"]))
        assert enrolled.json()["status"] == "enrolled"
        done = client.post(
            reverse("api-v1:growth-item-action", args=[first, "complete"]),
            {"evidence_url": "https://learn.example.com/cert"},
            content_type="application/json",
        )
        assert done.json()["status"] == "done"
        again = client.post(reverse("api-v1:growth-item-action", args=[first, "enrol"]), **EN)
        assert (again.status_code, again.json()["error"]["code"]) == (409, "growth_item_status")

    def test_an_unscored_interview_has_a_clear_state(
        self, client: Client, candidate_a: Any, interview_of_a: Invitation
    ) -> None:
        client.force_login(candidate_a)
        body = client.get(reverse("api-v1:growth-path", args=[interview_of_a.pk])).json()
        assert body == {
            "state": "not_scored",
            "built_at": None,
            "gaps": [],
            "progress": {"done": 0, "total": 0, "percent": 0},
            "items": [],
        }
        assert GrowthPath.objects.count() == 0

    def test_staff_read_only_others_404(
        self, client: Client, candidate_a: Any, candidate_b: Any, hr: Any, scored_interview_of_a: Invitation,
        library: Any,
    ) -> None:  # fmt: skip
        url = reverse("api-v1:growth-path", args=[scored_interview_of_a.pk])
        client.force_login(hr)
        assert client.get(url).json()["state"] == "not_built"
        client.force_login(candidate_a)
        item_id = client.get(url).json()["items"][0]["id"]
        action = reverse("api-v1:growth-item-action", args=[item_id, "enrol"])
        client.force_login(hr)
        assert client.get(url).json()["state"] == "built"
        assert client.post(action).status_code == 403
        client.force_login(candidate_b)
        assert client.get(url).status_code == 404
        assert client.post(action).status_code == 404
        assert GrowthPathItem.objects.get(pk=item_id).status == "not_started"


@pytest.mark.django_db
class TestMyMentoringApi:
    def test_an_employee_offers_and_withdraws(self, client: Client, employee: Any, scored_interview_of_a: Any) -> None:
        client.force_login(employee)
        url = reverse("api-v1:my-mentoring")
        assert client.get(url).json() == {"is_active": False, "capacity": None, "introduction": "", "dimensions": []}
        offered = client.put(url, {"dimensions": ["communication"], "capacity": 2}, content_type="application/json")
        assert offered.json() == {"is_active": True, "capacity": 2, "introduction": "", "dimensions": ["communication"]}
        assert client.delete(url).json()["is_active"] is False

    def test_an_unknown_dimension_is_named_and_nothing_is_written(
        self, client: Client, employee: Any, scored_interview_of_a: Any
    ) -> None:
        client.force_login(employee)
        response = client.put(
            reverse("api-v1:my-mentoring"), {"dimensions": ["cooking"], "capacity": 2},
            content_type="application/json", **EN,
        )  # fmt: skip
        assert response.status_code == 400
        assert response.json()["error"]["fields"] == {"targets": ["There is no active dimension with code “cooking”."]}
        assert not Mentor.objects.exists()

    def test_a_candidate_gets_404(self, client: Client, candidate_b: Any) -> None:
        client.force_login(candidate_b)
        assert client.get(reverse("api-v1:my-mentoring")).status_code == 404
