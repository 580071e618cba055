"""REST endpoints for the learning library and growth paths.

The library: staff read, HR writes (``talentloop.learning.access``). Growth paths: the candidate reads and changes
their own, staff who may see the candidate read it, anyone else gets 404 (``talentloop.feedback.growth_access``). Every
write goes through the same services as the pages.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from talentloop.api.apis import ErrorSerializer, _paginated
from talentloop.api.setup_apis import _FileFormatNegotiation
from talentloop.core.exceptions import NotFound, ValidationFailed
from talentloop.feedback.growth_access import growth_invitation_get_for_user, growth_item_get_for_user
from talentloop.feedback.growth_selectors import growth_path_get, growth_path_overview, session_scored
from talentloop.feedback.models import GrowthPathItem
from talentloop.feedback.services.growth import (
    growth_item_complete,
    growth_item_enrol,
    growth_item_note,
    growth_path_build,
)
from talentloop.learning.access import library_check_manage, library_check_view
from talentloop.learning.errors import LearningErrorCode
from talentloop.learning.io import (
    EXPORT_CONTENT_TYPES,
    ImportFileError,
    learning_library_export_file,
    learning_library_rows_from_upload,
)
from talentloop.learning.models import Course, Language
from talentloop.learning.selectors import (
    course_get_by_code,
    course_list,
    mentor_for_employee,
    mentor_list,
    project_get_by_code,
    project_list,
)
from talentloop.learning.services import (
    CourseInput,
    MentorInput,
    ProjectInput,
    SaveResult,
    TargetInput,
    course_save,
    learning_library_import,
    mentor_opt_in,
    mentor_opt_out,
    mentor_save,
    project_save,
)
from talentloop.org.access import actor_get
from talentloop.org.selectors import own_records_get
from talentloop.questionbank.io import MAX_IMPORT_BYTES

# --- the library -------------------------------------------------------------------------------------------------


class TargetSerializer(serializers.Serializer):
    class Meta:
        ref_name = "LearningTarget"

    dimension = serializers.CharField(source="dimension.code")
    level_from = serializers.IntegerField(min_value=1, max_value=5)
    level_to = serializers.IntegerField(min_value=1, max_value=5)


class TargetInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "LearningTargetInput"

    dimension = serializers.CharField(max_length=50)
    level_from = serializers.IntegerField(min_value=1, max_value=5)
    level_to = serializers.IntegerField(min_value=1, max_value=5)


def _targets(items: list[dict[str, Any]]) -> list[TargetInput]:
    return [TargetInput(t["dimension"], t["level_from"], t["level_to"]) for t in items]


class CourseSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Course"

    code = serializers.SlugField(max_length=50)
    title = serializers.CharField(max_length=200)
    title_en = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")
    provider = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")
    format = serializers.ChoiceField(choices=Course.Format.choices)
    duration_hours = serializers.DecimalField(max_digits=6, decimal_places=1)
    url = serializers.CharField(max_length=500, allow_blank=True, required=False, default="")
    content = serializers.CharField(allow_blank=True, required=False, default="")
    language = serializers.ChoiceField(choices=Language.choices, default=Language.ZH)
    is_active = serializers.BooleanField(default=True)
    targets = TargetSerializer(many=True, read_only=True)


class CourseInputSerializer(CourseSerializer):
    class Meta:
        ref_name = "CourseInput"

    targets = TargetInputSerializer(many=True)  # type: ignore[assignment]


class ProjectSerializer(serializers.Serializer):
    class Meta:
        ref_name = "PracticeProject"

    code = serializers.SlugField(max_length=50)
    title = serializers.CharField(max_length=200)
    title_en = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")
    brief = serializers.CharField()
    expected_outcome = serializers.CharField()
    effort_hours = serializers.DecimalField(max_digits=6, decimal_places=1)
    language = serializers.ChoiceField(choices=Language.choices, default=Language.ZH)
    is_active = serializers.BooleanField(default=True)
    targets = TargetSerializer(many=True, read_only=True)


class ProjectInputSerializer(ProjectSerializer):
    class Meta:
        ref_name = "PracticeProjectInput"

    targets = TargetInputSerializer(many=True)  # type: ignore[assignment]


class MentorSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Mentor"

    id = serializers.IntegerField(read_only=True)
    employee_number = serializers.CharField(source="employee.employee_number", max_length=32)
    name = serializers.CharField(source="employee.person.full_name", read_only=True)
    capacity = serializers.IntegerField(min_value=1, max_value=20)
    introduction = serializers.CharField(allow_blank=True, required=False, default="")
    is_active = serializers.BooleanField(default=True)
    targets = TargetSerializer(many=True, read_only=True)


class MentorInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "MentorInput"

    employee_number = serializers.CharField(max_length=32)
    capacity = serializers.IntegerField(min_value=1, max_value=20)
    introduction = serializers.CharField(allow_blank=True, required=False, default="")
    is_active = serializers.BooleanField(default=True)
    targets = TargetInputSerializer(many=True)


_FILTERS = [
    OpenApiParameter("dimension", str, description="Only items developing this dimension (code)"),
    OpenApiParameter("active", bool, description="true or false; both when absent"),
]


def _active(request: Request) -> bool | None:
    return {"true": True, "false": False}.get(request.query_params.get("active", "").lower())


def _saved(result: SaveResult, serializer: type[serializers.Serializer]) -> Response:
    return Response(
        serializer(result.item).data, status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK
    )


class CourseListApi(APIView):
    @extend_schema(
        parameters=[*_FILTERS, OpenApiParameter("format", str, enum=Course.Format.values)],
        responses={200: CourseSerializer(many=True), 404: ErrorSerializer},
        summary="Courses in the learning library",
    )
    def get(self, request: Request) -> Response:
        library_check_view(request.user)
        courses = course_list(
            dimension_code=request.query_params.get("dimension", ""),
            course_format=request.query_params.get("format", ""),
            active=_active(request),
        )
        return _paginated(request, self, courses, CourseSerializer)

    @extend_schema(
        request=CourseInputSerializer,
        responses={201: CourseSerializer, 200: CourseSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
        summary="Add a course, or update the course with this code (HR)",
    )
    def post(self, request: Request) -> Response:
        library_check_manage(request.user)
        serializer = CourseInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data["targets"] = _targets(data["targets"])
        return _saved(course_save(actor=request.user, data=CourseInput(**data)), CourseSerializer)


class CourseDetailApi(APIView):
    @extend_schema(responses={200: CourseSerializer, 404: ErrorSerializer}, summary="One course")
    def get(self, request: Request, code: str) -> Response:
        library_check_view(request.user)
        return Response(CourseSerializer(course_get_by_code(code=code)).data)


class ProjectListApi(APIView):
    @extend_schema(
        parameters=_FILTERS,
        responses={200: ProjectSerializer(many=True), 404: ErrorSerializer},
        summary="Practice projects in the learning library",
    )
    def get(self, request: Request) -> Response:
        library_check_view(request.user)
        projects = project_list(dimension_code=request.query_params.get("dimension", ""), active=_active(request))
        return _paginated(request, self, projects, ProjectSerializer)

    @extend_schema(
        request=ProjectInputSerializer,
        responses={201: ProjectSerializer, 200: ProjectSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
        summary="Add a practice project, or update the project with this code (HR)",
    )
    def post(self, request: Request) -> Response:
        library_check_manage(request.user)
        serializer = ProjectInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data["targets"] = _targets(data["targets"])
        return _saved(project_save(actor=request.user, data=ProjectInput(**data)), ProjectSerializer)


class ProjectDetailApi(APIView):
    @extend_schema(responses={200: ProjectSerializer, 404: ErrorSerializer}, summary="One practice project")
    def get(self, request: Request, code: str) -> Response:
        library_check_view(request.user)
        return Response(ProjectSerializer(project_get_by_code(code=code)).data)


class MentorListApi(APIView):
    @extend_schema(
        parameters=_FILTERS,
        responses={200: MentorSerializer(many=True), 404: ErrorSerializer},
        summary="Mentors in the learning library",
    )
    def get(self, request: Request) -> Response:
        library_check_view(request.user)
        mentors = mentor_list(dimension_code=request.query_params.get("dimension", ""), active=_active(request))
        return _paginated(request, self, mentors, MentorSerializer)

    @extend_schema(
        request=MentorInputSerializer,
        responses={201: MentorSerializer, 200: MentorSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
        summary="Make an employee a mentor, or update their offer (HR)",
    )
    def post(self, request: Request) -> Response:
        library_check_manage(request.user)
        serializer = MentorInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data["targets"] = _targets(data["targets"])
        return _saved(mentor_save(actor=request.user, data=MentorInput(**data)), MentorSerializer)


class LearningLibraryExportApi(APIView):
    content_negotiation_class = _FileFormatNegotiation
    renderer_classes = [JSONRenderer]

    @extend_schema(
        parameters=[OpenApiParameter("format", str, enum=list(EXPORT_CONTENT_TYPES), default="json")],
        responses={
            (200, EXPORT_CONTENT_TYPES["json"]): OpenApiResponse(OpenApiTypes.OBJECT),
            (200, EXPORT_CONTENT_TYPES["xlsx"]): OpenApiResponse(
                OpenApiTypes.BINARY, description="A workbook with the sheets courses, projects and mentors"
            ),
            (400, "application/json"): ErrorSerializer,
            (404, "application/json"): ErrorSerializer,
        },
        summary="Download the learning library as JSON or XLSX",
    )
    def get(self, request: Request) -> HttpResponse:
        library_check_view(request.user)
        file_format = request.query_params.get("format", "json")
        if file_format not in EXPORT_CONTENT_TYPES:
            raise ValidationFailed(_("Unknown export format."), fields={"format": [_("Use json or xlsx.")]})
        exported = learning_library_export_file(
            courses=course_list(), projects=project_list(), mentors=mentor_list(), file_format=file_format,
            on=timezone.localdate(),
        )  # fmt: skip
        response = HttpResponse(exported.content, content_type=exported.content_type)
        response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
        return response


class LearningLibraryImportApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "LearningLibraryImport"

        file = serializers.FileField(help_text="A .json or .xlsx learning library, at most 5 MB")

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "LearningLibraryImportResult"

        created = serializers.IntegerField()
        updated = serializers.IntegerField()
        unchanged = serializers.IntegerField()

    @extend_schema(
        request={"multipart/form-data": InputSerializer},
        responses={
            200: OutputSerializer,
            400: OpenApiResponse(
                ErrorSerializer,
                description=(
                    "The file could not be read (code learning_import_file_unreadable), or some rows were rejected "
                    "(code learning_import_rejected; `fields` maps each rejected row's location — sheet and row, or "
                    "JSON path — to its problems, each naming the field) and nothing was imported."
                ),
            ),
            403: ErrorSerializer,
        },
        summary="Import courses, projects and mentors: all or, if any row is rejected, none (HR)",
    )
    def post(self, request: Request) -> Response:
        library_check_manage(request.user)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        try:
            if upload.size > MAX_IMPORT_BYTES:
                raise ImportFileError(_("The file is larger than 5 MB."))
            rows = learning_library_rows_from_upload(filename=upload.name, content=upload.read())
        except ImportFileError as error:
            raise ValidationFailed(
                str(error), code=LearningErrorCode.IMPORT_FILE_UNREADABLE, fields={"file": [str(error)]}
            ) from None
        report = learning_library_import(actor=request.user, rows=rows)
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
                code=LearningErrorCode.IMPORT_REJECTED,
                fields=rejected,
            )
        return Response(self.OutputSerializer(report).data)


# --- growth paths ------------------------------------------------------------------------------------------------


class GrowthItemSerializer(serializers.Serializer):
    class Meta:
        ref_name = "GrowthPathItem"

    id = serializers.IntegerField()
    rank = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=GrowthPathItem.Kind.choices)
    dimension = serializers.CharField(source="dimension.code")
    course = serializers.CharField(source="course.code", allow_null=True, default=None)
    project = serializers.CharField(source="project.code", allow_null=True, default=None)
    mentor = serializers.IntegerField(source="mentor_id", allow_null=True)
    key_point = serializers.CharField()
    explanation = serializers.CharField()
    explanation_en = serializers.CharField()
    status = serializers.ChoiceField(choices=GrowthPathItem.Status.choices)
    note = serializers.CharField()
    evidence_text = serializers.CharField()
    evidence_url = serializers.CharField()
    enrolled_at = serializers.DateTimeField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)


class GrowthPathSerializer(serializers.Serializer):
    class Meta:
        ref_name = "GrowthPath"

    class Progress(serializers.Serializer):
        done = serializers.IntegerField()
        total = serializers.IntegerField()
        percent = serializers.IntegerField()

    state = serializers.ChoiceField(choices=["not_scored", "not_built", "built"])
    built_at = serializers.DateTimeField(allow_null=True)
    gaps = serializers.ListField(child=serializers.DictField())
    progress = Progress()
    items = GrowthItemSerializer(many=True)


class GrowthPathApi(APIView):
    @extend_schema(
        responses={200: GrowthPathSerializer, 401: ErrorSerializer, 404: ErrorSerializer},
        summary="The growth path of one interview (the candidate's own, or read-only for staff)",
        description=(
            "`state` is `not_scored` while the interview has no score, `not_built` when staff look before the "
            "candidate opened it, else `built`. The candidate's first request builds the path."
        ),
    )
    def get(self, request: Request, invitation_id: int) -> Response:
        invitation = growth_invitation_get_for_user(request.user, invitation_id, intent="view")
        session = getattr(invitation, "session", None)
        owner = invitation.candidate.person_id == actor_get(request.user).person_id
        path = growth_path_get(session=session)
        if path is None and owner and session is not None and session_scored(session=session):
            growth_path_build(session=session)
        overview = growth_path_overview(session=session)
        path = overview["path"]  # type: ignore[assignment]
        state = "built" if path is not None else ("not_built" if overview["scored"] else "not_scored")
        return Response(
            GrowthPathSerializer(
                {
                    "state": state,
                    "built_at": path.built_at if path else None,
                    "gaps": path.gaps if path else [],
                    "progress": overview["progress"],
                    "items": list(path.items.all()) if path else [],
                }
            ).data
        )


class GrowthItemActionApi(APIView):
    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "GrowthItemAction"

        note = serializers.CharField(allow_blank=True, required=False, default="")
        evidence_text = serializers.CharField(allow_blank=True, required=False, default="")
        evidence_url = serializers.CharField(allow_blank=True, required=False, default="")

    @extend_schema(
        request=InputSerializer,
        parameters=[OpenApiParameter("action", str, OpenApiParameter.PATH, enum=["enrol", "complete", "note"])],
        responses={
            200: GrowthItemSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
        },
        summary="Enrol in an action, mark it done (with evidence) or keep a note on it (the candidate only)",
    )
    def post(self, request: Request, item_id: int, action: str) -> Response:
        if action not in ("enrol", "complete", "note"):
            raise NotFound(_("Page not found."))
        item = growth_item_get_for_user(request.user, item_id, intent="change")
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if action == "enrol":
            item = growth_item_enrol(item=item)
        elif action == "complete":
            item = growth_item_complete(
                item=item, evidence_text=data["evidence_text"], evidence_url=data["evidence_url"]
            )
        else:
            item = growth_item_note(item=item, note=data["note"])
        return Response(GrowthItemSerializer(item).data)


# --- mentoring (the signed-in employee's own offer) --------------------------------------------------------------


class MyMentoringApi(APIView):
    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "MyMentoring"

        is_active = serializers.BooleanField()
        capacity = serializers.IntegerField(allow_null=True)
        introduction = serializers.CharField()
        dimensions = serializers.ListField(child=serializers.CharField())

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "MyMentoringInput"

        dimensions = serializers.ListField(child=serializers.CharField(max_length=50), allow_empty=True)
        capacity = serializers.IntegerField()
        introduction = serializers.CharField(allow_blank=True, required=False, default="")

    def _employee(self, request: Request) -> Any:
        _candidate, employee = own_records_get(user=request.user, request=request)
        if employee is None:
            raise NotFound(_("Only employees can mentor."))
        return employee

    def _state(self, employee: Any) -> Response:
        mentor = mentor_for_employee(employee=employee)
        return Response(
            self.OutputSerializer(
                {
                    "is_active": bool(mentor and mentor.is_active),
                    "capacity": mentor.capacity if mentor else None,
                    "introduction": mentor.introduction if mentor else "",
                    "dimensions": [t.dimension.code for t in mentor.targets.all()] if mentor else [],
                }
            ).data
        )

    @extend_schema(responses={200: OutputSerializer, 404: ErrorSerializer}, summary="My mentoring offer (employees)")
    def get(self, request: Request) -> Response:
        return self._state(self._employee(request))

    @extend_schema(
        request=InputSerializer,
        responses={200: OutputSerializer, 400: ErrorSerializer, 404: ErrorSerializer},
        summary="Offer to mentor on some dimensions, or change the offer (employees)",
    )
    def put(self, request: Request) -> Response:
        employee = self._employee(request)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        mentor_opt_in(
            actor=request.user,
            employee=employee,
            dimension_codes=data["dimensions"],
            capacity=data["capacity"],
            introduction=data["introduction"],
        )
        return self._state(employee)

    @extend_schema(responses={200: OutputSerializer, 404: ErrorSerializer}, summary="Stop mentoring (employees)")
    def delete(self, request: Request) -> Response:
        employee = self._employee(request)
        mentor_opt_out(actor=request.user, employee=employee)
        return self._state(employee)
