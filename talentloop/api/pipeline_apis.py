"""REST endpoints of the recruitment pipeline: an opening's stages and board, moving and rejecting applications
(one or in bulk, all-or-nothing), an application's history, and scorecards.

HR moves, rejects and edits stages; hiring managers read the boards of the openings they see and submit scorecards;
everyone else gets 404 (``talentloop.recruitment.access``). Same services, same error codes as the console.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from talentloop.api.apis import ErrorSerializer
from talentloop.core.exceptions import ValidationFailed
from talentloop.recruitment.access import (
    opening_get_for_user,
    openings_check_view,
    pipeline_application_get_for_user,
    pipeline_check_move,
)
from talentloop.recruitment.models import Application, Opening, PipelineStage, Scorecard
from talentloop.recruitment.selectors import opening_board_get, scorecard_list, stage_list, stage_move_list
from talentloop.recruitment.services import (
    StageInput,
    application_move,
    application_reject,
    applications_bulk_move,
    applications_bulk_reject,
    opening_stages_update,
    scorecard_submit,
)

ERRORS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer}


class StageSerializer(serializers.Serializer):
    class Meta:
        ref_name = "PipelineStage"

    id = serializers.IntegerField()
    name = serializers.CharField()
    name_en = serializers.CharField()
    kind = serializers.ChoiceField(choices=PipelineStage.Kind.choices)
    position = serializers.IntegerField()


class StageInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "PipelineStageInput"

    id = serializers.IntegerField(required=False, allow_null=True, default=None)
    name = serializers.CharField(allow_blank=True, max_length=200)
    name_en = serializers.CharField(allow_blank=True, required=False, default="", max_length=200)
    kind = serializers.CharField(max_length=40)


class StagesInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "PipelineStagesInput"

    stages = StageInputSerializer(many=True)


class MoveSerializer(serializers.Serializer):
    class Meta:
        ref_name = "StageMove"

    id = serializers.IntegerField()
    application = serializers.IntegerField(source="application_id")
    from_stage = serializers.IntegerField(source="from_stage_id", allow_null=True)
    to_stage = serializers.IntegerField(source="to_stage_id", allow_null=True)
    from_status = serializers.ChoiceField(choices=Application.Status.choices)
    to_status = serializers.ChoiceField(choices=Application.Status.choices)
    actor = serializers.IntegerField(source="actor_id", allow_null=True, help_text="None: automatic")
    reason = serializers.CharField()
    note = serializers.CharField()
    moved_at = serializers.DateTimeField()


class CardSerializer(serializers.Serializer):
    class Meta:
        ref_name = "BoardCard"

    application = serializers.IntegerField(source="application.pk")
    person_name = serializers.CharField(source="application.person.full_name")
    status = serializers.CharField(source="application.status")
    source = serializers.CharField(source="application.source")  # type: ignore[assignment]
    stage_entered_at = serializers.DateTimeField(source="application.stage_entered_at", allow_null=True)
    ai_overall = serializers.FloatField(allow_null=True)
    ai_passed = serializers.BooleanField(allow_null=True)
    days_in_stage = serializers.IntegerField()
    scorecard_count = serializers.IntegerField()


class ColumnSerializer(serializers.Serializer):
    class Meta:
        ref_name = "BoardColumn"

    stage = StageSerializer()
    cards = CardSerializer(many=True)


class ClosedSerializer(serializers.Serializer):
    class Meta:
        ref_name = "BoardClosedApplication"

    application = serializers.IntegerField(source="pk")
    person_name = serializers.CharField(source="person.full_name")
    status = serializers.CharField()
    stage = serializers.IntegerField(source="stage_id", allow_null=True)
    rejection_reason = serializers.CharField()


class BoardSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Board"

    opening = serializers.IntegerField(source="opening.pk")
    columns = ColumnSerializer(many=True)
    closed = ClosedSerializer(many=True)


class MoveInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "MoveInput"

    to_stage = serializers.IntegerField()
    note = serializers.CharField(allow_blank=True, required=False, default="")


class RejectInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "RejectInput"

    reason = serializers.CharField(allow_blank=True, max_length=40, help_text="Application.RejectionReason")
    note = serializers.CharField(allow_blank=True, required=False, default="")


class BulkMoveInputSerializer(MoveInputSerializer):
    class Meta:
        ref_name = "BulkMoveInput"

    applications = serializers.ListField(child=serializers.IntegerField(), allow_empty=True)


class BulkRejectInputSerializer(RejectInputSerializer):
    class Meta:
        ref_name = "BulkRejectInput"

    applications = serializers.ListField(child=serializers.IntegerField(), allow_empty=True)


class RatingSerializer(serializers.Serializer):
    class Meta:
        ref_name = "ScorecardRating"

    dimension = serializers.IntegerField(source="dimension_id")
    dimension_name = serializers.CharField(source="dimension.name")
    rating = serializers.IntegerField(min_value=1, max_value=5)
    note = serializers.CharField()


class ScorecardSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Scorecard"

    id = serializers.IntegerField()
    application = serializers.IntegerField(source="application_id")
    stage = serializers.IntegerField(source="stage_id")
    interviewer = serializers.IntegerField(source="interviewer_id")
    recommendation = serializers.ChoiceField(choices=Scorecard.Recommendation.choices)
    notes = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    ratings = RatingSerializer(many=True, source="ratings.all")


class RatingInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "ScorecardRatingInput"

    dimension = serializers.IntegerField()
    rating = serializers.CharField(max_length=5, help_text="1 to 5")
    note = serializers.CharField(allow_blank=True, required=False, default="")


class ScorecardInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "ScorecardInput"

    recommendation = serializers.CharField(allow_blank=True, max_length=40)
    notes = serializers.CharField(allow_blank=True, required=False, default="")
    ratings = RatingInputSerializer(many=True)


def _valid(serializer_class: type[serializers.Serializer], data: Any) -> dict[str, Any]:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _stage(opening_id: int, pk: int) -> PipelineStage:
    stage = PipelineStage.objects.filter(opening_id=opening_id, pk=pk).first()
    if stage is None:
        message = _("Choose one of this opening's stages.")
        raise ValidationFailed(message, fields={"to_stage": [message]})
    return stage


def _opening_for_move(request: Request, opening_id: int) -> Opening:
    openings_check_view(request.user)
    opening = opening_get_for_user(request.user, opening_id)
    pipeline_check_move(request.user)
    return opening


class OpeningStagesApi(APIView):
    @extend_schema(responses={200: StageSerializer(many=True), **ERRORS}, summary="An opening's pipeline stages")
    def get(self, request: Request, opening_id: int) -> Response:
        openings_check_view(request.user)
        opening = opening_get_for_user(request.user, opening_id)
        return Response(StageSerializer(stage_list(opening=opening), many=True).data)

    @extend_schema(
        request=StagesInputSerializer,
        responses={200: StageSerializer(many=True), **ERRORS},
        summary="Replace an opening's stages in order: rename, reorder, add, remove (HR)",
    )
    def put(self, request: Request, opening_id: int) -> Response:
        opening = _opening_for_move(request, opening_id)
        data = _valid(StagesInputSerializer, request.data)
        stages = opening_stages_update(
            actor=request.user,
            opening=opening,
            stages=[
                StageInput(name=s["name"], name_en=s["name_en"], kind=s["kind"], id=s["id"]) for s in data["stages"]
            ],
            request=request,
        )
        return Response(StageSerializer(stages, many=True).data)


class OpeningBoardApi(APIView):
    @extend_schema(responses={200: BoardSerializer, **ERRORS}, summary="An opening's board: cards per stage")
    def get(self, request: Request, opening_id: int) -> Response:
        openings_check_view(request.user)
        opening = opening_get_for_user(request.user, opening_id)
        return Response(BoardSerializer(opening_board_get(opening=opening)).data)


class OpeningBulkMoveApi(APIView):
    @extend_schema(
        request=BulkMoveInputSerializer,
        responses={200: MoveSerializer(many=True), **ERRORS},
        summary="Move several applications to one stage: all or none (HR)",
    )
    def post(self, request: Request, opening_id: int) -> Response:
        opening = _opening_for_move(request, opening_id)
        data = _valid(BulkMoveInputSerializer, request.data)
        moves = applications_bulk_move(
            actor=request.user,
            opening=opening,
            application_ids=data["applications"],
            to_stage=_stage(opening.pk, data["to_stage"]),
            note=data["note"],
            request=request,
        )
        return Response(MoveSerializer(moves, many=True).data)


class OpeningBulkRejectApi(APIView):
    @extend_schema(
        request=BulkRejectInputSerializer,
        responses={200: MoveSerializer(many=True), **ERRORS},
        summary="Reject several applications with one reason: all or none (HR)",
    )
    def post(self, request: Request, opening_id: int) -> Response:
        opening = _opening_for_move(request, opening_id)
        data = _valid(BulkRejectInputSerializer, request.data)
        moves = applications_bulk_reject(
            actor=request.user,
            opening=opening,
            application_ids=data["applications"],
            reason=data["reason"],
            note=data["note"],
            request=request,
        )
        return Response(MoveSerializer(moves, many=True).data)


class ApplicationMoveApi(APIView):
    @extend_schema(
        request=MoveInputSerializer,
        responses={200: MoveSerializer, **ERRORS},
        summary="Move an application to another stage of its opening; the hired stage hires (HR)",
    )
    def post(self, request: Request, application_id: int) -> Response:
        application = pipeline_application_get_for_user(request.user, application_id, intent="move")
        data = _valid(MoveInputSerializer, request.data)
        move = application_move(
            actor=request.user,
            application=application,
            to_stage=_stage(application.opening_id, data["to_stage"]),
            note=data["note"],
            request=request,
        )
        return Response(MoveSerializer(move).data)


class ApplicationRejectApi(APIView):
    @extend_schema(
        request=RejectInputSerializer,
        responses={200: MoveSerializer, **ERRORS},
        summary="Reject an application with a reason (HR)",
    )
    def post(self, request: Request, application_id: int) -> Response:
        application = pipeline_application_get_for_user(request.user, application_id, intent="move")
        data = _valid(RejectInputSerializer, request.data)
        move = application_reject(
            actor=request.user, application=application, reason=data["reason"], note=data["note"], request=request
        )
        return Response(MoveSerializer(move).data)


class ApplicationHistoryApi(APIView):
    @extend_schema(responses={200: MoveSerializer(many=True), **ERRORS}, summary="An application's history")
    def get(self, request: Request, application_id: int) -> Response:
        application = pipeline_application_get_for_user(request.user, application_id)
        return Response(MoveSerializer(stage_move_list(application_ids=[application.pk]), many=True).data)


class ApplicationScorecardsApi(APIView):
    @extend_schema(responses={200: ScorecardSerializer(many=True), **ERRORS}, summary="An application's scorecards")
    def get(self, request: Request, application_id: int) -> Response:
        application = pipeline_application_get_for_user(request.user, application_id)
        return Response(ScorecardSerializer(scorecard_list(application=application), many=True).data)

    @extend_schema(
        request=ScorecardInputSerializer,
        responses={201: ScorecardSerializer, **ERRORS},
        summary="Submit my scorecard for the human interview round (HR, hiring managers)",
    )
    def post(self, request: Request, application_id: int) -> Response:
        application = pipeline_application_get_for_user(request.user, application_id, intent="score")
        data = _valid(ScorecardInputSerializer, request.data)
        card = scorecard_submit(
            actor=request.user,
            application=application,
            recommendation=data["recommendation"],
            ratings={r["dimension"]: r["rating"] for r in data["ratings"]},
            rating_notes={r["dimension"]: r["note"] for r in data["ratings"]},
            notes=data["notes"],
            request=request,
        )
        card = scorecard_list(application=application).get(pk=card.pk)
        return Response(ScorecardSerializer(card).data, status=status.HTTP_201_CREATED)
