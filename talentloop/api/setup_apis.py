"""REST endpoints for the interview set-up: competency dimensions, job profiles and the question bank.

Staff may read; only HR may write (``talentloop.interviews.access``). Every write goes through the same services as
the console pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from talentloop.api.apis import ErrorSerializer, _paginated
from talentloop.competencies.models import LEVELS, Dimension, JobProfile
from talentloop.competencies.selectors import dimension_get, dimension_list, job_profile_list, job_profile_weights
from talentloop.competencies.services import (
    AnchorInput,
    RequirementInput,
    dimension_create,
    dimension_update,
    job_profile_save,
)
from talentloop.core.exceptions import Conflict, NotFound, ValidationFailed
from talentloop.interviews.access import interview_setup_check_manage, interview_setup_check_view
from talentloop.org.models import Position
from talentloop.questionbank.errors import QuestionBankErrorCode
from talentloop.questionbank.io import (
    EXPORT_CONTENT_TYPES,
    MAX_IMPORT_BYTES,
    ImportFileError,
    question_bank_export_file,
    question_bank_rows_from_upload,
)
from talentloop.questionbank.models import Question
from talentloop.questionbank.selectors import question_get_by_code, question_list, rubric_history
from talentloop.questionbank.services import (
    KeyPointInput,
    QuestionInput,
    RubricInput,
    SaveResult,
    question_bank_import,
    question_save,
)

# --- competency dimensions --------------------------------------------------------------------------------------


class LevelAnchorSerializer(serializers.Serializer):
    class Meta:
        ref_name = "LevelAnchor"

    level = serializers.IntegerField(min_value=min(LEVELS), max_value=max(LEVELS))
    description = serializers.CharField(allow_blank=True)
    description_en = serializers.CharField(allow_blank=True, required=False, default="")


class DimensionOutputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Dimension"

    code = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()
    description = serializers.CharField()
    description_en = serializers.CharField()
    kind = serializers.ChoiceField(choices=Dimension.Kind.choices)
    is_active = serializers.BooleanField()
    anchors = LevelAnchorSerializer(many=True)


def _anchors(items: Sequence[dict[str, Any]]) -> dict[int, AnchorInput]:
    anchors: dict[int, AnchorInput] = {}
    for item in items:
        if item["level"] in anchors:
            raise ValidationFailed(
                _("Each level may have one anchor."),
                fields={"anchors": [_("Level %(level)s is listed twice.") % {"level": item["level"]}]},
            )
        anchors[item["level"]] = AnchorInput(description=item["description"], description_en=item["description_en"])
    return anchors


class DimensionListApi(APIView):
    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "DimensionCreate"

        code = serializers.SlugField(max_length=50)
        name = serializers.CharField(max_length=100)
        name_en = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
        description = serializers.CharField(required=False, allow_blank=True, default="")
        description_en = serializers.CharField(required=False, allow_blank=True, default="")
        kind = serializers.ChoiceField(choices=Dimension.Kind.choices, default=Dimension.Kind.COMPETENCY)
        anchors = LevelAnchorSerializer(many=True)

    @extend_schema(
        responses={200: DimensionOutputSerializer(many=True), 401: ErrorSerializer, 404: ErrorSerializer},
        summary="The competency library",
    )
    def get(self, request: Request) -> Response:
        interview_setup_check_view(request.user)
        return Response(DimensionOutputSerializer(dimension_list(), many=True).data)

    @extend_schema(
        request=InputSerializer,
        responses={201: DimensionOutputSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
        summary="Add a dimension with its level anchors (HR)",
    )
    def post(self, request: Request) -> Response:
        interview_setup_check_manage(request.user)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        dimension = dimension_create(anchors=_anchors(data.pop("anchors")), **data)
        return Response(
            DimensionOutputSerializer(dimension_get(code=dimension.code)).data, status=status.HTTP_201_CREATED
        )


class DimensionDetailApi(APIView):
    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "DimensionUpdate"

        name = serializers.CharField(max_length=100)
        name_en = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
        description = serializers.CharField(required=False, allow_blank=True, default="")
        description_en = serializers.CharField(required=False, allow_blank=True, default="")
        is_active = serializers.BooleanField(required=False, default=True)
        anchors = LevelAnchorSerializer(many=True)

    @extend_schema(responses={200: DimensionOutputSerializer, 404: ErrorSerializer}, summary="One dimension")
    def get(self, request: Request, code: str) -> Response:
        interview_setup_check_view(request.user)
        return Response(DimensionOutputSerializer(dimension_get(code=code)).data)

    @extend_schema(
        request=InputSerializer,
        responses={200: DimensionOutputSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
        summary="Change a dimension and replace its anchors (HR); its code and kind stay",
    )
    def put(self, request: Request, code: str) -> Response:
        interview_setup_check_manage(request.user)
        dimension = dimension_get(code=code)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        dimension_update(dimension=dimension, anchors=_anchors(data.pop("anchors")), **data)
        return Response(DimensionOutputSerializer(dimension_get(code=code)).data)


# --- job profiles -----------------------------------------------------------------------------------------------


class RequirementOutputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "JobProfileRequirement"

    dimension = serializers.CharField(help_text="Dimension code")
    dimension_name = serializers.CharField()
    weight = serializers.DecimalField(max_digits=5, decimal_places=2, coerce_to_string=False)
    weight_percent = serializers.DecimalField(
        max_digits=4, decimal_places=1, coerce_to_string=False, help_text="Share of the profile's total weight"
    )
    required_level = serializers.IntegerField()


class JobProfileOutputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "JobProfile"

    position = serializers.CharField(help_text="Position code")
    position_title = serializers.CharField()
    pass_threshold = serializers.IntegerField()
    summary = serializers.CharField()
    summary_en = serializers.CharField()
    requirements = RequirementOutputSerializer(many=True)


def _job_profile_data(profile: JobProfile) -> dict[str, Any]:
    shares = job_profile_weights(profile)
    return {
        "position": profile.position.code,
        "position_title": profile.position.title,
        "pass_threshold": profile.pass_threshold,
        "summary": profile.summary,
        "summary_en": profile.summary_en,
        "requirements": [
            {
                "dimension": r.dimension.code,
                "dimension_name": r.dimension.name,
                "weight": r.weight,
                "weight_percent": (shares.get(r.dimension.code, Decimal("0")) * 100).quantize(Decimal("0.1")),
                "required_level": r.required_level,
            }
            for r in profile.requirements.all()
        ],
    }


class JobProfileListApi(APIView):
    @extend_schema(
        responses={200: JobProfileOutputSerializer(many=True), 401: ErrorSerializer, 404: ErrorSerializer},
        summary="Job profiles: what each position is assessed on",
    )
    def get(self, request: Request) -> Response:
        interview_setup_check_view(request.user)
        profiles = [_job_profile_data(profile) for profile in job_profile_list()]
        return Response(JobProfileOutputSerializer(profiles, many=True).data)


class JobProfileDetailApi(APIView):
    class InputSerializer(serializers.Serializer):
        class RequirementSerializer(serializers.Serializer):
            class Meta:
                ref_name = "JobProfileRequirementInput"

            dimension = serializers.SlugField(help_text="Dimension code")
            weight = serializers.DecimalField(max_digits=5, decimal_places=2)
            required_level = serializers.IntegerField(min_value=min(LEVELS), max_value=max(LEVELS))

        class Meta:
            ref_name = "JobProfileSave"

        pass_threshold = serializers.IntegerField(min_value=0, max_value=100, required=False, default=60)
        summary = serializers.CharField(required=False, allow_blank=True, default="")
        summary_en = serializers.CharField(required=False, allow_blank=True, default="")
        requirements = RequirementSerializer(many=True)

    @extend_schema(
        request=InputSerializer,
        responses={200: JobProfileOutputSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
        summary="Create or replace the job profile of a position (HR)",
    )
    def put(self, request: Request, position_code: str) -> Response:
        interview_setup_check_manage(request.user)
        position = Position.objects.filter(code=position_code).first()
        if position is None:
            raise NotFound(_("Position not found."))
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        profile = job_profile_save(
            actor=request.user,
            position=position,
            requirements=[
                RequirementInput(r["dimension"], r["weight"], r["required_level"]) for r in data["requirements"]
            ],
            pass_threshold=data["pass_threshold"],
            summary=data["summary"],
            summary_en=data["summary_en"],
        )
        saved = job_profile_list().get(pk=profile.pk)
        return Response(JobProfileOutputSerializer(_job_profile_data(saved)).data)


# --- questions --------------------------------------------------------------------------------------------------


class KeyPointOutputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "KeyPoint"

    order = serializers.IntegerField()
    text = serializers.CharField()
    text_en = serializers.CharField()
    weight = serializers.DecimalField(max_digits=5, decimal_places=2, coerce_to_string=False)
    keywords = serializers.ListField(child=serializers.CharField())
    synonyms = serializers.ListField(child=serializers.CharField())
    example_phrases = serializers.ListField(child=serializers.CharField())
    improvement_tip = serializers.CharField()
    improvement_tip_en = serializers.CharField()


class RubricOutputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Rubric"

    dimension = serializers.CharField(source="dimension.code", help_text="Dimension code")
    version = serializers.IntegerField()
    is_current = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    level_anchors = serializers.DictField(child=serializers.CharField(), help_text="Level (1–5) → description")
    key_points = KeyPointOutputSerializer(many=True)


class RubricHistoryOutputSerializer(RubricOutputSerializer):
    class Meta:
        ref_name = "RubricHistoryEntry"

    created_by = serializers.CharField(
        source="created_by.username", allow_null=True, default=None, help_text="Who wrote this version"
    )


class QuestionOutputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Question"

    code = serializers.CharField()
    kind = serializers.ChoiceField(choices=Question.Kind.choices)
    text = serializers.CharField()
    text_en = serializers.CharField()
    reference_answer = serializers.CharField()
    positions = serializers.SerializerMethodField(help_text="Position codes; empty for a generic question")
    expected_answer_seconds = serializers.IntegerField()
    preparation_seconds = serializers.IntegerField()
    max_answer_seconds = serializers.IntegerField()
    allowed_retries = serializers.IntegerField()
    is_active = serializers.BooleanField()
    rubrics = RubricOutputSerializer(many=True, help_text="The current rubric of each dimension")
    updated_at = serializers.DateTimeField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_positions(self, question: Question) -> list[str]:
        return sorted(position.code for position in question.positions.all())


class QuestionSaveOutputSerializer(serializers.Serializer):
    class RubricVersionSerializer(serializers.Serializer):
        class Meta:
            ref_name = "RubricVersion"

        dimension = serializers.CharField(source="dimension.code")
        version = serializers.IntegerField()

    class Meta:
        ref_name = "QuestionSaveResult"

    created = serializers.BooleanField()
    changed = serializers.BooleanField(help_text="False when the question and its rubrics were already like this")
    new_rubric_versions = RubricVersionSerializer(many=True)
    question = QuestionOutputSerializer()


class KeyPointInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "KeyPointInput"

    text = serializers.CharField(allow_blank=True)
    text_en = serializers.CharField(required=False, allow_blank=True, default="")
    weight = serializers.DecimalField(max_digits=5, decimal_places=2, required=False, default=Decimal("1"))
    keywords = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    synonyms = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    example_phrases = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    improvement_tip = serializers.CharField(required=False, allow_blank=True, default="")
    improvement_tip_en = serializers.CharField(required=False, allow_blank=True, default="")


class RubricInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "RubricInput"

    dimension = serializers.SlugField(help_text="Dimension code")
    level_anchors = serializers.DictField(
        child=serializers.CharField(allow_blank=True), required=False, default=dict, help_text="Level (1–5) → text"
    )
    key_points = KeyPointInputSerializer(many=True)


class QuestionFieldsSerializer(serializers.Serializer):
    """What a question is, without its code (the URL names it on PUT). Omitted fields take their defaults."""

    class Meta:
        ref_name = "QuestionUpdate"

    kind = serializers.ChoiceField(choices=Question.Kind.choices)
    text = serializers.CharField(required=False, allow_blank=True, default="")
    text_en = serializers.CharField(required=False, allow_blank=True, default="")
    reference_answer = serializers.CharField(required=False, allow_blank=True, default="")
    positions = serializers.ListField(
        child=serializers.SlugField(), required=False, default=list, help_text="Position codes"
    )
    expected_answer_seconds = serializers.IntegerField(required=False, default=120)
    preparation_seconds = serializers.IntegerField(required=False, default=30)
    max_answer_seconds = serializers.IntegerField(required=False, default=180)
    allowed_retries = serializers.IntegerField(required=False, default=1)
    is_active = serializers.BooleanField(required=False, default=True)
    rubrics = RubricInputSerializer(many=True)


def _question_input(code: str, data: dict[str, Any]) -> QuestionInput:
    return QuestionInput(
        code=code,
        kind=data["kind"],
        text=data["text"],
        text_en=data["text_en"],
        reference_answer=data["reference_answer"],
        position_codes=data["positions"],
        expected_answer_seconds=data["expected_answer_seconds"],
        preparation_seconds=data["preparation_seconds"],
        max_answer_seconds=data["max_answer_seconds"],
        allowed_retries=data["allowed_retries"],
        is_active=data["is_active"],
        rubrics=[
            RubricInput(
                dimension_code=rubric["dimension"],
                level_anchors=rubric["level_anchors"],
                key_points=[KeyPointInput(**point) for point in rubric["key_points"]],
            )
            for rubric in data["rubrics"]
        ],
    )


def _save_response(result: SaveResult, *, status_code: int = status.HTTP_200_OK) -> Response:
    data = {
        "created": result.created,
        "changed": result.changed,
        "new_rubric_versions": result.new_rubric_versions,
        "question": question_get_by_code(code=result.question.code),
    }
    return Response(QuestionSaveOutputSerializer(data).data, status=status_code)


class QuestionListApi(APIView):
    class InputSerializer(QuestionFieldsSerializer):
        class Meta:
            ref_name = "QuestionCreate"

        code = serializers.SlugField(max_length=80)

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Search the code and the question text"),
            OpenApiParameter("kind", str, enum=Question.Kind.values),
            OpenApiParameter("dimension", str, description="Dimension code of a current rubric"),
            OpenApiParameter("position", str, description="Position code"),
            OpenApiParameter("active", bool, description="Only active questions"),
        ],
        responses={200: QuestionOutputSerializer(many=True), 401: ErrorSerializer, 404: ErrorSerializer},
        summary="The question bank, with each question's current rubrics",
    )
    def get(self, request: Request) -> Response:
        interview_setup_check_view(request.user)
        questions = question_list(
            query=request.query_params.get("q", "").strip(),
            kind=request.query_params.get("kind", ""),
            dimension_code=request.query_params.get("dimension", ""),
            position_code=request.query_params.get("position", ""),
            active_only=request.query_params.get("active", "").lower() in {"1", "true", "yes"},
        )
        return _paginated(request, self, questions, QuestionOutputSerializer)

    @extend_schema(
        request=InputSerializer,
        responses={
            201: QuestionSaveOutputSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            409: ErrorSerializer,
        },
        summary="Add a question with its rubrics (HR)",
    )
    def post(self, request: Request) -> Response:
        interview_setup_check_manage(request.user)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        code = serializer.validated_data["code"]
        if Question.objects.filter(code=code).exists():
            # question_save would update it; a create must never overwrite a question silently.
            raise Conflict(
                _("A question with this code already exists; change it with PUT."),
                code=QuestionBankErrorCode.QUESTION_EXISTS,
                fields={"code": [_("A question with this code already exists.")]},
            )
        result = question_save(actor=request.user, data=_question_input(code, serializer.validated_data))
        return _save_response(result, status_code=status.HTTP_201_CREATED)


class QuestionDetailApi(APIView):
    @extend_schema(responses={200: QuestionOutputSerializer, 404: ErrorSerializer}, summary="One question")
    def get(self, request: Request, code: str) -> Response:
        interview_setup_check_view(request.user)
        return Response(QuestionOutputSerializer(question_get_by_code(code=code)).data)

    @extend_schema(
        request=QuestionFieldsSerializer,
        responses={
            200: QuestionSaveOutputSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
        summary="Replace a question and its rubrics (HR); a changed rubric becomes a new version",
    )
    def put(self, request: Request, code: str) -> Response:
        interview_setup_check_manage(request.user)
        question = question_get_by_code(code=code)
        serializer = QuestionFieldsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = question_save(actor=request.user, data=_question_input(question.code, serializer.validated_data))
        return _save_response(result)


class QuestionRubricHistoryApi(APIView):
    @extend_schema(
        responses={200: RubricHistoryOutputSerializer(many=True), 404: ErrorSerializer},
        summary="Every version of every rubric of a question, newest first per dimension",
    )
    def get(self, request: Request, code: str) -> Response:
        interview_setup_check_view(request.user)
        question = question_get_by_code(code=code)
        return Response(RubricHistoryOutputSerializer(rubric_history(question=question), many=True).data)


# --- import and export ------------------------------------------------------------------------------------------


class _FileFormatNegotiation(DefaultContentNegotiation):
    """Here ``?format=`` names the file to download, not a DRF renderer; errors are always JSON."""

    def select_renderer(self, request: Any, renderers: Any, format_suffix: str | None = None) -> Any:
        return renderers[0], renderers[0].media_type


_EXPORT_DESCRIPTION = "The bank as a download: JSON, or a workbook with the sheets questions, rubrics and key_points"


class QuestionBankExportApi(APIView):
    content_negotiation_class = _FileFormatNegotiation
    renderer_classes = [JSONRenderer]

    @extend_schema(
        parameters=[OpenApiParameter("format", str, enum=list(EXPORT_CONTENT_TYPES), default="json")],
        responses={
            (200, EXPORT_CONTENT_TYPES["json"]): OpenApiResponse(
                OpenApiTypes.OBJECT,
                description=_EXPORT_DESCRIPTION,
            ),
            (200, EXPORT_CONTENT_TYPES["xlsx"]): OpenApiResponse(
                OpenApiTypes.BINARY,
                description=_EXPORT_DESCRIPTION,
            ),
            (400, "application/json"): ErrorSerializer,
            (404, "application/json"): ErrorSerializer,
        },
        summary="Download the question bank (current rubrics) as JSON or XLSX",
    )
    def get(self, request: Request) -> HttpResponse:
        interview_setup_check_view(request.user)
        file_format = request.query_params.get("format", "json")
        if file_format not in EXPORT_CONTENT_TYPES:
            raise ValidationFailed(_("Unknown export format."), fields={"format": [_("Use json or xlsx.")]})
        exported = question_bank_export_file(
            questions=question_list(), file_format=file_format, on=timezone.localdate()
        )
        response = HttpResponse(exported.content, content_type=exported.content_type)
        response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
        return response


class QuestionBankImportApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "QuestionBankImport"

        file = serializers.FileField(help_text="A .json or .xlsx question bank, at most 5 MB")

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "QuestionBankImportResult"

        created = serializers.IntegerField()
        updated = serializers.IntegerField()
        unchanged = serializers.IntegerField()
        rubric_versions = serializers.IntegerField(help_text="New rubric versions created")

    @extend_schema(
        request={"multipart/form-data": InputSerializer},
        responses={
            200: OutputSerializer,
            400: OpenApiResponse(
                ErrorSerializer,
                description=(
                    "The file could not be read (code import_file_unreadable), or some rows were rejected (code "
                    "import_rejected; `fields` maps each rejected row's location to its problems) and nothing was "
                    "imported."
                ),
            ),
            403: ErrorSerializer,
        },
        summary="Import a question bank: every question or, if any row is rejected, none (HR)",
    )
    def post(self, request: Request) -> Response:
        interview_setup_check_manage(request.user)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        try:
            if upload.size > MAX_IMPORT_BYTES:
                raise ImportFileError(_("The file is larger than 5 MB."))
            rows = question_bank_rows_from_upload(filename=upload.name, content=upload.read())
        except ImportFileError as error:
            raise ValidationFailed(
                str(error), code=QuestionBankErrorCode.IMPORT_FILE_UNREADABLE, fields={"file": [str(error)]}
            ) from None
        report = question_bank_import(actor=request.user, rows=rows)
        if not report.succeeded:
            rejected: dict[str, list[str]] = {}
            for location, message in report.rejected:
                rejected.setdefault(location or "file", []).append(message)
            raise ValidationFailed(
                ngettext(
                    "Nothing was imported: %(count)s problem was found.",
                    "Nothing was imported: %(count)s problems were found.",
                    len(report.rejected),
                )
                % {"count": len(report.rejected)},
                code=QuestionBankErrorCode.IMPORT_REJECTED,
                fields=rejected,
            )
        return Response(self.OutputSerializer(report).data)
