"""REST endpoints for openings and applications.

Openings: HR and hiring managers read the openings they may see, HR creates, changes, opens and closes them
(``talentloop.recruitment.access``). Employees list open internal openings, apply, and follow their own
applications under ``me/``; another person's application is 404. Every write goes through the same services as
the console and portal pages.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from talentloop.accounts.models import User
from talentloop.api.apis import ErrorSerializer, _paginated
from talentloop.core.exceptions import NotFound, ValidationFailed
from talentloop.interviews.models import InterviewTemplate
from talentloop.org.access import employee_get_for_user
from talentloop.org.models import Position
from talentloop.org.selectors import company_get_default, employee_record_get, own_records_get
from talentloop.recruitment.access import (
    applicant_person_get,
    internal_opening_get_for_user,
    internal_opening_list_for_user,
    opening_get_for_user,
    openings_check_manage,
    openings_check_view,
    own_application_get,
    own_application_list,
)
from talentloop.recruitment.models import Application, Opening
from talentloop.recruitment.selectors import application_progress, opening_application_list, opening_list
from talentloop.recruitment.services import (
    OpeningInput,
    application_create,
    application_withdraw,
    opening_close,
    opening_create,
    opening_open,
    opening_update,
)


def _person_name(user: Any) -> str | None:
    if user is None:
        return None
    person = getattr(user, "person", None)
    return person.full_name if person is not None else (user.display_name or user.username)


class OpeningSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Opening"

    id = serializers.IntegerField()
    title = serializers.CharField()
    title_en = serializers.CharField()
    position = serializers.IntegerField(source="position_id")
    position_title = serializers.CharField(source="position.title")
    department = serializers.IntegerField(source="department_id")
    department_name = serializers.CharField(source="department.name")
    job_profile = serializers.IntegerField(source="job_profile_id", allow_null=True)
    interview_template = serializers.IntegerField(source="interview_template_id", allow_null=True)
    hiring_manager = serializers.IntegerField(source="hiring_manager_id", allow_null=True)
    hiring_manager_name = serializers.SerializerMethodField()
    headcount = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Opening.Status.choices)
    internal = serializers.BooleanField()
    public = serializers.BooleanField()
    description = serializers.CharField()
    auto_advance_on_ai_pass = serializers.BooleanField()
    opened_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()

    def get_hiring_manager_name(self, opening: Opening) -> str | None:
        return _person_name(opening.hiring_manager)


class OpeningListSerializer(OpeningSerializer):
    class Meta:
        ref_name = "OpeningWithCount"

    application_count = serializers.IntegerField()


class InternalOpeningSerializer(serializers.Serializer):
    """What an employee sees of an internal opening."""

    class Meta:
        ref_name = "InternalOpening"

    id = serializers.IntegerField()
    title = serializers.CharField()
    title_en = serializers.CharField()
    position_title = serializers.CharField(source="position.title")
    department_name = serializers.CharField(source="department.name")
    hiring_manager_name = serializers.SerializerMethodField()
    headcount = serializers.IntegerField()
    description = serializers.CharField()
    opened_at = serializers.DateTimeField(allow_null=True)

    def get_hiring_manager_name(self, opening: Opening) -> str | None:
        return _person_name(opening.hiring_manager)


class ApplicationSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Application"

    id = serializers.IntegerField()
    opening = serializers.IntegerField(source="opening_id")
    opening_title = serializers.CharField(source="opening.title")
    person = serializers.IntegerField(source="person_id")
    person_name = serializers.CharField(source="person.full_name")
    candidate = serializers.IntegerField(source="candidate_id")
    source = serializers.ChoiceField(choices=Application.Source.choices)  # type: ignore[assignment]
    status = serializers.ChoiceField(choices=Application.Status.choices)
    motivation = serializers.CharField()
    created_at = serializers.DateTimeField()
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    stage = serializers.IntegerField(source="stage_id", allow_null=True)
    stage_entered_at = serializers.DateTimeField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    invitation = serializers.IntegerField(source="invitation_id", allow_null=True)
    interview_status = serializers.SerializerMethodField()
    interview_session = serializers.SerializerMethodField()

    def get_interview_status(self, application: Application) -> str | None:
        progress = application_progress(application=application)
        return progress.interview_status.value if progress.interview_status else None

    def get_interview_session(self, application: Application) -> int | None:
        session = getattr(application.invitation, "session", None) if application.invitation else None
        return session.pk if session is not None else None


class MyApplicationSerializer(ApplicationSerializer):
    """The applicant's view adds the personal interview link while the interview can be taken."""

    class Meta:
        ref_name = "MyApplication"

    interview_link = serializers.SerializerMethodField()

    def get_interview_link(self, application: Application) -> str:
        if application.status != Application.Status.ACTIVE:
            return ""
        return application_progress(application=application).interview_link


class OpeningInputSerializer(serializers.Serializer):
    """Ids and text only: the service validates and answers with one message per field."""

    class Meta:
        ref_name = "OpeningInput"

    title = serializers.CharField(allow_blank=True, max_length=400)
    title_en = serializers.CharField(allow_blank=True, required=False, default="", max_length=400)
    position = serializers.IntegerField(allow_null=True)
    interview_template = serializers.IntegerField(allow_null=True, required=False, default=None)
    hiring_manager = serializers.IntegerField(allow_null=True, required=False, default=None)
    headcount = serializers.CharField(required=False, default="1", max_length=10)
    internal = serializers.BooleanField(required=False, default=False)
    public = serializers.BooleanField(required=False, default=True)
    description = serializers.CharField(allow_blank=True, required=False, default="")
    auto_advance_on_ai_pass = serializers.BooleanField(required=False, default=False)


def _object(model: Any, pk: int | None, field: str) -> Any:
    if pk is None:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise ValidationFailed(_("Check the marked fields."), fields={field: [_("There is no such choice.")]})
    return found


def _opening_input(data: dict[str, Any]) -> OpeningInput:
    return OpeningInput(
        title=data["title"],
        title_en=data["title_en"],
        position=_object(Position, data["position"], "position"),
        interview_template=_object(InterviewTemplate, data["interview_template"], "interview_template"),
        hiring_manager=_object(User, data["hiring_manager"], "hiring_manager"),
        headcount=data["headcount"],
        internal=data["internal"],
        public=data["public"],
        description=data["description"],
        auto_advance_on_ai_pass=data["auto_advance_on_ai_pass"],
    )


class OpeningListApi(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=Opening.Status.values, required=False),
            OpenApiParameter("q", str, required=False, description="Title or position"),
        ],
        responses={200: OpeningListSerializer(many=True), 403: ErrorSerializer, 404: ErrorSerializer},
        summary="Openings (HR, hiring managers)",
    )
    def get(self, request: Request) -> Response:
        openings_check_view(request.user)
        openings = opening_list(
            user=request.user,
            status=request.query_params.get("status", ""),
            query=request.query_params.get("q", "").strip(),
        )
        return _paginated(request, self, openings, OpeningListSerializer)

    @extend_schema(
        request=OpeningInputSerializer,
        responses={201: OpeningSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
        summary="Create an opening as a draft (HR)",
    )
    def post(self, request: Request) -> Response:
        openings_check_manage(request.user)
        serializer = OpeningInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        company = company_get_default()
        if company is None:
            raise NotFound(_("No company is set up yet."))
        opening = opening_create(
            actor=request.user, company=company, data=_opening_input(serializer.validated_data), request=request
        )
        return Response(OpeningSerializer(opening).data, status=status.HTTP_201_CREATED)


class OpeningDetailApi(APIView):
    @extend_schema(
        responses={200: OpeningSerializer, 403: ErrorSerializer, 404: ErrorSerializer}, summary="One opening"
    )
    def get(self, request: Request, opening_id: int) -> Response:
        openings_check_view(request.user)
        return Response(OpeningSerializer(opening_get_for_user(request.user, opening_id)).data)

    @extend_schema(
        request=OpeningInputSerializer(partial=True),
        responses={200: OpeningSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
        summary="Change an opening (HR); fields left out keep their values",
    )
    def patch(self, request: Request, opening_id: int) -> Response:
        openings_check_view(request.user)
        opening = opening_get_for_user(request.user, opening_id, intent="change")
        current = {
            "title": opening.title,
            "title_en": opening.title_en,
            "position": opening.position_id,
            "interview_template": opening.interview_template_id,
            "hiring_manager": opening.hiring_manager_id,
            "headcount": str(opening.headcount),
            "internal": opening.internal,
            "public": opening.public,
            "description": opening.description,
            "auto_advance_on_ai_pass": opening.auto_advance_on_ai_pass,
        }
        serializer = OpeningInputSerializer(data={**current, **request.data})
        serializer.is_valid(raise_exception=True)
        opening = opening_update(
            actor=request.user, opening=opening, data=_opening_input(serializer.validated_data), request=request
        )
        return Response(OpeningSerializer(opening).data)


class OpeningOpenApi(APIView):
    @extend_schema(
        request=None,
        responses={
            200: OpeningSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
        },
        summary="Open an opening for applications (HR)",
    )
    def post(self, request: Request, opening_id: int) -> Response:
        openings_check_view(request.user)
        opening = opening_get_for_user(request.user, opening_id, intent="change")
        return Response(OpeningSerializer(opening_open(actor=request.user, opening=opening, request=request)).data)


class OpeningCloseApi(APIView):
    @extend_schema(
        request=None,
        responses={200: OpeningSerializer, 403: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer},
        summary="Close an opening (HR)",
    )
    def post(self, request: Request, opening_id: int) -> Response:
        openings_check_view(request.user)
        opening = opening_get_for_user(request.user, opening_id, intent="change")
        return Response(OpeningSerializer(opening_close(actor=request.user, opening=opening, request=request)).data)


class OpeningApplicationListApi(APIView):
    @extend_schema(
        responses={200: ApplicationSerializer(many=True), 403: ErrorSerializer, 404: ErrorSerializer},
        summary="An opening's applications (HR, its hiring manager)",
    )
    def get(self, request: Request, opening_id: int) -> Response:
        openings_check_view(request.user)
        opening = opening_get_for_user(request.user, opening_id)
        return _paginated(request, self, opening_application_list(opening=opening), ApplicationSerializer)


class MyInternalOpeningListApi(APIView):
    @extend_schema(
        responses={200: InternalOpeningSerializer(many=True)},
        summary="Open internal openings I can apply to (employees; empty for anyone else)",
    )
    def get(self, request: Request) -> Response:
        openings = internal_opening_list_for_user(request.user).order_by("-opened_at", "-pk")
        return _paginated(request, self, openings, InternalOpeningSerializer)


class MyApplicationListApi(APIView):
    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "ApplicationCreate"

        opening = serializers.IntegerField()
        # Required and length-limited by the service, so the API and the portal answer with the same error codes.
        motivation = serializers.CharField(allow_blank=True, trim_whitespace=False, default="")

    @extend_schema(responses={200: MyApplicationSerializer(many=True)}, summary="My applications")
    def get(self, request: Request) -> Response:
        applications = own_application_list(request.user).order_by("-created_at", "-pk")
        return _paginated(request, self, applications, MyApplicationSerializer)

    @extend_schema(
        request=InputSerializer,
        responses={
            201: MyApplicationSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
        },
        summary="Apply to an open internal opening; creates my AI interview invitation",
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        opening = internal_opening_get_for_user(request.user, serializer.validated_data["opening"])
        person = applicant_person_get(request.user)
        application = application_create(
            actor=request.user,
            opening=opening,
            person=person,
            motivation=serializer.validated_data["motivation"],
            request=request,
        )
        return Response(MyApplicationSerializer(application).data, status=status.HTTP_201_CREATED)


class MyApplicationDetailApi(APIView):
    @extend_schema(responses={200: MyApplicationSerializer, 404: ErrorSerializer}, summary="One of my applications")
    def get(self, request: Request, application_id: int) -> Response:
        return Response(MyApplicationSerializer(own_application_get(request.user, application_id)).data)


class MyApplicationWithdrawApi(APIView):
    @extend_schema(
        request=None,
        responses={200: MyApplicationSerializer, 404: ErrorSerializer, 409: ErrorSerializer},
        summary="Withdraw my application (an interview not yet submitted is revoked)",
    )
    def post(self, request: Request, application_id: int) -> Response:
        application = own_application_get(request.user, application_id)
        application = application_withdraw(actor=request.user, application=application, request=request)
        return Response(MyApplicationSerializer(application).data)


class EmployeeRecordSerializer(serializers.Serializer):
    class Meta:
        ref_name = "EmployeeRecord"

    id = serializers.IntegerField(source="employee.pk")
    full_name = serializers.CharField(source="employee.person.full_name")
    employee_number = serializers.CharField(source="employee.employee_number")
    department = serializers.IntegerField(source="employee.department_id")
    department_path = serializers.SerializerMethodField()
    position = serializers.CharField(source="employee.position.title", allow_null=True, default=None)
    managers = serializers.ListField(child=serializers.CharField())
    hired_on = serializers.DateField(source="employee.hired_on", allow_null=True)
    status = serializers.CharField(source="employee.status")
    email = serializers.CharField(source="employee.person.email")
    mobile = serializers.CharField(source="employee.person.mobile")

    def get_department_path(self, record: Any) -> list[str]:
        return [department.name for department in record.department_path]


class MyEmployeeRecordApi(APIView):
    @extend_schema(responses={200: EmployeeRecordSerializer, 404: ErrorSerializer}, summary="My employee record")
    def get(self, request: Request) -> Response:
        _candidate, employee = own_records_get(user=request.user, request=request)
        if employee is None:
            raise NotFound(_("There is no employee record linked to your account."))
        return Response(EmployeeRecordSerializer(employee_record_get(employee=employee)).data)


class EmployeeRecordApi(APIView):
    @extend_schema(
        responses={200: EmployeeRecordSerializer, 404: ErrorSerializer},
        summary="An employee's record as the employee sees it",
    )
    def get(self, request: Request, employee_id: int) -> Response:
        employee = employee_get_for_user(request.user, employee_id, request=request)
        return Response(EmployeeRecordSerializer(employee_record_get(employee=employee)).data)
