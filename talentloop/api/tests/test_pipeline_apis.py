"""The pipeline API: stages, board, move, reject, bulk (all-or-nothing), history, scorecards; who may do what."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from talentloop.accounts.models import User
from talentloop.competencies.models import Dimension
from talentloop.recruitment.models import Application, PipelineStage, StageMove
from talentloop.recruitment.tests.fixtures import RecruitmentWorld, external_application, stage_of

pytestmark = pytest.mark.django_db

K = PipelineStage.Kind


def _error(response: Any) -> dict[str, Any]:
    body = response.json()
    assert list(body) == ["error"]
    return body["error"]


@pytest.fixture
def cards(recruitment: RecruitmentWorld, hr: User) -> list[Application]:
    return [external_application(recruitment.external, name, hr=hr) for name in ("周一", "吴二", "郑三")]


def test_hr_reads_the_stages_and_the_board(
    client: Client, hr: User, recruitment: RecruitmentWorld, cards: list[Application]
) -> None:
    client.force_login(hr)
    opening = recruitment.external

    stages = client.get(f"/api/v1/openings/{opening.pk}/stages/").json()
    board = client.get(f"/api/v1/openings/{opening.pk}/board/").json()

    assert [(s["position"], s["kind"]) for s in stages] == [
        (1, "screening"),
        (2, "ai_interview"),
        (3, "human_interview"),
        (4, "background_check"),
        (5, "offer"),
        (6, "hired"),
    ]
    assert [len(column["cards"]) for column in board["columns"]] == [0, 3, 0, 0, 0, 0]
    assert board["columns"][1]["cards"][0] | {"stage_entered_at": None} == {
        "application": cards[0].pk,
        "person_name": "周一",
        "status": "active",
        "source": "external",
        "stage_entered_at": None,
        "ai_overall": None,
        "ai_passed": None,
        "days_in_stage": 0,
        "scorecard_count": 0,
    }


def test_hr_moves_rejects_and_reads_the_history(
    client: Client, hr: User, recruitment: RecruitmentWorld, cards: list[Application]
) -> None:
    client.force_login(hr)
    human = stage_of(recruitment.external, K.HUMAN_INTERVIEW)

    moved = client.post(
        f"/api/v1/applications/{cards[0].pk}/move/", {"to_stage": human.pk}, content_type="application/json"
    )
    rejected = client.post(
        f"/api/v1/applications/{cards[0].pk}/reject/",
        {"reason": "experience", "note": "经验不足"},
        content_type="application/json",
    )
    again = client.post(
        f"/api/v1/applications/{cards[0].pk}/move/", {"to_stage": human.pk}, content_type="application/json"
    )
    history = client.get(f"/api/v1/applications/{cards[0].pk}/history/").json()

    assert (moved.status_code, rejected.status_code, again.status_code) == (200, 200, 409)
    assert _error(again)["code"] == "application_status"
    assert [(m["to_status"], m["reason"], m["note"]) for m in history] == [
        ("active", "", ""),
        ("active", "", ""),
        ("rejected", "experience", "经验不足"),
    ]


def test_bulk_is_all_or_nothing(
    client: Client, hr: User, recruitment: RecruitmentWorld, cards: list[Application]
) -> None:
    client.force_login(hr)
    opening = recruitment.external
    Application.objects.filter(pk=cards[2].pk).update(status="withdrawn")
    before = StageMove.objects.count()

    refused = client.post(
        f"/api/v1/openings/{opening.pk}/applications/bulk-reject/",
        {"applications": [c.pk for c in cards], "reason": "position_filled"},
        content_type="application/json",
    )
    moved = client.post(
        f"/api/v1/openings/{opening.pk}/applications/bulk-move/",
        {"applications": [cards[0].pk, cards[1].pk], "to_stage": stage_of(opening, K.OFFER).pk},
        content_type="application/json",
    )

    assert refused.status_code == 400
    assert _error(refused)["code"] == "bulk_invalid"
    assert len(_error(refused)["fields"]["applications"]) == 1
    assert moved.status_code == 200 and len(moved.json()) == 2
    assert StageMove.objects.count() == before + 2


def test_a_hiring_manager_reads_and_scores_but_cannot_move(
    client: Client, hr: User, rnd_manager: User, recruitment: RecruitmentWorld, cards: list[Application]
) -> None:
    client.force_login(hr)
    client.post(
        f"/api/v1/applications/{cards[0].pk}/move/",
        {"to_stage": stage_of(recruitment.external, K.HUMAN_INTERVIEW).pk},
        content_type="application/json",
    )
    client.force_login(rnd_manager)
    dimension = Dimension.objects.get(code="problem-solving")

    board = client.get(f"/api/v1/openings/{recruitment.external.pk}/board/")
    move = client.post(
        f"/api/v1/applications/{cards[1].pk}/move/",
        {"to_stage": stage_of(recruitment.external, K.OFFER).pk},
        content_type="application/json",
    )
    card = client.post(
        f"/api/v1/applications/{cards[0].pk}/scorecards/",
        {"recommendation": "yes", "ratings": [{"dimension": dimension.pk, "rating": "4"}]},
        content_type="application/json",
    )
    listed = client.get(f"/api/v1/applications/{cards[0].pk}/scorecards/").json()

    assert (board.status_code, move.status_code, card.status_code) == (200, 403, 201)
    assert [(c["recommendation"], [r["rating"] for r in c["ratings"]]) for c in listed] == [("yes", [4])]


@pytest.mark.parametrize("persona", ["sales_manager", "employee", "candidate_a"])
def test_outsiders_get_404(
    client: Client,
    personas: dict[str, User | None],
    persona: str,
    recruitment: RecruitmentWorld,
    cards: list[Application],
) -> None:
    user = personas[persona]
    assert user is not None
    client.force_login(user)
    assert client.get(f"/api/v1/applications/{cards[0].pk}/history/").status_code == 404
    assert client.get(f"/api/v1/openings/{recruitment.external.pk}/board/").status_code in (403, 404)


def test_hr_replaces_the_stages_and_gets_a_clear_error_for_a_stage_in_use(
    client: Client, hr: User, recruitment: RecruitmentWorld, cards: list[Application]
) -> None:
    client.force_login(hr)
    opening = recruitment.external
    stages = [s for s in opening.stages.all() if s.kind != K.SCREENING]
    body = {"stages": [{"id": s.pk, "name": s.name, "name_en": s.name_en, "kind": s.kind} for s in stages]}

    ok = client.put(f"/api/v1/openings/{opening.pk}/stages/", body, content_type="application/json")
    body["stages"] = body["stages"][1:]  # drop AI 面试, where the cards are
    refused = client.put(f"/api/v1/openings/{opening.pk}/stages/", body, content_type="application/json")

    assert ok.status_code == 200 and [s["position"] for s in ok.json()] == [1, 2, 3, 4, 5]
    assert refused.status_code == 400
    assert _error(refused)["code"] == "stage_invalid"
    assert opening.stages.count() == 5


def test_the_schema_documents_the_pipeline_endpoints(client: Client, hr: User) -> None:
    client.force_login(hr)
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    assert {
        "/api/v1/openings/{opening_id}/stages/",
        "/api/v1/openings/{opening_id}/board/",
        "/api/v1/openings/{opening_id}/applications/bulk-move/",
        "/api/v1/openings/{opening_id}/applications/bulk-reject/",
        "/api/v1/applications/{application_id}/move/",
        "/api/v1/applications/{application_id}/reject/",
        "/api/v1/applications/{application_id}/history/",
        "/api/v1/applications/{application_id}/scorecards/",
    } <= set(paths)
