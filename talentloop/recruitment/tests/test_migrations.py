"""The data migration of the pipeline: existing openings get the default stages, existing applications their stage
(the AI interview), their new status and their history."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from talentloop.conftest import Organisation
from talentloop.recruitment.models import Application, Opening, StageMove

BEFORE = [("recruitment", "0001_openings_and_applications")]
AFTER = [("recruitment", "0002_pipeline_stages_and_scorecards")]


@pytest.mark.django_db(transaction=True)
def test_existing_applications_land_at_the_ai_interview_stage_with_their_history(org: Organisation) -> None:
    # given the database before the pipeline, with an opening, an application in progress and a withdrawn one
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    OldOpening = old.get_model("recruitment", "Opening")
    OldApplication = old.get_model("recruitment", "Application")
    Person = old.get_model("org", "Person")
    Candidate = old.get_model("org", "Candidate")
    opening = OldOpening.objects.create(
        company_id=org.company.pk,
        title="销售代表",
        position_id=org.sales_representative.pk,
        department_id=org.sales_east.pk,
        status="open",
    )
    withdrawn_at = timezone.now()
    ids = []
    for name, status in (("钱一", "ai_interview"), ("孙二", "withdrawn")):
        person = Person.objects.create(company_id=org.company.pk, full_name=name)
        candidate = Candidate.objects.create(person=person, applied_position_id=org.sales_representative.pk)
        ids.append(
            OldApplication.objects.create(
                opening=opening,
                person=person,
                candidate=candidate,
                source="external",
                status=status,
                withdrawn_at=withdrawn_at if status == "withdrawn" else None,
            ).pk
        )

    # when the pipeline migration runs
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    # (and the later migrations, so the current models, and the tests after this one, see the current schema)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    # then
    migrated = Opening.objects.get(pk=opening.pk)
    assert [(s.position, s.name, s.kind) for s in migrated.stages.all()] == [
        (1, "简历筛选", "screening"),
        (2, "AI 面试", "ai_interview"),
        (3, "部门复试", "human_interview"),
        (4, "背景调查", "background_check"),
        (5, "Offer", "offer"),
        (6, "入职", "hired"),
    ]
    active, gone = (Application.objects.get(pk=pk) for pk in ids)
    assert (active.status, active.stage.kind, active.stage_entered_at) == (  # type: ignore[union-attr]
        "active",
        "ai_interview",
        active.created_at,
    )
    assert (gone.status, gone.stage.kind, gone.decided_at) == ("withdrawn", "ai_interview", withdrawn_at)  # type: ignore[union-attr]
    assert list(
        StageMove.objects.order_by("application_id", "pk").values_list("application_id", "from_status", "to_status")
    ) == [
        (active.pk, "active", "active"),
        (gone.pk, "active", "active"),
        (gone.pk, "active", "withdrawn"),
    ]
