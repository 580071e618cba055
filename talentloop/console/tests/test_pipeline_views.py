"""The console's pipeline pages: the board (move by select, HTMX move, bulk move/reject), stage settings, the
application page with its history, the scorecard form; who sees and who changes; pinned query counts."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from talentloop.accounts.models import User
from talentloop.competencies.models import Dimension
from talentloop.recruitment.models import Application, PipelineStage, Scorecard, StageMove
from talentloop.recruitment.services import application_move
from talentloop.recruitment.tests.fixtures import RecruitmentWorld, external_application, stage_of

pytestmark = pytest.mark.django_db

K = PipelineStage.Kind


@pytest.fixture
def cards(recruitment: RecruitmentWorld, hr: User) -> list[Application]:
    return [external_application(recruitment.external, name, hr=hr) for name in ("周一", "吴二", "郑三")]


def test_hr_sees_the_board_with_a_column_per_stage(
    client: Client, hr: User, recruitment: RecruitmentWorld, cards: list[Application]
) -> None:
    client.force_login(hr)

    response = client.get(reverse("console:opening_board", args=[recruitment.external.pk]))

    assert response.status_code == 200
    columns = response.context["board"].columns
    assert [(c.stage.name, len(c.cards)) for c in columns] == [
        ("简历筛选", 0),
        ("AI 面试", 3),
        ("部门复试", 0),
        ("背景调查", 0),
        ("Offer", 0),
        ("入职", 0),
    ]
    assert response.context["can_move"] is True
    html = response.content.decode()
    assert 'name="to_stage"' in html and "pipeline_board.js" in html and 'draggable="true"' in html


def test_hr_moves_a_card_with_the_select_and_htmx_gets_the_board_back(
    client: Client, hr: User, recruitment: RecruitmentWorld, cards: list[Application]
) -> None:
    client.force_login(hr)
    human = stage_of(recruitment.external, K.HUMAN_INTERVIEW)
    url = reverse("console:opening_board_move", args=[recruitment.external.pk])

    plain = client.post(url, {"application": cards[0].pk, "to_stage": human.pk})
    htmx = client.post(url, {"application": cards[1].pk, "to_stage": human.pk}, HTTP_HX_REQUEST="true")

    assert plain.status_code == 302 and plain["Location"] == reverse(
        "console:opening_board", args=[recruitment.external.pk]
    )
    assert htmx.status_code == 200 and htmx.templates[0].name == "console/pipeline/_board.html"
    assert list(Application.objects.filter(stage=human).order_by("pk").values_list("pk", flat=True)) == [
        cards[0].pk,
        cards[1].pk,
    ]


def test_a_refused_htmx_move_answers_with_the_status_and_writes_nothing(
    client: Client, hr: User, recruitment: RecruitmentWorld, cards: list[Application]
) -> None:
    client.force_login(hr)
    before = StageMove.objects.count()
    response = client.post(
        reverse("console:opening_board_move", args=[recruitment.external.pk]),
        {"application": cards[0].pk, "to_stage": stage_of(recruitment.external, K.AI_INTERVIEW).pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    assert "周一 is already at AI 面试." in response.content.decode()
    assert StageMove.objects.count() == before


def test_bulk_reject_with_a_reason_and_bulk_move(
    client: Client, hr: User, recruitment: RecruitmentWorld, cards: list[Application]
) -> None:
    client.force_login(hr)
    url = reverse("console:opening_board_bulk", args=[recruitment.external.pk])
    offer = stage_of(recruitment.external, K.OFFER)

    rejected = client.post(url, {"action": "reject", "applications": [cards[0].pk], "reason": "skills_gap"})
    moved = client.post(url, {"action": "move", "applications": [cards[1].pk, cards[2].pk], "to_stage": offer.pk})
    refused = client.post(url, {"action": "move", "applications": [cards[0].pk, cards[1].pk], "to_stage": offer.pk})

    assert (rejected.status_code, moved.status_code, refused.status_code) == (302, 302, 302)
    assert list(Application.objects.order_by("pk").values_list("status", "rejection_reason", "stage")) == [
        ("rejected", "skills_gap", stage_of(recruitment.external, K.AI_INTERVIEW).pk),
        ("active", "", offer.pk),
        ("active", "", offer.pk),
    ]
    assert StageMove.objects.filter(actor=hr).count() == 3


def test_a_hiring_manager_reads_the_board_but_cannot_move(
    client: Client, rnd_manager: User, recruitment: RecruitmentWorld, cards: list[Application]
) -> None:
    client.force_login(rnd_manager)
    before = StageMove.objects.count()

    board = client.get(reverse("console:opening_board", args=[recruitment.external.pk]))
    move = client.post(
        reverse("console:opening_board_move", args=[recruitment.external.pk]),
        {"application": cards[0].pk, "to_stage": stage_of(recruitment.external, K.OFFER).pk},
    )
    action = client.post(reverse("console:application_action", args=[cards[0].pk, "reject"]), {"reason": "skills_gap"})

    assert board.status_code == 200 and board.context["can_move"] is False
    assert 'draggable="true"' not in board.content.decode()
    assert (move.status_code, action.status_code) == (403, 403)
    assert StageMove.objects.count() == before


@pytest.mark.parametrize("persona", ["sales_manager", "employee", "candidate_a"])
def test_other_people_get_404_for_the_board_and_the_application(
    client: Client,
    personas: dict[str, User | None],
    persona: str,
    recruitment: RecruitmentWorld,
    cards: list[Application],
) -> None:
    user = personas[persona]
    assert user is not None
    client.force_login(user)
    board = client.get(reverse("console:opening_board", args=[recruitment.external.pk]))
    page = client.get(reverse("console:application_detail", args=[cards[0].pk]))
    assert page.status_code == 404
    assert board.status_code == 404


def test_the_applicant_gets_404_for_their_own_application_in_the_console(
    client: Client, employee: User, application: Application
) -> None:
    client.force_login(employee)
    assert client.get(reverse("console:application_detail", args=[application.pk])).status_code == 404


def test_the_application_page_shows_history_and_rejects_with_a_reason(
    client: Client, hr: User, recruitment: RecruitmentWorld, cards: list[Application]
) -> None:
    client.force_login(hr)
    application_move(actor=hr, application=cards[0], to_stage=stage_of(recruitment.external, K.HUMAN_INTERVIEW))
    url = reverse("console:application_action", args=[cards[0].pk, "reject"])

    missing_note = client.post(url, {"reason": "other"})
    done = client.post(url, {"reason": "other", "note": "候选人另有安排"})
    page = client.get(reverse("console:application_detail", args=[cards[0].pk]))

    assert (missing_note.status_code, done.status_code) == (302, 302)
    assert [(m.from_stage and m.from_stage.kind, m.to_status, m.reason, m.note) for m in page.context["moves"]] == [
        (None, "active", "", ""),
        ("ai_interview", "active", "", ""),
        ("human_interview", "rejected", "other", "候选人另有安排"),
    ]
    assert "候选人另有安排" in page.content.decode()


def test_the_scorecard_form_shows_the_anchors_and_saves_every_rating(
    client: Client, hr: User, rnd_manager: User, recruitment: RecruitmentWorld, cards: list[Application]
) -> None:
    application_move(actor=hr, application=cards[0], to_stage=stage_of(recruitment.external, K.HUMAN_INTERVIEW))
    dimension = Dimension.objects.get(code="problem-solving")
    client.force_login(rnd_manager)
    url = reverse("console:application_scorecard", args=[cards[0].pk])

    form = client.get(url)
    invalid = client.post(url, {"recommendation": "yes"})
    saved = client.post(url, {"recommendation": "strong_yes", f"rating_{dimension.pk}": "5", "notes": "很强"})

    assert form.status_code == 200
    html = form.content.decode()
    assert "只描述现象" in html and "系统解决并验证" in html
    assert invalid.status_code == 200 and invalid.context["errors"] == {
        f"rating_{dimension.pk}": ["Rate 问题解决 from 1 to 5."]
    }
    assert saved.status_code == 302
    card = Scorecard.objects.get()
    assert (card.interviewer, card.recommendation, list(card.ratings.values_list("rating", flat=True))) == (
        rnd_manager,
        "strong_yes",
        [5],
    )


def test_hr_edits_the_stages(client: Client, hr: User, recruitment: RecruitmentWorld) -> None:
    client.force_login(hr)
    opening = recruitment.draft
    stages = list(opening.stages.all())
    data: dict[str, str] = {"rows": str(len(stages) + 1)}
    for index, stage in enumerate(stages):
        data.update(
            {
                f"stage-{index}-id": str(stage.pk),
                f"stage-{index}-order": str(stage.position),
                f"stage-{index}-name": stage.name,
                f"stage-{index}-name_en": stage.name_en,
                f"stage-{index}-kind": stage.kind,
            }
        )
    data["stage-0-remove"] = "1"  # drop 简历筛选
    data["stage-2-name"] = "技术面"
    index = len(stages)
    data.update(
        {f"stage-{index}-order": "3.5", f"stage-{index}-name": "总监面", f"stage-{index}-kind": "human_interview"}
    )

    page = client.get(reverse("console:opening_stages", args=[opening.pk]))
    response = client.post(reverse("console:opening_stages", args=[opening.pk]), data)

    assert page.status_code == 200
    assert response.status_code == 302
    assert list(opening.stages.values_list("name", flat=True)) == [
        "AI 面试",
        "技术面",
        "总监面",
        "背景调查",
        "Offer",
        "入职",
    ]


def test_the_board_query_count_does_not_grow_with_cards(
    client: Client, hr: User, recruitment: RecruitmentWorld, django_assert_num_queries: object
) -> None:
    client.force_login(hr)
    url = reverse("console:opening_board", args=[recruitment.external.pk])
    external_application(recruitment.external, "甲", hr=hr)
    client.get(url)  # warm the session and caches
    with django_assert_num_queries(11):  # type: ignore[operator]
        client.get(url)
    for name in ("乙", "丙", "丁", "戊"):
        external_application(recruitment.external, name, hr=hr)
    with django_assert_num_queries(11):  # type: ignore[operator]
        client.get(url)
