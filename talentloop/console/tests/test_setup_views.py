"""HR's set-up pages: competency library, job profiles, question bank, import and export."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from talentloop.competencies.models import Dimension, JobProfile
from talentloop.console.setup_forms import QuestionEditor
from talentloop.console.tests.setup_helpers import SetupWorld, browser_for, database_counts, question_input
from talentloop.questionbank.models import Question, Rubric
from talentloop.questionbank.selectors import question_list
from talentloop.questionbank.services import question_save

pytest_plugins = ["talentloop.console.tests.conftest_setup"]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def form_values(*page_forms: forms.Form) -> dict[str, Any]:
    """What a browser submits for ``page_forms`` as the page shows them (their initial values)."""
    data: dict[str, Any] = {}
    for form in page_forms:
        for field in form:
            value = field.value()
            if isinstance(field.field, forms.BooleanField):
                if value:
                    data[field.html_name] = "on"
                continue
            if isinstance(field.field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
                data[field.html_name] = list(value or [])
                continue
            data[field.html_name] = "" if value is None else value
    return data


def editor_values(editor: QuestionEditor) -> dict[str, Any]:
    page_forms: list[forms.Form] = [editor.form]
    for block in editor.blocks:
        page_forms += [block.form, block.points.management_form, *block.points.forms]
    return {"rubric_count": str(len(editor.blocks)), **form_values(*page_forms)}


def messages_of(response: Any) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def hr_browser(setup_world: SetupWorld) -> Any:
    return browser_for(setup_world.hr)


# --- competency library -----------------------------------------------------------------------------------------


DIMENSION_POST = {
    "code": "teamwork",
    "name": "团队合作",
    "name_en": "Teamwork",
    "description": "与他人协作完成目标",
    "description_en": "",
    "kind": "competency",
    "anchor_1": "只关注自己的任务",
    "anchor_1_en": "Only their own task",
    "anchor_3": "主动配合同事",
    "anchor_3_en": "",
    "anchor_5": "推动团队达成共同目标",
    "anchor_5_en": "",
}


@pytest.mark.django_db
class TestCompetencyLibrary:
    def test_list_shows_each_dimension_with_its_anchors(self, setup_world: SetupWorld, hr_browser: Any) -> None:
        response = hr_browser.get(reverse("console:dimension_list"))
        assert response.status_code == 200
        assert [d.code for d in response.context["dimensions"]] == ["communication", "customer-needs"]
        page = response.content.decode()
        assert "系统识别并验证需求" in page
        assert reverse("console:dimension_edit", args=["customer-needs"]) in page

    def test_hr_adds_a_dimension(self, setup_world: SetupWorld, hr_browser: Any) -> None:
        # when
        response = hr_browser.post(reverse("console:dimension_create"), DIMENSION_POST, follow=True)
        # then
        assert response.redirect_chain == [(reverse("console:dimension_list"), 302)]
        assert messages_of(response) == ["Dimension 团队合作 saved."]
        dimension = Dimension.objects.get(code="teamwork")
        assert (dimension.name, dimension.name_en, dimension.description, dimension.kind) == (
            "团队合作",
            "Teamwork",
            "与他人协作完成目标",
            "competency",
        )
        assert [(a.level, a.description, a.description_en) for a in dimension.anchors.all()] == [
            (1, "只关注自己的任务", "Only their own task"),
            (3, "主动配合同事", ""),
            (5, "推动团队达成共同目标", ""),
        ]

    def test_a_missing_required_anchor_is_shown_and_nothing_is_saved(
        self, setup_world: SetupWorld, hr_browser: Any
    ) -> None:
        # given
        before = database_counts()
        # when level 3 is left empty
        response = hr_browser.post(reverse("console:dimension_create"), {**DIMENSION_POST, "anchor_3": ""})
        # then
        assert response.status_code == 200
        assert response.context["form"].errors == {"anchor_3": ["Describe what a level 3 answer looks like."]}
        assert "Describe what a level 3 answer looks like." in response.content.decode()
        assert database_counts() == before

    def test_hr_edits_a_dimension_and_its_anchors_are_replaced(self, setup_world: SetupWorld, hr_browser: Any) -> None:
        # when (the kind is fixed once created, whatever the request says)
        response = hr_browser.post(
            reverse("console:dimension_edit", args=["communication"]),
            {
                "name": "沟通表达",
                "name_en": "Communication",
                "kind": "delivery",
                "is_active": "on",
                "anchor_1": "表达混乱",
                "anchor_2": "基本清楚",
                "anchor_3": "清楚有条理",
                "anchor_5": "清楚、有说服力",
                "anchor_5_en": "Clear and convincing",
            },
        )
        # then
        assert response.status_code == 302
        dimension = Dimension.objects.get(code="communication")
        assert (dimension.name, dimension.kind, dimension.is_active) == ("沟通表达", "competency", True)
        assert [(a.level, a.description, a.description_en) for a in dimension.anchors.all()] == [
            (1, "表达混乱", ""),
            (2, "基本清楚", ""),
            (3, "清楚有条理", ""),
            (5, "清楚、有说服力", "Clear and convincing"),
        ]


# --- job profiles -----------------------------------------------------------------------------------------------


def profile_post(rows: list[tuple[str, str, str]], *, threshold: str = "70", blank_rows: int = 6) -> dict[str, Any]:
    data: dict[str, Any] = {
        "pass_threshold": threshold,
        "summary": "能发现并验证客户需求",
        "summary_en": "",
        "requirements-TOTAL_FORMS": str(len(rows) + blank_rows),
        "requirements-INITIAL_FORMS": "0",
        "requirements-MIN_NUM_FORMS": "0",
        "requirements-MAX_NUM_FORMS": "1000",
    }
    for index, (dimension, weight, level) in enumerate(rows + [("", "", "")] * blank_rows):
        data[f"requirements-{index}-dimension"] = dimension
        data[f"requirements-{index}-weight"] = weight
        data[f"requirements-{index}-required_level"] = level
    return data


@pytest.mark.django_db
class TestJobProfiles:
    def test_hr_saves_a_profile_and_the_list_shows_weights_as_percentages(
        self, setup_world: SetupWorld, hr_browser: Any
    ) -> None:
        # when
        response = hr_browser.post(
            reverse("console:job_profile_edit", args=["sales-rep"]),
            profile_post([("customer-needs", "3", "4"), ("communication", "1", "3")]),
            follow=True,
        )
        # then
        assert response.redirect_chain == [(reverse("console:job_profile_list"), 302)]
        assert messages_of(response) == ["Job profile of 销售代表 saved."]
        profile = JobProfile.objects.get(position__code="sales-rep")
        assert (profile.pass_threshold, profile.summary) == (70, "能发现并验证客户需求")
        assert [(r.dimension.code, r.weight, r.required_level) for r in profile.requirements.all()] == [
            ("customer-needs", Decimal("3.00"), 4),
            ("communication", Decimal("1.00"), 3),
        ]
        [item] = response.context["profiles"]
        assert [(row["requirement"].dimension.code, row["percent"]) for row in item["rows"]] == [
            ("customer-needs", Decimal("75.0")),
            ("communication", Decimal("25.0")),
        ]
        page = response.content.decode()
        assert "<td>客户需求</td><td>75%</td><td>4</td>" in page
        assert "<td>沟通能力</td><td>25%</td><td>3</td>" in page

    def test_the_edit_page_shows_the_saved_rows_and_blank_ones(self, setup_world: SetupWorld, hr_browser: Any) -> None:
        hr_browser.post(
            reverse("console:job_profile_edit", args=["sales-rep"]), profile_post([("customer-needs", "3", "4")])
        )
        response = hr_browser.get(reverse("console:job_profile_edit", args=["sales-rep"]))
        formset = response.context["formset"]
        assert len(formset.forms) == 8
        assert formset.forms[0].initial == {
            "dimension": "customer-needs",
            "weight": Decimal("3.00"),
            "required_level": 4,
        }
        assert response.context["form"].initial["pass_threshold"] == 70

    def test_a_service_error_is_shown_on_its_row_and_nothing_is_saved(
        self, setup_world: SetupWorld, hr_browser: Any
    ) -> None:
        before = database_counts()
        response = hr_browser.post(
            reverse("console:job_profile_edit", args=["sales-rep"]),
            profile_post([("customer-needs", "3", "4"), ("communication", "0", "3")]),
        )
        assert response.status_code == 200
        rows = response.context["formset"].forms
        assert rows[0].errors == {}
        assert rows[1].non_field_errors() == ["A competency needs a weight above 0; remove it instead."]
        assert database_counts() == before

    def test_a_half_filled_row_is_refused(self, setup_world: SetupWorld, hr_browser: Any) -> None:
        before = database_counts()
        response = hr_browser.post(
            reverse("console:job_profile_edit", args=["sales-rep"]), profile_post([("customer-needs", "", "4")])
        )
        assert response.context["formset"].forms[0].errors == {"weight": ["This field is required."]}
        assert database_counts() == before


# --- question bank ----------------------------------------------------------------------------------------------


@pytest.mark.django_db
class TestQuestionBankPages:
    def test_list_filters_through_htmx(self, setup_world: SetupWorld, hr_browser: Any) -> None:
        question_save(actor=setup_world.hr, data=question_input("q-talk", dimension="communication", text="介绍你自己"))
        # when
        response = hr_browser.get(
            reverse("console:question_list"), {"dimension": "communication"}, headers={"HX-Request": "true"}
        )
        # then only the partial comes back, with the matching question
        assert [t.name for t in response.templates] == ["console/setup/_question_rows.html"]
        assert [q.code for q in response.context["page"]] == ["q-talk"]
        assert [q.code for q in hr_browser.get(reverse("console:question_list"), {"q": "客户"}).context["page"]] == [
            "q-needs"
        ]
        assert [
            q.code for q in hr_browser.get(reverse("console:question_list"), {"position": "support"}).context["page"]
        ] == []

    def test_list_query_count_does_not_grow_with_questions(
        self, setup_world: SetupWorld, hr_browser: Any, django_assert_num_queries: Any
    ) -> None:
        url = reverse("console:question_list")
        hr_browser.get(url)  # warm the session
        # the navigation counts HR's open review requests, the threads waiting for HR and the open tasks, and the
        # top bar HR's unread notifications, on every page.
        with django_assert_num_queries(15):
            hr_browser.get(url)
        for number in range(5):
            question_save(actor=setup_world.hr, data=question_input(f"q-{number}"))
        with django_assert_num_queries(15):
            response = hr_browser.get(url)
        assert len(response.context["page"]) == 6

    def test_detail_shows_current_rubric_and_history(self, setup_world: SetupWorld, hr_browser: Any) -> None:
        response = hr_browser.get(reverse("console:question_detail", args=["q-needs"]))
        assert response.status_code == 200
        [rubric] = response.context["rubrics"]
        assert (rubric.dimension.code, rubric.version) == ("customer-needs", 1)
        page = response.content.decode()
        for shown in (
            "识别客户需求",
            "需求; 痛点",
            "诉求",
            "我先问了客户三个问题",
            "先提问再推荐",
            "Ask before you recommend",
        ):
            assert shown in page
        assert "提出并验证需求" in page
        assert [(d.code, [r.version for r in versions]) for d, versions in response.context["history"]] == [
            ("customer-needs", [1])
        ]

    def test_editing_a_rubric_creates_version_2_and_keeps_version_1(
        self, setup_world: SetupWorld, hr_browser: Any
    ) -> None:
        # given the page as HR sees it, with the first key point reworded
        question = question_list().get(code="q-needs")
        data = editor_values(QuestionEditor(None, dimensions=Dimension.objects.all(), question=question))
        assert data["rubric-0-points-0-text"] == "识别客户需求"
        data["rubric-0-points-0-text"] = "识别并确认客户需求"
        data["rubric-0-points-0-keywords"] = "需求，痛点; 确认"
        # when
        response = hr_browser.post(reverse("console:question_edit", args=["q-needs"]), data, follow=True)
        # then
        assert response.redirect_chain == [(reverse("console:question_detail", args=["q-needs"]), 302)]
        assert messages_of(response) == ["A new rubric version was created: 客户需求, version 2."]
        rubrics = list(Rubric.objects.filter(question__code="q-needs").order_by("version"))
        assert [(r.version, r.is_current) for r in rubrics] == [(1, False), (2, True)]
        assert [(p.text, p.keywords) for p in rubrics[0].key_points.all()] == [
            ("识别客户需求", ["需求", "痛点"]),
            ("给出结果", ["结果"]),
        ]
        assert [(p.text, p.weight, p.keywords, p.synonyms, p.example_phrases) for p in rubrics[1].key_points.all()] == [
            ("识别并确认客户需求", Decimal("2.00"), ["需求", "痛点", "确认"], ["诉求"], ["我先问了客户三个问题"]),
            ("给出结果", Decimal("1.00"), ["结果"], [], []),
        ]
        assert rubrics[1].level_anchors == {"1": "没有提到客户", "3": "提到需求但没有验证", "5": "提出并验证需求"}
        assert rubrics[1].created_by == setup_world.hr
        assert "version 2" in response.content.decode()
        assert [[r.version for r in versions] for _d, versions in response.context["history"]] == [[2, 1]]

    def test_saving_an_unchanged_page_creates_no_version(self, setup_world: SetupWorld, hr_browser: Any) -> None:
        question = question_list().get(code="q-needs")
        data = editor_values(QuestionEditor(None, dimensions=Dimension.objects.all(), question=question))
        before = database_counts()
        response = hr_browser.post(reverse("console:question_edit", args=["q-needs"]), data, follow=True)
        assert messages_of(response) == ["Nothing changed; no new rubric version was created."]
        assert database_counts() == before

    def test_hr_creates_a_question_with_a_rubric(self, setup_world: SetupWorld, hr_browser: Any) -> None:
        data = editor_values(QuestionEditor(None, dimensions=Dimension.objects.all()))
        data.update(
            {
                "code": "q-pitch",
                "kind": "situational",
                "text": "客户说价格太高，你怎么办？",
                "positions": ["sales-rep", "support"],
                "rubric-0-dimension": "communication",
                "rubric-0-anchor_1": "直接降价",
                "rubric-0-points-0-text": "先了解原因",
                "rubric-0-points-0-weight": "",
                "rubric-0-points-0-synonyms": "原因；理由、顾虑",
                "rubric-0-points-0-example_phrases": "您觉得哪里贵？\n\n和什么相比？",
            }
        )
        response = hr_browser.post(reverse("console:question_create"), data, follow=True)
        assert messages_of(response) == ["Question q-pitch created."]
        question = Question.objects.get(code="q-pitch")
        assert (question.kind, question.text, sorted(p.code for p in question.positions.all())) == (
            "situational",
            "客户说价格太高，你怎么办？",
            ["sales-rep", "support"],
        )
        rubric = Rubric.objects.get(question=question)
        assert (rubric.dimension.code, rubric.version, rubric.level_anchors) == ("communication", 1, {"1": "直接降价"})
        assert [(p.text, p.weight, p.synonyms, p.example_phrases) for p in rubric.key_points.all()] == [
            ("先了解原因", Decimal("1.00"), ["原因", "理由", "顾虑"], ["您觉得哪里贵？", "和什么相比？"])
        ]

    def test_creating_with_a_taken_code_does_not_overwrite(self, setup_world: SetupWorld, hr_browser: Any) -> None:
        data = editor_values(QuestionEditor(None, dimensions=Dimension.objects.all()))
        data.update({"code": "q-needs", "kind": "technical", "text": "别的问题", "rubric-0-dimension": "communication"})
        data["rubric-0-points-0-text"] = "要点"
        before = database_counts()
        response = hr_browser.post(reverse("console:question_create"), data)
        assert response.context["editor"].form.errors == {"code": ["A question with this code already exists."]}
        assert database_counts() == before

    def test_service_errors_land_on_the_key_point_row(self, setup_world: SetupWorld, hr_browser: Any) -> None:
        question = question_list().get(code="q-needs")
        data = editor_values(QuestionEditor(None, dimensions=Dimension.objects.all(), question=question))
        data["rubric-0-points-1-weight"] = "0"
        data["text"] = ""
        data["text_en"] = ""
        before = database_counts()
        response = hr_browser.post(reverse("console:question_edit", args=["q-needs"]), data)
        editor = response.context["editor"]
        assert editor.form.errors == {"text": ["Write the question in Chinese, English or both."]}
        assert editor.blocks[0].points.forms[1].non_field_errors() == ["The weight must be above 0 and at most 100."]
        assert database_counts() == before

    def test_deactivate_and_activate(self, setup_world: SetupWorld, hr_browser: Any) -> None:
        url = reverse("console:question_set_active", args=["q-needs"])
        response = hr_browser.post(url, {"active": "0"}, follow=True)
        assert messages_of(response) == ["Question q-needs is deactivated; new templates will not use it."]
        assert Question.objects.get(code="q-needs").is_active is False
        hr_browser.post(url, {"active": "1"})
        assert Question.objects.get(code="q-needs").is_active is True


# --- import and export ------------------------------------------------------------------------------------------


def bank_document(questions: list[dict[str, Any]]) -> bytes:
    return json.dumps({"format": "talentloop.question_bank", "version": 1, "questions": questions}).encode()


def json_question(code: str, **changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "code": code,
        "kind": "behavioural",
        "text": f"问题 {code}",
        "positions": ["sales-rep"],
        "rubrics": [{"dimension": "customer-needs", "key_points": [{"text": "识别需求", "weight": 1}]}],
    }
    item.update(changes)
    return item


MALFORMED = [
    json_question(
        "bad-weight", rubrics=[{"dimension": "customer-needs", "key_points": [{"text": "要点", "weight": "heavy"}]}]
    ),
    json_question("bad-dimension", rubrics=[{"dimension": "charisma", "key_points": [{"text": "要点"}]}]),
    json_question("no-text", text=""),
    json_question("fine"),
]
MALFORMED_REJECTED = [
    ("questions[1] (bad-weight)", "rubrics.customer-needs.key_points.1: The weight must be a number."),
    ("questions[2] (bad-dimension)", "rubrics.charisma: Unknown dimension “charisma”."),
    ("questions[3] (no-text)", "text: Write the question in Chinese, English or both."),
]


@pytest.fixture
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> date:
    day = date(2026, 11, 25)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
    return day


@pytest.mark.django_db
class TestImportExport:
    @pytest.mark.parametrize(("file_format", "content_type"), [("json", "application/json"), ("xlsx", XLSX)])
    def test_export_then_import_changes_nothing(
        self, setup_world: SetupWorld, hr_browser: Any, fixed_day: date, file_format: str, content_type: str
    ) -> None:
        # when
        exported = hr_browser.get(reverse("console:question_bank_export"), {"format": file_format})
        # then
        assert exported.status_code == 200
        assert exported["Content-Type"] == content_type
        assert exported["Content-Disposition"] == f'attachment; filename="question-bank-2026-11-25.{file_format}"'
        if file_format == "json":
            assert [q["code"] for q in json.loads(exported.content)["questions"]] == ["q-needs"]
        else:
            workbook = load_workbook(io.BytesIO(exported.content))
            assert workbook.sheetnames == ["questions", "rubrics", "key_points"]
        # and importing the export back is a no-op
        before = database_counts()
        upload = SimpleUploadedFile(f"bank.{file_format}", exported.content)
        response = hr_browser.post(reverse("console:question_bank_import"), {"file": upload})
        report = response.context["report"]
        assert (report.created, report.updated, report.unchanged, report.rubric_versions, report.rejected) == (
            0,
            0,
            1,
            0,
            [],
        )
        assert database_counts() == before

    def test_import_creates_and_updates(self, setup_world: SetupWorld, hr_browser: Any) -> None:
        document = bank_document(
            [
                json_question("q-new"),
                json_question(
                    "q-needs",
                    text="请描述一次你发现客户真实需求的经历。",
                    text_en="Tell us about a time you found a customer's real need.",
                    rubrics=[{"dimension": "customer-needs", "key_points": [{"text": "识别需求", "weight": 3}]}],
                ),
            ]
        )
        response = hr_browser.post(
            reverse("console:question_bank_import"), {"file": SimpleUploadedFile("bank.json", document)}
        )
        page = response.content.decode()
        assert '<dd id="count-created">1</dd>' in page
        assert '<dd id="count-updated">1</dd>' in page
        assert '<dd id="count-unchanged">0</dd>' in page
        assert '<dd id="count-rubric-versions">2</dd>' in page
        assert [r.version for r in Rubric.objects.filter(question__code="q-needs").order_by("version")] == [1, 2]
        assert Question.objects.filter(code="q-new").count() == 1

    def test_a_malformed_file_lists_every_rejected_row_and_imports_nothing(
        self, setup_world: SetupWorld, hr_browser: Any
    ) -> None:
        before = database_counts()
        response = hr_browser.post(
            reverse("console:question_bank_import"), {"file": SimpleUploadedFile("bank.json", bank_document(MALFORMED))}
        )
        assert response.status_code == 200
        assert response.context["report"].rejected == MALFORMED_REJECTED
        page = response.content.decode()
        assert "Nothing was imported" in page
        assert "The file has 3 problems." in page
        for location, message in MALFORMED_REJECTED:
            assert f"<tr><td>{location}</td><td>{message}</td></tr>" in page
        assert database_counts() == before
        assert not Question.objects.filter(code="fine").exists()

    def test_an_unreadable_file_is_a_form_error(self, setup_world: SetupWorld, hr_browser: Any) -> None:
        before = database_counts()
        response = hr_browser.post(
            reverse("console:question_bank_import"), {"file": SimpleUploadedFile("bank.json", b"{not json")}
        )
        [error] = response.context["form"].errors["file"]
        assert error.startswith("The file is not valid JSON: ")
        assert response.context["report"] is None
        response = hr_browser.post(
            reverse("console:question_bank_import"), {"file": SimpleUploadedFile("bank.csv", b"code\n")}
        )
        assert response.context["form"].errors == {"file": ["Upload a .json or .xlsx file."]}
        assert database_counts() == before


# --- who may do what --------------------------------------------------------------------------------------------

READ_PAGES = [
    ("console:dimension_list", []),
    ("console:job_profile_list", []),
    ("console:question_list", []),
    ("console:question_detail", ["q-needs"]),
    ("console:question_bank_export", []),
]
WRITE_PAGES = [
    ("console:dimension_create", []),
    ("console:dimension_edit", ["communication"]),
    ("console:job_profile_edit", ["sales-rep"]),
    ("console:question_create", []),
    ("console:question_edit", ["q-needs"]),
    ("console:question_set_active", ["q-needs"]),
    ("console:question_bank_import", []),
]


@pytest.mark.django_db
class TestAccess:
    @pytest.mark.parametrize(("name", "args"), READ_PAGES)
    @pytest.mark.parametrize("persona", ["manager", "interviewer"])
    def test_staff_may_read(self, setup_world: SetupWorld, persona: str, name: str, args: list[str]) -> None:
        response = browser_for(getattr(setup_world, persona)).get(reverse(name, args=args))
        assert response.status_code == 200

    @pytest.mark.parametrize(("name", "args"), WRITE_PAGES)
    @pytest.mark.parametrize("persona", ["manager", "interviewer"])
    def test_other_staff_may_not_write(self, setup_world: SetupWorld, persona: str, name: str, args: list[str]) -> None:
        before = database_counts()
        response = browser_for(getattr(setup_world, persona)).post(reverse(name, args=args), {"active": "0"})
        assert response.status_code == 403
        assert database_counts() == before

    @pytest.mark.parametrize(("name", "args"), READ_PAGES + WRITE_PAGES)
    @pytest.mark.parametrize("persona", ["candidate", "employee"])
    def test_candidates_and_employees_see_nothing(
        self, setup_world: SetupWorld, persona: str, name: str, args: list[str]
    ) -> None:
        before = database_counts()
        browser = browser_for(getattr(setup_world, persona))
        # (the deactivate button only answers POST, so a GET is refused before anyone is asked who they are)
        expected = 405 if name == "console:question_set_active" else 404
        assert browser.get(reverse(name, args=args)).status_code == expected
        assert browser.post(reverse(name, args=args), {"active": "0"}).status_code == 404
        assert database_counts() == before

    @pytest.mark.parametrize(("name", "args"), READ_PAGES + WRITE_PAGES)
    def test_anonymous_is_sent_to_sign_in(self, setup_world: SetupWorld, name: str, args: list[str]) -> None:
        url = reverse(name, args=args)
        response = browser_for(None).get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('accounts:login')}?next={url}"

    def test_only_hr_sees_the_change_buttons(self, setup_world: SetupWorld) -> None:
        url = reverse("console:question_detail", args=["q-needs"])
        edit = reverse("console:question_edit", args=["q-needs"])
        assert edit in browser_for(setup_world.hr).get(url).content.decode()
        assert edit not in browser_for(setup_world.interviewer).get(url).content.decode()

    def test_navigation_offers_the_set_up_to_staff_only(self, setup_world: SetupWorld) -> None:
        def labels(user: Any) -> list[str]:
            return [
                str(item.label) for item in browser_for(user).get(reverse("home"), follow=True).context["nav_items"]
            ]

        assert {"Interviews", "Question bank"} <= set(labels(setup_world.interviewer))
        assert not {"Interviews", "Question bank"} & set(labels(setup_world.candidate))
