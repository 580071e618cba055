"""HR's score API: an interview's score versions with their evidence, and re-score batches.

The same selectors, services and access helpers as the console pages; HR only (others get 404 or 403).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from talentloop.api.apis import ErrorSerializer
from talentloop.assessments.access import (
    rescore_batch_get_for_user,
    score_session_get_for_user,
    scores_check_hr,
    session_score_get_for_user,
)
from talentloop.assessments.models import AnswerScore
from talentloop.assessments.selectors import (
    AnswerEvidence,
    RescoreSelection,
    score_version_answers,
    session_score_list,
)
from talentloop.assessments.services.rescoring import rescore_batch_create


class RubricVersionSerializer(serializers.Serializer):
    class Meta:
        ref_name = "ScoreRubricVersion"

    question = serializers.CharField()
    dimension = serializers.CharField()
    version = serializers.IntegerField()
    rubric = serializers.IntegerField(help_text="The rubric version's id.")


class DimensionTotalSerializer(serializers.Serializer):
    class Meta:
        ref_name = "ScoreDimensionTotal"

    code = serializers.CharField()
    name = serializers.CharField()
    score = serializers.FloatField()
    weight = serializers.FloatField()
    required_level = serializers.IntegerField(allow_null=True)
    answers = serializers.IntegerField()


class ScoreVersionSerializer(serializers.Serializer):
    class Meta:
        ref_name = "ScoreVersion"

    version = serializers.IntegerField()
    is_current = serializers.SerializerMethodField()
    overall = serializers.FloatField()
    passed = serializers.BooleanField()
    threshold = serializers.FloatField()
    dimensions = serializers.SerializerMethodField()
    scorer = serializers.SerializerMethodField()
    rubric_versions = RubricVersionSerializer(many=True)
    reason = serializers.CharField()
    requested_by = serializers.CharField(source="requested_by.username", allow_null=True, default=None)
    batch = serializers.IntegerField(source="batch_id", allow_null=True)
    created_at = serializers.DateTimeField()

    def get_is_current(self, score: Any) -> bool:
        return bool(score.version == self.context.get("current_version"))

    def get_scorer(self, score: Any) -> str:
        return f"{score.scorer_name}.{score.scorer_version}"

    @extend_schema_field(DimensionTotalSerializer(many=True))
    def get_dimensions(self, score: Any) -> list[dict[str, Any]]:
        return [{"code": code, **values} for code, values in sorted(score.dimensions.items())]


class EvidenceSerializer(serializers.Serializer):
    class Meta:
        ref_name = "ScoreEvidence"

    start = serializers.IntegerField(help_text="Offset into the stored answer text (inclusive).")
    end = serializers.IntegerField(help_text="Offset into the stored answer text (exclusive).")
    quote = serializers.CharField()
    rule = serializers.CharField()
    strength = serializers.FloatField()


class KeyPointSerializer(serializers.Serializer):
    class Meta:
        ref_name = "ScoredKeyPoint"

    identifier = serializers.CharField(required=False)
    text = serializers.CharField()
    status = serializers.CharField()
    confidence = serializers.FloatField(required=False)
    weight = serializers.FloatField(required=False)
    points_lost = serializers.FloatField()
    evidence = EvidenceSerializer(many=True)


class AnswerDimensionSerializer(serializers.Serializer):
    class Meta:
        ref_name = "ScoredAnswerDimension"

    dimension = serializers.CharField(source="dimension.code")
    dimension_name = serializers.CharField(source="dimension.name")
    score = serializers.FloatField()
    rubric = serializers.IntegerField(source="rubric_id")
    rubric_version = serializers.IntegerField(source="rubric.version")
    scorer = serializers.SerializerMethodField()
    reasons = serializers.SerializerMethodField()
    key_points = serializers.SerializerMethodField()
    inputs_digest = serializers.CharField()

    def get_scorer(self, row: AnswerScore) -> str:
        return f"{row.scorer_name}.{row.scorer_version}"

    def get_reasons(self, row: AnswerScore) -> list[str]:
        return list(row.result.get("reasons", []))

    @extend_schema_field(KeyPointSerializer(many=True))
    def get_key_points(self, row: AnswerScore) -> list[dict[str, Any]]:
        return list(row.result.get("dimension", {}).get("key_points", []))


class DeliverySerializer(serializers.Serializer):
    class Meta:
        ref_name = "ScoredDelivery"

    duration_seconds = serializers.FloatField(allow_null=True)
    expected_seconds = serializers.FloatField(allow_null=True)
    duration_to_expected = serializers.FloatField(allow_null=True)
    cohort_average_seconds = serializers.FloatField(
        allow_null=True, help_text="Average duration of the question's other answers; null below the threshold."
    )
    cohort_answers = serializers.IntegerField(allow_null=True)
    percent_versus_cohort = serializers.FloatField(allow_null=True, help_text="-30.0 means 30% shorter.")
    cohort_note = serializers.CharField()
    units_per_minute = serializers.FloatField(allow_null=True)
    filler_count = serializers.IntegerField(allow_null=True)
    filler_rate = serializers.FloatField(allow_null=True)
    long_pauses = serializers.IntegerField(allow_null=True)
    retries = serializers.IntegerField(allow_null=True)
    skipped = serializers.BooleanField(allow_null=True)


class AnswerEvidenceSerializer(serializers.Serializer):
    class Meta:
        ref_name = "ScoredAnswer"

    answer = serializers.IntegerField(source="answer.pk")
    order = serializers.IntegerField(source="answer.order")
    question = serializers.CharField(source="answer.question_text")
    status = serializers.CharField(source="answer.status")
    text = serializers.CharField(source="answer.text", help_text="The stored answer text the evidence offsets index.")
    dimensions = AnswerDimensionSerializer(source="scores", many=True)
    delivery = serializers.SerializerMethodField()

    @extend_schema_field(DeliverySerializer)
    def get_delivery(self, item: AnswerEvidence) -> dict[str, Any]:
        measures, inputs = item.delivery, item.inputs
        pauses = measures.get("long_pauses")
        return {
            "duration_seconds": measures.get("duration_seconds"),
            "expected_seconds": inputs.get("expected_seconds"),
            "duration_to_expected": measures.get("duration_to_expected"),
            "cohort_average_seconds": inputs.get("cohort_average_seconds"),
            "cohort_answers": inputs.get("cohort_answers"),
            "percent_versus_cohort": measures.get("percent_versus_cohort"),
            "cohort_note": item.cohort_note,
            "units_per_minute": measures.get("units_per_minute"),
            "filler_count": measures.get("filler_count"),
            "filler_rate": measures.get("filler_rate"),
            "long_pauses": len(pauses) if isinstance(pauses, list) else None,
            "retries": measures.get("retries"),
            "skipped": measures.get("skipped"),
        }


class ScoreVersionDetailSerializer(ScoreVersionSerializer):
    class Meta:
        ref_name = "ScoreVersionDetail"

    answers = serializers.SerializerMethodField()

    @extend_schema_field(AnswerEvidenceSerializer(many=True))
    def get_answers(self, score: Any) -> Any:
        return AnswerEvidenceSerializer(score_version_answers(session=score.session, score=score), many=True).data


class RescoreBatchSerializer(serializers.Serializer):
    class Meta:
        ref_name = "RescoreBatch"

    id = serializers.IntegerField()
    status = serializers.CharField()
    requested_by = serializers.CharField(source="requested_by.username", allow_null=True, default=None)
    filter = serializers.DictField()
    session_ids = serializers.ListField(child=serializers.IntegerField())
    total = serializers.IntegerField()
    rescored = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    skipped = serializers.IntegerField()
    failed = serializers.IntegerField()
    results = serializers.DictField(
        child=serializers.DictField(), help_text='Per interview id: {"outcome", "version", "error"}.'
    )
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)


class SessionScoreListApi(APIView):
    @extend_schema(
        responses={200: ScoreVersionSerializer(many=True), 403: ErrorSerializer, 404: ErrorSerializer},
        summary="An interview's score versions, the current first (HR)",
    )
    def get(self, request: Request, session_id: int) -> Response:
        session = score_session_get_for_user(request.user, session_id)
        versions = list(session_score_list(session=session))
        context = {"current_version": versions[0].version if versions else None}
        return Response(ScoreVersionSerializer(versions, many=True, context=context).data)


class SessionScoreDetailApi(APIView):
    @extend_schema(
        responses={200: ScoreVersionDetailSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
        summary="One score version with per-answer, per-dimension scores, key points and evidence (HR)",
    )
    def get(self, request: Request, session_id: int, version: int) -> Response:
        score = session_score_get_for_user(request.user, session_id, version)
        current = session_score_list(session=score.session).values_list("version", flat=True).first()
        return Response(ScoreVersionDetailSerializer(score, context={"current_version": current}).data)


class RescoreBatchListApi(APIView):
    class InputSerializer(serializers.Serializer):
        template_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)
        job_profile_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)
        session_ids = serializers.ListField(
            child=serializers.IntegerField(min_value=1), required=False, max_length=10000, default=list
        )

    @extend_schema(
        request=InputSerializer,
        responses={201: RescoreBatchSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
        summary="Re-score the submitted interviews a template, job profile and/or list of ids picks (HR)",
    )
    def post(self, request: Request) -> Response:
        scores_check_hr(request.user)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        selection = RescoreSelection(
            template_id=data.get("template_id"),
            job_profile_id=data.get("job_profile_id"),
            session_ids=tuple(sorted(set(data.get("session_ids") or []))),
        )
        batch = rescore_batch_create(actor=request.user, selection=selection, request=request._request)
        batch.refresh_from_db()
        return Response(RescoreBatchSerializer(batch).data, status=status.HTTP_201_CREATED)


class RescoreBatchDetailApi(APIView):
    @extend_schema(
        responses={200: RescoreBatchSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
        summary="A re-score batch's status, counts and per-interview results (HR)",
    )
    def get(self, request: Request, batch_id: int) -> Response:
        return Response(RescoreBatchSerializer(rescore_batch_get_for_user(request.user, batch_id)).data)
