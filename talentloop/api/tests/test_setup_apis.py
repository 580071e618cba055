"""The interview set-up API: dimensions, job profiles, questions with versioned rubrics, import and export."""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from talentloop.competencies.models import JobProfile
from talentloop.console.tests.setup_helpers import SetupWorld, api_client_for, database_counts
from talentloop.questionbank.models import Question, Rubric

pytest_plugins = ["talentloop.console.tests.conftest_setup"]

# count, questions, positions, rubrics with their dimensions, key points (the actor is cached on the user)
QUESTION_LIST_QUERIES = 5
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ANCHORS = [
    {"level": 1, "description": "只关注自己的任务", "description_en": "Only their own task"},
    {"level": 3, "description": "主动配合同事"},
    {"level": 5, "description": "推动团队达成共同目标"},
]


def url(name: str, *args: str) -> str:
    return reverse(f"api-v1:{name}", args=args)


@pytest.fixture
def hr_api(setup_world: SetupWorld) -> Any:
    return api_client_for(setup_world.hr)


@pytest.fixture
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> date:
    day = date(2026, 11, 25)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
    return day


def question_body(key_point: str = "识别客户需求", **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "behavioural",
        "text": "请描述一次你发现客户真实需求的经历。",
        "text_en": "Tell us about a time you found a customer's real need.",
        "positions": ["sales-rep"],
        "rubrics": [
            {
                "dimension": "customer-needs",
                "level_anchors": {"1": "没有提到客户", "3": "提到需求但没有验证", "5": "提出并验证需求"},
                "key_points": [
                    {
                        "text": key_point,
                        "text_en": "Identifies the customer's need",
                        "weight": "2",
                        "keywords": ["需求", "痛点"],
                        "synonyms": ["诉求"],
                        "example_phrases": ["我先问了客户三个问题"],
                        "improvement_tip": "先提问再推荐",
                        "improvement_tip_en": "Ask before you recommend",
                    },
                    {"text": "给出结果", "weight": 1, "keywords": ["结果"]},
                ],
            }
        ],
    }
    body.update(changes)
    return body


# --- dimensions -------------------------------------------------------------------------------------------------


@pytest.mark.django_db
class TestDimensions:
    def test_list(self, hr_api: Any) -> None:
        response = hr_api.get(url("dimension-list"))
        assert response.status_code == 200
        assert [d["code"] for d in response.json()] == ["communication", "customer-needs"]
        assert response.json()[1] == {
            "code": "customer-needs",
            "name": "客户需求",
            "name_en": "Customer needs",
            "description": "",
            "description_en": "",
            "kind": "competency",
            "is_active": True,
            "anchors": [
                {"level": 1, "description": "只描述个人努力", "description_en": "Describes only their own effort"},
                {"level": 3, "description": "识别部分客户需求", "description_en": "Identifies some customer needs"},
                {
                    "level": 5,
                    "description": "系统识别并验证需求",
                    "description_en": "Systematically identifies and verifies needs",
                },
            ],
        }

    def test_hr_creates_a_dimension(self, hr_api: Any) -> None:
        response = hr_api.post(
            url("dimension-list"), {"code": "teamwork", "name": "团队合作", "anchors": ANCHORS}, format="json"
        )
        assert response.status_code == 201
        assert response.json()["code"] == "teamwork"
        assert [(a["level"], a["description_en"]) for a in response.json()["anchors"]] == [
            (1, "Only their own task"),
            (3, ""),
            (5, ""),
        ]
        assert hr_api.get(url("dimension-detail", "teamwork")).json()["name"] == "团队合作"

    def test_a_missing_required_anchor_is_refused(self, hr_api: Any) -> None:
        before = database_counts()
        response = hr_api.post(
            url("dimension-list"), {"code": "teamwork", "name": "团队合作", "anchors": ANCHORS[:2]}, format="json"
        )
        assert response.status_code == 400
        assert response.json() == {
            "error": {
                "code": "validation_error",
                "message": "Levels 1, 3 and 5 need a behavioural description.",
                "fields": {"anchor_5": ["Describe what a level 5 answer looks like."]},
            }
        }
        assert database_counts() == before

    def test_a_level_listed_twice_is_refused(self, hr_api: Any) -> None:
        before = database_counts()
        response = hr_api.post(
            url("dimension-list"),
            {"code": "teamwork", "name": "团队合作", "anchors": [*ANCHORS, {"level": 3, "description": "又一个"}]},
            format="json",
        )
        assert response.status_code == 400
        assert response.json()["error"]["fields"] == {"anchors": ["Level 3 is listed twice."]}
        assert database_counts() == before

    def test_hr_updates_a_dimension(self, hr_api: Any) -> None:
        response = hr_api.put(
            url("dimension-detail", "communication"),
            {"name": "沟通表达", "is_active": False, "anchors": ANCHORS},
            format="json",
        )
        assert response.status_code == 200
        body = response.json()
        assert (body["name"], body["is_active"], body["kind"]) == ("沟通表达", False, "competency")
        assert [a["description"] for a in body["anchors"]] == [
            "只关注自己的任务",
            "主动配合同事",
            "推动团队达成共同目标",
        ]

    def test_an_unknown_dimension_is_not_found(self, hr_api: Any) -> None:
        response = hr_api.get(url("dimension-detail", "charisma"))
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


# --- job profiles -----------------------------------------------------------------------------------------------


@pytest.mark.django_db
class TestJobProfiles:
    def test_hr_saves_a_profile_and_reads_it_back(self, hr_api: Any) -> None:
        body = {
            "pass_threshold": 70,
            "summary": "能发现并验证客户需求",
            "requirements": [
                {"dimension": "customer-needs", "weight": "3", "required_level": 4},
                {"dimension": "communication", "weight": "1", "required_level": 3},
            ],
        }
        response = hr_api.put(url("job-profile-detail", "sales-rep"), body, format="json")
        assert response.status_code == 200
        expected = {
            "position": "sales-rep",
            "position_title": "销售代表",
            "pass_threshold": 70,
            "summary": "能发现并验证客户需求",
            "summary_en": "",
            "requirements": [
                {
                    "dimension": "customer-needs",
                    "dimension_name": "客户需求",
                    "weight": 3.0,
                    "weight_percent": 75.0,
                    "required_level": 4,
                },
                {
                    "dimension": "communication",
                    "dimension_name": "沟通能力",
                    "weight": 1.0,
                    "weight_percent": 25.0,
                    "required_level": 3,
                },
            ],
        }
        assert response.json() == expected
        assert hr_api.get(url("job-profile-list")).json() == [expected]

    def test_an_unknown_dimension_is_refused(self, hr_api: Any) -> None:
        before = database_counts()
        body = {"requirements": [{"dimension": "charisma", "weight": "1", "required_level": 3}]}
        response = hr_api.put(url("job-profile-detail", "sales-rep"), body, format="json")
        assert response.status_code == 400
        assert response.json()["error"]["fields"] == {"requirements.0": ["Unknown dimension “charisma”."]}
        assert database_counts() == before
        assert JobProfile.objects.count() == 0


# --- questions --------------------------------------------------------------------------------------------------


@pytest.mark.django_db
class TestQuestions:
    def test_list_with_filters(self, hr_api: Any) -> None:
        hr_api.post(
            url("question-list"),
            question_body(
                code="q-talk",
                kind="situational",
                text="请介绍你自己",
                positions=[],
                rubrics=[{"dimension": "communication", "key_points": [{"text": "清楚"}]}],
            ),
            format="json",
        )

        def codes(**filters: str) -> list[str]:
            return [q["code"] for q in hr_api.get(url("question-list"), filters).json()["results"]]

        assert codes() == ["q-needs", "q-talk"]
        assert codes(dimension="communication") == ["q-talk"]
        assert codes(kind="behavioural") == ["q-needs"]
        assert codes(position="sales-rep") == ["q-needs"]
        assert codes(q="客户") == ["q-needs"]

    def test_list_query_count_does_not_grow_with_questions(self, hr_api: Any, django_assert_num_queries: Any) -> None:
        hr_api.get(url("question-list"))  # the first request computes the actor
        with django_assert_num_queries(QUESTION_LIST_QUERIES):
            hr_api.get(url("question-list"))
        for number in range(5):
            hr_api.post(url("question-list"), question_body(code=f"q-{number}"), format="json")
        with django_assert_num_queries(QUESTION_LIST_QUERIES):
            response = hr_api.get(url("question-list"))
        assert response.json()["count"] == 6

    def test_detail(self, hr_api: Any) -> None:
        body = hr_api.get(url("question-detail", "q-needs")).json()
        assert (body["code"], body["kind"], body["positions"], body["is_active"]) == (
            "q-needs",
            "behavioural",
            ["sales-rep"],
            True,
        )
        [rubric] = body["rubrics"]
        assert (rubric["dimension"], rubric["version"], rubric["is_current"]) == ("customer-needs", 1, True)
        assert rubric["key_points"][0] == {
            "order": 1,
            "text": "识别客户需求",
            "text_en": "Identifies the customer's need",
            "weight": 2.0,
            "keywords": ["需求", "痛点"],
            "synonyms": ["诉求"],
            "example_phrases": ["我先问了客户三个问题"],
            "improvement_tip": "先提问再推荐",
            "improvement_tip_en": "Ask before you recommend",
        }

    def test_hr_creates_a_question(self, hr_api: Any) -> None:
        response = hr_api.post(url("question-list"), question_body(code="q-new"), format="json")
        assert response.status_code == 201
        body = response.json()
        assert (body["created"], body["changed"], body["new_rubric_versions"]) == (
            True,
            True,
            [{"dimension": "customer-needs", "version": 1}],
        )
        assert body["question"]["code"] == "q-new"

    def test_creating_a_taken_code_is_a_conflict(self, hr_api: Any) -> None:
        before = database_counts()
        response = hr_api.post(url("question-list"), question_body(code="q-needs", text="别的"), format="json")
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "question_exists"
        assert database_counts() == before

    def test_a_changed_rubric_becomes_version_2_and_version_1_is_kept(self, hr_api: Any) -> None:
        # when
        response = hr_api.put(url("question-detail", "q-needs"), question_body("识别并确认客户需求"), format="json")
        # then
        assert response.status_code == 200
        body = response.json()
        assert (body["created"], body["changed"], body["new_rubric_versions"]) == (
            False,
            True,
            [{"dimension": "customer-needs", "version": 2}],
        )
        assert body["question"]["rubrics"][0]["key_points"][0]["text"] == "识别并确认客户需求"
        history = hr_api.get(url("question-rubrics", "q-needs")).json()
        assert [(r["version"], r["is_current"], r["created_by"], r["key_points"][0]["text"]) for r in history] == [
            (2, True, "hr", "识别并确认客户需求"),
            (1, False, "hr", "识别客户需求"),
        ]

    def test_an_unchanged_put_creates_no_version(self, hr_api: Any) -> None:
        before = database_counts()
        response = hr_api.put(url("question-detail", "q-needs"), question_body(), format="json")
        assert response.status_code == 200
        assert (response.json()["changed"], response.json()["new_rubric_versions"]) == (False, [])
        assert database_counts() == before

    def test_service_errors_name_the_rubric_and_key_point(self, hr_api: Any) -> None:
        before = database_counts()
        body = question_body()
        body["rubrics"][0]["key_points"][1]["weight"] = "0"
        response = hr_api.put(url("question-detail", "q-needs"), body, format="json")
        assert response.status_code == 400
        assert response.json()["error"]["fields"] == {
            "rubrics.customer-needs.key_points.2": ["The weight must be above 0 and at most 100."]
        }
        assert database_counts() == before


# --- import and export ------------------------------------------------------------------------------------------


def bank(questions: list[dict[str, Any]]) -> SimpleUploadedFile:
    document = {"format": "talentloop.question_bank", "version": 1, "questions": questions}
    return SimpleUploadedFile("bank.json", json.dumps(document).encode(), content_type="application/json")


def json_question(code: str, **changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "code": code,
        "kind": "behavioural",
        "text": f"问题 {code}",
        "rubrics": [{"dimension": "customer-needs", "key_points": [{"text": "识别需求", "weight": 1}]}],
    }
    item.update(changes)
    return item


@pytest.mark.django_db
class TestImportExport:
    @pytest.mark.parametrize(("file_format", "content_type"), [("json", "application/json"), ("xlsx", XLSX)])
    def test_export_then_import_is_all_unchanged(
        self, hr_api: Any, fixed_day: date, file_format: str, content_type: str
    ) -> None:
        hr_api.post(url("question-list"), question_body(code="q-second"), format="json")
        exported = hr_api.get(url("question-bank-export"), {"format": file_format})
        assert exported.status_code == 200
        assert exported["Content-Type"] == content_type
        assert exported["Content-Disposition"] == f'attachment; filename="question-bank-2026-11-25.{file_format}"'
        before = database_counts()
        upload = SimpleUploadedFile(f"bank.{file_format}", exported.content)
        response = hr_api.post(url("question-bank-import"), {"file": upload}, format="multipart")
        assert response.status_code == 200
        assert response.json() == {"created": 0, "updated": 0, "unchanged": 2, "rubric_versions": 0}
        assert database_counts() == before

    def test_an_unknown_export_format_is_refused(self, hr_api: Any) -> None:
        response = hr_api.get(url("question-bank-export"), {"format": "csv"})
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        assert response.json()["error"]["fields"] == {"format": ["Use json or xlsx."]}

    def test_a_valid_json_file_is_imported(self, hr_api: Any) -> None:
        upload = bank(
            [
                json_question("q-new", positions=["support"]),
                json_question("q-needs", text="请描述一次你发现客户真实需求的经历。", positions=["sales-rep"]),
            ]
        )
        response = hr_api.post(url("question-bank-import"), {"file": upload}, format="multipart")
        assert response.status_code == 200
        assert response.json() == {"created": 1, "updated": 1, "unchanged": 0, "rubric_versions": 2}
        assert [r.version for r in Rubric.objects.filter(question__code="q-needs").order_by("version")] == [1, 2]
        assert list(Question.objects.get(code="q-new").positions.values_list("code", flat=True)) == ["support"]

    def test_a_malformed_json_file_lists_every_rejected_row_and_imports_nothing(self, hr_api: Any) -> None:
        before = database_counts()
        upload = bank(
            [
                json_question(
                    "bad-weight",
                    rubrics=[{"dimension": "customer-needs", "key_points": [{"text": "要点", "weight": "heavy"}]}],
                ),
                json_question("bad-dimension", rubrics=[{"dimension": "charisma", "key_points": [{"text": "要点"}]}]),
                json_question("no-text", text=""),
                json_question("fine"),
            ]
        )
        response = hr_api.post(url("question-bank-import"), {"file": upload}, format="multipart")
        assert response.status_code == 400
        assert response.json() == {
            "error": {
                "code": "import_rejected",
                "message": "Nothing was imported: 3 problems were found.",
                "fields": {
                    "questions[1] (bad-weight)": ["rubrics.customer-needs.key_points.1: The weight must be a number."],
                    "questions[2] (bad-dimension)": ["rubrics.charisma: Unknown dimension “charisma”."],
                    "questions[3] (no-text)": ["text: Write the question in Chinese, English or both."],
                },
            }
        }
        assert database_counts() == before

    def test_a_malformed_workbook_names_sheet_and_row(self, hr_api: Any) -> None:
        workbook = Workbook()
        questions = workbook.active
        assert questions is not None
        questions.title = "questions"
        questions.append(["code", "kind", "text", "text_en", "reference_answer", "positions",
                          "expected_answer_seconds", "preparation_seconds", "max_answer_seconds", "allowed_retries",
                          "is_active"])  # fmt: skip
        questions.append(["x-1", "behavioural", "问题一", "", "", "", 120, 30, 180, 1, "yes"])
        questions.append(["x-2", "behavioural", "问题二", "", "", "", 120, 30, 180, 1, "maybe"])
        rubrics = workbook.create_sheet("rubrics")
        rubrics.append(["question_code", "dimension", "anchor_1", "anchor_2", "anchor_3", "anchor_4", "anchor_5"])
        points = workbook.create_sheet("key_points")
        points.append(["question_code", "dimension", "order", "text", "text_en", "weight", "keywords", "synonyms",
                       "example_phrases", "improvement_tip", "improvement_tip_en"])  # fmt: skip
        points.append(["x-1", "customer-needs", 1, "要点", "", "heavy", "", "", "", "", ""])
        points.append(["x-2", "customer-needs", 1, "要点", "", 1, "", "", "", "", ""])
        points.append(["x-9", "customer-needs", 1, "要点", "", 1, "", "", "", "", ""])
        buffer = io.BytesIO()
        workbook.save(buffer)
        before = database_counts()
        upload = SimpleUploadedFile("bank.xlsx", buffer.getvalue())
        response = hr_api.post(url("question-bank-import"), {"file": upload}, format="multipart")
        assert response.status_code == 400
        assert response.json()["error"]["fields"] == {
            "sheet key_points, row 4": ["No question with code “x-9”."],
            "sheet questions, row 2 (x-1)": ["rubrics.customer-needs.key_points.1: The weight must be a number."],
            "sheet questions, row 3 (x-2)": ["is_active must be yes or no."],
        }
        assert database_counts() == before

    def test_an_unreadable_file_is_refused(self, hr_api: Any) -> None:
        before = database_counts()
        upload = SimpleUploadedFile("bank.xlsx", b"not a workbook")
        response = hr_api.post(url("question-bank-import"), {"file": upload}, format="multipart")
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["code"] == "import_file_unreadable"
        assert error["message"].startswith("The file is not a readable XLSX workbook")
        assert database_counts() == before

    def test_an_exported_workbook_has_the_three_sheets(self, hr_api: Any) -> None:
        exported = hr_api.get(url("question-bank-export"), {"format": "xlsx"})
        workbook = load_workbook(io.BytesIO(exported.content))
        assert workbook.sheetnames == ["questions", "rubrics", "key_points"]
        assert [row[0] for row in workbook["key_points"].iter_rows(min_row=2, values_only=True)] == ["q-needs"] * 2


# --- who may do what --------------------------------------------------------------------------------------------

READS = [
    ("dimension-list", []),
    ("dimension-detail", ["communication"]),
    ("job-profile-list", []),
    ("question-list", []),
    ("question-detail", ["q-needs"]),
    ("question-rubrics", ["q-needs"]),
    ("question-bank-export", []),
]
WRITES = [
    ("post", "dimension-list", []),
    ("put", "dimension-detail", ["communication"]),
    ("put", "job-profile-detail", ["sales-rep"]),
    ("post", "question-list", []),
    ("put", "question-detail", ["q-needs"]),
    ("post", "question-bank-import", []),
]


def call(client: Any, method: str, path: str) -> Any:
    if method == "get":
        return client.get(path)
    return getattr(client, method)(path, question_body(code="q-x"), format="json")


@pytest.mark.django_db
class TestAccess:
    @pytest.mark.parametrize(("name", "args"), READS)
    @pytest.mark.parametrize("persona", ["manager", "interviewer"])
    def test_staff_may_read(self, setup_world: SetupWorld, persona: str, name: str, args: list[str]) -> None:
        assert api_client_for(getattr(setup_world, persona)).get(url(name, *args)).status_code == 200

    @pytest.mark.parametrize(("method", "name", "args"), WRITES)
    @pytest.mark.parametrize("persona", ["manager", "interviewer"])
    def test_other_staff_may_not_write(
        self, setup_world: SetupWorld, persona: str, method: str, name: str, args: list[str]
    ) -> None:
        before = database_counts()
        response = call(api_client_for(getattr(setup_world, persona)), method, url(name, *args))
        assert response.status_code == 403
        assert response.json()["error"] == {
            "code": "permission_denied",
            "message": "Only HR can change interview set-up.",
            "fields": {},
        }
        assert database_counts() == before

    @pytest.mark.parametrize(("method", "name", "args"), [("get", name, args) for name, args in READS] + WRITES)
    @pytest.mark.parametrize("persona", ["candidate", "employee"])
    def test_candidates_and_employees_get_not_found(
        self, setup_world: SetupWorld, persona: str, method: str, name: str, args: list[str]
    ) -> None:
        before = database_counts()
        response = call(api_client_for(getattr(setup_world, persona)), method, url(name, *args))
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
        assert database_counts() == before

    @pytest.mark.parametrize(("method", "name", "args"), [("get", name, args) for name, args in READS] + WRITES)
    def test_anonymous_is_not_authenticated(
        self, setup_world: SetupWorld, method: str, name: str, args: list[str]
    ) -> None:
        before = database_counts()
        response = call(api_client_for(None), method, url(name, *args))
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"
        assert database_counts() == before
