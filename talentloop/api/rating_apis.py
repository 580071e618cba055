"""Human ratings of answers and the AI–human agreement statistics: the same services and checks as the console."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from talentloop.api.apis import ErrorSerializer
from talentloop.assessments.rating_access import agreement_check_view, answer_get_for_rating
from talentloop.assessments.rating_errors import RatingErrorCode
from talentloop.assessments.rating_selectors import AgreementRow, agreement_tables_get, answer_rating_list
from talentloop.assessments.services.ratings import rating_record
from talentloop.competencies.models import Dimension
from talentloop.core.exceptions import ValidationFailed


class RatingSerializer(serializers.Serializer):
    class Meta:
        ref_name = "HumanRating"

    id = serializers.IntegerField()
    answer = serializers.IntegerField(source="answer_id")
    dimension = serializers.CharField(source="dimension.code")
    rater = serializers.IntegerField(source="rater_id")
    rater_name = serializers.SerializerMethodField()
    level = serializers.IntegerField()
    note = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_rater_name(self, rating: Any) -> str:
        return str(rating.rater.display_name or rating.rater.get_username())


class AnswerRatingListApi(APIView):
    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "HumanRatingInput"

        dimension = serializers.SlugField(help_text="The code of a dimension the answer was scored on.")
        level = serializers.IntegerField(help_text="1 to 5, on the dimension's anchored scale.")
        note = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False)

    @extend_schema(responses={200: RatingSerializer(many=True), 404: ErrorSerializer}, summary="Ratings of an answer")
    def get(self, request: Request, answer_id: int) -> Response:
        answer = answer_get_for_rating(request.user, answer_id)
        return Response(RatingSerializer(answer_rating_list(answer=answer), many=True).data)

    @extend_schema(
        request=InputSerializer,
        responses={200: RatingSerializer, 400: ErrorSerializer, 404: ErrorSerializer},
        summary="Rate an answer on a dimension (rating again changes your rating)",
    )
    def post(self, request: Request, answer_id: int) -> Response:
        answer = answer_get_for_rating(request.user, answer_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        dimension = Dimension.objects.filter(code=data["dimension"]).first()
        if dimension is None:
            message = _("This answer was not scored on that dimension, so it cannot be rated on it.")
            raise ValidationFailed(message, code=RatingErrorCode.DIMENSION_NOT_SCORED, fields={"dimension": [message]})
        rating = rating_record(
            rater=request.user,
            answer=answer,
            dimension=dimension,
            level=data["level"],
            note=data["note"],
            request=request,
        )
        return Response(RatingSerializer(rating).data)


class AgreementSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Agreement"

    n = serializers.IntegerField()
    pearson = serializers.FloatField(allow_null=True)
    spearman = serializers.FloatField(allow_null=True)
    quadratic_weighted_kappa = serializers.FloatField(allow_null=True)
    mean_absolute_error = serializers.FloatField(allow_null=True)


class AgreementRowSerializer(serializers.Serializer):
    class Meta:
        ref_name = "AgreementRow"

    name = serializers.CharField(source="label", help_text="The question, or the dimension and the job profile.")
    rating_count = serializers.IntegerField()
    ai_human = AgreementSerializer()
    human_human = AgreementSerializer()
    calibrated = serializers.SerializerMethodField()
    calibration_rating_count = serializers.SerializerMethodField()
    calibration_fitted_at = serializers.SerializerMethodField()

    def get_calibrated(self, row: AgreementRow) -> bool:
        return row.calibration is not None

    def get_calibration_rating_count(self, row: AgreementRow) -> int | None:
        return row.calibration.rating_count if row.calibration is not None else None

    def get_calibration_fitted_at(self, row: AgreementRow) -> str | None:
        return row.calibration.fitted_at.isoformat() if row.calibration is not None else None


class AgreementApi(APIView):
    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "AgreementTables"

        overall = AgreementRowSerializer(allow_null=True)
        by_question = AgreementRowSerializer(many=True)
        by_dimension = AgreementRowSerializer(many=True)

    @extend_schema(
        responses={200: OutputSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
        summary="AI–human and human–human agreement per question and per dimension in a job profile",
        description=(
            "Each human rating (1–5) is compared with the newest AI score of the same answer on the same dimension, "
            "put on the 1–5 scale by the calibration that covers it (the question's, else the dimension's in the "
            "job profile) or, until one exists, by the fixed line 1 + 4 × score / 100. Statistics that are not "
            "defined (fewer than two pairs, a constant rater) are null."
        ),
    )
    def get(self, request: Request) -> Response:
        agreement_check_view(request.user)
        return Response(self.OutputSerializer(agreement_tables_get()).data)
