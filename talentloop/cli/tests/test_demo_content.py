"""The interview demo content: the shipped JSON files, and demo_load turning them into a working demo."""

from __future__ import annotations

import io
import json
from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from talentloop.cli import demo_interviews
from talentloop.cli.demo import demo_load
from talentloop.cli.demo_interviews import demo_content_bytes, demo_dimensions_load
from talentloop.competencies.models import Dimension, JobProfile, JobProfileDimension, LevelAnchor
from talentloop.core.exceptions import ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.interviews.models import InterviewTemplate, Invitation, TemplateQuestion
from talentloop.interviews.tokens import token_read
from talentloop.org.models import Candidate, Company, Person
from talentloop.org.services import company_create, department_create, position_create
from talentloop.questionbank.errors import QuestionBankErrorCode
from talentloop.questionbank.io import question_bank_rows_from_json
from talentloop.questionbank.models import KeyPoint, Question, Rubric
from talentloop.questionbank.services import question_bank_import

PROFILE_POSITIONS = ["sales-rep", "backend-engineer", "production-supervisor"]
PERSUADE_CUSTOMER = "请描述一次你如何说服客户的经历"
LINE_EMERGENCY = "如何处理生产线上的突发问题"


def content(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(demo_content_bytes(name))
    return document


def database_counts() -> dict[str, int]:
    return {
        "dimensions": Dimension.objects.count(),
        "anchors": LevelAnchor.objects.count(),
        "job profiles": JobProfile.objects.count(),
        "profile dimensions": JobProfileDimension.objects.count(),
        "questions": Question.objects.count(),
        "rubrics": Rubric.objects.count(),
        "key points": KeyPoint.objects.count(),
        "templates": InterviewTemplate.objects.count(),
        "template questions": TemplateQuestion.objects.count(),
        "invitations": Invitation.objects.count(),
        "audit events": AuditEvent.objects.count(),
    }


def current_dimensions(question: Question) -> set[str]:
    return set(question.rubrics.filter(is_current=True).values_list("dimension__code", flat=True))


def invitation_id_of(link: str) -> int:
    named = token_read(link.rstrip("/").rsplit("/", 1)[-1])
    assert named is not None
    return named[0]


# --- the files -------------------------------------------------------------------------------------------------


def test_competency_library_has_ten_dimensions_anchored_at_every_level_in_both_languages() -> None:
    document = content("competencies.json")

    dimensions = document["dimensions"]

    assert (document["format"], document["version"]) == ("talentloop.competencies", 1)
    assert [d["code"] for d in dimensions] == [
        "communication", "problem-solving", "teamwork", "customer-needs", "negotiation", "professional-skill",
        "incident-handling", "technical-innovation", "cross-team-collaboration", "risk-control",
    ]  # fmt: skip
    for dimension in dimensions:
        assert dimension["name"] and dimension["name_en"] and dimension["description"] and dimension["description_en"]
        assert sorted(dimension["anchors"]) == ["1", "2", "3", "4", "5"]
        for anchor in dimension["anchors"].values():
            assert anchor["description"].strip() and anchor["description_en"].strip()


def test_job_profiles_weigh_the_dimensions_each_role_needs_most() -> None:
    document = content("job_profiles.json")

    profiles = {p["position"]: p for p in document["profiles"]}

    assert (document["format"], document["version"]) == ("talentloop.job_profiles", 1)
    assert list(profiles) == PROFILE_POSITIONS
    heaviest = {
        position: [r["dimension"] for r in sorted(p["requirements"], key=lambda r: -r["weight"])[:2]]
        for position, p in profiles.items()
    }
    assert heaviest == {
        "sales-rep": ["customer-needs", "negotiation"],
        "backend-engineer": ["professional-skill", "problem-solving"],
        "production-supervisor": ["incident-handling", "risk-control"],
    }
    assert {position: sorted(r["dimension"] for r in p["requirements"]) for position, p in profiles.items()} == {
        "sales-rep": ["communication", "customer-needs", "negotiation", "problem-solving"],
        "backend-engineer": [
            "cross-team-collaboration",
            "problem-solving",
            "professional-skill",
            "technical-innovation",
        ],
        "production-supervisor": ["communication", "incident-handling", "risk-control", "teamwork"],
    }
    for profile in profiles.values():
        assert profile["summary"] and profile["summary_en"]
        assert 0 < profile["pass_threshold"] <= 100
        assert all(1 <= r["required_level"] <= 5 for r in profile["requirements"])


def test_question_bank_has_six_to_ten_questions_per_profile_and_a_few_generic_ones() -> None:
    document = content("question_bank.json")

    questions = document["questions"]

    assert (document["format"], document["version"]) == ("talentloop.question_bank", 1)
    written_for = Counter(position for q in questions for position in q["positions"] if position in PROFILE_POSITIONS)
    assert written_for == {"sales-rep": 8, "backend-engineer": 8, "production-supervisor": 8}
    assert sum(1 for q in questions if not q["positions"]) == 3
    assert len(questions) == 27
    assert Counter(q["kind"] for q in questions) == {"behavioural": 13, "situational": 10, "technical": 4}
    assert sum(len(q["rubrics"]) for q in questions) == 54
    assert sum(len(r["key_points"]) for q in questions for r in q["rubrics"]) == 170


def test_every_rubric_is_complete_and_every_key_point_is_checkable_and_bilingual() -> None:
    questions = content("question_bank.json")["questions"]

    for question in questions:
        assert question["text"] and question["text_en"] and question["reference_answer"], question["code"]
        assert question["preparation_seconds"] < question["expected_answer_seconds"] <= question["max_answer_seconds"]
        for rubric in question["rubrics"]:
            where = f"{question['code']} / {rubric['dimension']}"
            assert {"1", "3", "5"} <= set(rubric["level_anchors"]), where
            assert 3 <= len(rubric["key_points"]) <= 5, where
            for point in rubric["key_points"]:
                assert point["text"] and point["text_en"], where
                assert point["improvement_tip"] and point["improvement_tip_en"], where
                assert point["weight"] > 0, where
                assert len(point["keywords"]) >= 3 and len(point["synonyms"]) >= 3, where
                assert point["example_phrases"], where
                terms = point["keywords"] + point["synonyms"]
                assert any(not term.isascii() for term in terms), f"{where}: no Chinese term"
                assert any(term.isascii() for term in terms), f"{where}: no English term"


@pytest.mark.django_db
def test_question_bank_imports_into_a_fresh_bank_with_no_rejected_rows() -> None:
    company = company_create(name="测试公司", slug="test")
    department = department_create(company=company, name="总部", code="hq")
    for code in ["sales-rep", "key-account-manager", "backend-engineer", "production-supervisor"]:
        position_create(department=department, title=code, code=code)
    demo_dimensions_load()

    report = question_bank_import(
        actor=None, rows=question_bank_rows_from_json(demo_content_bytes("question_bank.json"))
    )

    assert report.rejected == []
    assert (report.created, report.updated, report.unchanged, report.rubric_versions) == (27, 0, 0, 54)
    assert (Question.objects.count(), Rubric.objects.count(), KeyPoint.objects.count()) == (27, 54, 170)


# --- demo_load -------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_load_creates_the_interview_content() -> None:
    demo_load()

    counts = database_counts()

    del counts["audit events"]
    assert counts == {
        "dimensions": 10,
        "anchors": 50,
        "job profiles": 3,
        "profile dimensions": 12,
        "questions": 27,
        "rubrics": 54,
        "key points": 170,
        "templates": 3,
        "template questions": 18,
        "invitations": 6 + 9 + 3,  # six open links, nine interviews already taken, three careers-site applicants
    }
    assert set(Rubric.objects.values_list("is_current", flat=True)) == {True}


@pytest.mark.django_db
def test_demo_load_twice_changes_nothing() -> None:
    first = demo_load()
    counts = database_counts()
    invitations = set(Invitation.objects.values_list("pk", "token_nonce", "expires_at"))

    second = demo_load()

    assert database_counts() == counts
    assert set(Invitation.objects.values_list("pk", "token_nonce", "expires_at")) == invitations
    assert {name: invitation_id_of(link.link) for name, link in second.interview_links.items()} == {
        name: invitation_id_of(link.link) for name, link in first.interview_links.items()
    }


@pytest.mark.django_db
def test_each_profile_template_covers_all_its_weighted_dimensions_with_questions_written_for_the_role() -> None:
    demo_load()

    for profile in JobProfile.objects.select_related("position"):
        weighted = set(profile.requirements.filter(weight__gt=0).values_list("dimension__code", flat=True))
        template = InterviewTemplate.objects.get(job_profile=profile)
        questions = [item.question for item in template.items.order_by("order")]

        covered = set().union(*(current_dimensions(question) for question in questions))
        assert weighted <= covered, profile.position.code
        assert len(questions) == 6
        assert all(profile.position in question.positions.all() for question in questions), profile.position.code


@pytest.mark.django_db
def test_seed_questions_exist_with_their_required_dimensions() -> None:
    demo_load()

    persuade = Question.objects.get(text__contains=PERSUADE_CUSTOMER)
    emergency = Question.objects.get(text__contains=LINE_EMERGENCY)

    assert persuade.kind == Question.Kind.BEHAVIOURAL
    assert "sales-rep" in persuade.positions.values_list("code", flat=True)
    assert {"customer-needs", "negotiation"} <= current_dimensions(persuade)
    needs = persuade.rubrics.get(is_current=True, dimension__code="customer-needs")
    needs_points = list(needs.key_points.order_by("order"))
    assert [p.text for p in needs_points] == [
        "识别客户的真实需求或顾虑，而不只是表面要求",
        "说明如何发现需求：提问、倾听、走访或分析数据",
        "方案设计与需求逐一对应，说明能给客户带来的价值",
        "量化结果：给出签约金额、百分比、时间或后续合作",
    ]
    assert needs_points[0].improvement_tip == "先说明客户的真实需求，而不只是你付出的努力。"
    assert "问题定义 → 方案设计 → 结果验证" in needs_points[2].improvement_tip
    assert sorted(needs.level_anchors) == ["1", "3", "5"]

    assert "production-supervisor" in emergency.positions.values_list("code", flat=True)
    assert {"incident-handling", "teamwork", "risk-control"} <= current_dimensions(emergency)
    sales_template = InterviewTemplate.objects.get(job_profile__position__code="sales-rep")
    production_template = InterviewTemplate.objects.get(job_profile__position__code="production-supervisor")
    assert sales_template.items.get(order=1).question == persuade
    assert production_template.items.get(order=1).question == emergency


@pytest.mark.django_db
def test_every_loaded_key_point_has_an_improvement_tip_in_both_languages() -> None:
    demo_load()

    points = KeyPoint.objects.all()

    assert points.count() == 170
    assert points.filter(improvement_tip="").count() == 0
    assert points.filter(improvement_tip_en="").count() == 0
    assert points.filter(text_en="").count() == 0


@pytest.mark.django_db
def test_demo_candidates_are_invited_to_their_position_template_without_an_email() -> None:
    summary = demo_load()

    invited = {
        invitation.candidate.person.email: invitation.template.job_profile.position.code
        for invitation in Invitation.objects.exclude(application__resume__isnull=False).select_related(
            "candidate__person", "template__job_profile__position"
        )
    }
    from_careers_site = {
        (invitation.candidate.person.email, invitation.template.job_profile.position.code)
        for invitation in Invitation.objects.filter(application__resume__isnull=False).select_related(
            "candidate__person", "template__job_profile__position"
        )
    }

    assert from_careers_site == {
        ("chen.yuhang@example.com", "backend-engineer"),
        ("sophie.wang@example.com", "backend-engineer"),
        ("zheng.jie@example.com", "backend-engineer"),
    }
    assert invited == {
        "zhou.ting@example.com": "sales-rep",
        "wu.jie@example.com": "backend-engineer",
        "zheng.jie@example.com": "sales-rep",
        "he.qian@example.com": "backend-engineer",
        "ma.chao@example.com": "production-supervisor",
        "lin.xiao@example.com": "sales-rep",
        # the candidates who already took their interview
        "xu.wen@example.com": "sales-rep",
        "gao.peng@example.com": "sales-rep",
        "luo.dandan@example.com": "sales-rep",
        "tang.yifei@example.com": "backend-engineer",
        "han.xue@example.com": "backend-engineer",
        "cao.yu@example.com": "backend-engineer",
        "deng.jianguo@example.com": "production-supervisor",
        "song.zhiqiang@example.com": "production-supervisor",
        "huang.xiaolong@example.com": "production-supervisor",
    }
    assert set(Invitation.objects.values_list("send_count", flat=True)) == {0}
    assert sorted(summary.interview_links) == ["candidate1", "candidate2"]
    candidate1 = Invitation.objects.get(candidate__person__email="zhou.ting@example.com")
    assert invitation_id_of(summary.interview_links["candidate1"].link) == candidate1.pk


@pytest.mark.django_db
def test_a_candidate_whose_link_expired_gets_a_new_invitation() -> None:
    demo_load()
    expired = Invitation.objects.get(candidate__person__email="zhou.ting@example.com")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    summary = demo_load()

    fresh = Invitation.objects.exclude(pk=expired.pk).get(candidate__person__email="zhou.ting@example.com")
    assert fresh.expires_at > timezone.now()
    assert invitation_id_of(summary.interview_links["candidate1"].link) == fresh.pk
    assert Invitation.objects.count() == 19


@pytest.mark.django_db
def test_demo_load_command_prints_the_interview_links_of_candidate1_and_candidate2() -> None:
    out = io.StringIO()

    call_command("demo_load", stdout=out)

    output = out.getvalue()
    for email, heading in [("zhou.ting@example.com", "周婷 — 销售代表"), ("wu.jie@example.com", "吴杰 — 后端工程师")]:
        invitation = Invitation.objects.get(candidate__person__email=email)
        printed = [line.strip() for line in output.splitlines() if "/i/" in line]
        assert heading in output
        assert invitation.pk in [invitation_id_of(link) for link in printed]
    assert len([line for line in output.splitlines() if "/i/" in line]) == 2


def _rejected_bank(name: str) -> bytes:
    document = json.loads(demo_content_bytes(name))
    if name == "question_bank.json":
        document["questions"][0]["rubrics"][0]["dimension"] = "no-such-dimension"
    return json.dumps(document).encode()


@pytest.mark.django_db
def test_a_rejected_question_bank_stops_demo_load_and_writes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo_interviews, "demo_content_bytes", _rejected_bank)

    with pytest.raises(ValidationFailed) as raised:
        demo_load()

    assert raised.value.code == QuestionBankErrorCode.IMPORT_REJECTED
    assert "questions[1] (sales-persuade-customer)" in raised.value.message
    assert "no-such-dimension" in raised.value.message
    assert (Company.objects.count(), Person.objects.count(), Candidate.objects.count()) == (0, 0, 0)
    assert {name: count for name, count in database_counts().items() if count} == {}


@pytest.mark.django_db
def test_demo_load_command_reports_a_rejected_question_bank(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo_interviews, "demo_content_bytes", _rejected_bank)

    with pytest.raises(CommandError, match="The demo question bank was rejected"):
        call_command("demo_load", stdout=io.StringIO())

    assert Company.objects.count() == 0
