"""REST endpoints under /api/v1/. Each class parses input, authorizes through org.access, calls one service."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from talentloop.accounts.services import user_record_failed_sign_in
from talentloop.core.exceptions import LockedOut, NotFound, PermissionDenied
from talentloop.core.selectors import audit_event_list
from talentloop.org.access import (
    actor_get,
    audit_log_check_access,
    candidate_can_change,
    candidate_get_for_user,
    employee_get_for_user,
)
from talentloop.org.models import Candidate, Employee, Position
from talentloop.org.selectors import candidate_list, company_get_default, department_tree, employee_list
from talentloop.org.services import candidate_create, candidate_update


def _paginated(request: Request, view: APIView, items: Any, serializer: type[serializers.Serializer]) -> Response:
    paginator = LimitOffsetPagination()
    page = paginator.paginate_queryset(items, request, view=view)
    return paginator.get_paginated_response(serializer(page, many=True).data)


class ErrorSerializer(serializers.Serializer):
    class Body(serializers.Serializer):
        code = serializers.CharField()
        message = serializers.CharField()
        fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))  # type: ignore[assignment]

    error = Body()


class MeApi(APIView):
    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "Me"

        id = serializers.IntegerField()
        username = serializers.CharField()
        display_name = serializers.CharField()
        roles = serializers.ListField(child=serializers.CharField())
        preferred_language = serializers.CharField()

    @extend_schema(responses={200: OutputSerializer, 401: ErrorSerializer}, summary="The signed-in user")
    def get(self, request: Request) -> Response:
        user = request.user
        actor = actor_get(user)
        data = {
            "id": user.pk,
            "username": user.get_username(),
            "display_name": str(user),
            "roles": sorted(role.value for role in actor.roles),
            "preferred_language": getattr(user, "preferred_language", ""),
        }
        return Response(self.OutputSerializer(data).data)


class TokenApi(ObtainAuthToken):
    """Exchange a username and password for an API token (subject to the same lockout as the login page)."""

    permission_classes = [AllowAny]

    @extend_schema(
        request={
            "application/json": {
                "type": "object",
                "properties": {"username": {"type": "string"}, "password": {"type": "string"}},
            }
        },
        responses={
            200: {"type": "object", "properties": {"token": {"type": "string"}}},
            400: ErrorSerializer,
            429: ErrorSerializer,
        },
        summary="Obtain an API token",
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            username = str(request.data.get("username", "")) if hasattr(request.data, "get") else ""
            user_record_failed_sign_in(username=username, request=request._request)
            # django-axes marks the request when the account is locked; say so instead of "wrong password".
            if getattr(request._request, "axes_locked_out", False) or getattr(request, "axes_locked_out", False):
                raise LockedOut(_("Too many failed sign-in attempts: this account is locked for a while."))
            serializer.is_valid(raise_exception=True)
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})


class CandidateOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField(source="person.full_name")
    email = serializers.EmailField(source="person.email")
    mobile = serializers.CharField(source="person.mobile")
    applied_position = serializers.IntegerField(source="applied_position_id")
    applied_position_title = serializers.CharField(source="applied_position.title")
    department = serializers.CharField(source="applied_position.department.name")
    source = serializers.CharField()  # type: ignore[assignment]
    status = serializers.ChoiceField(choices=Candidate.Status.choices)
    created_at = serializers.DateTimeField()


class CandidateListApi(APIView):
    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "CandidateCreate"

        full_name = serializers.CharField(max_length=200)
        email = serializers.EmailField(required=False, allow_blank=True)
        mobile = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
        applied_position = serializers.PrimaryKeyRelatedField(queryset=Position.objects.all())
        source = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")  # type: ignore[assignment]
        notes = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Search name, email, mobile or position"),
            OpenApiParameter("status", str, enum=Candidate.Status.values),
        ],
        responses={200: CandidateOutputSerializer(many=True), 401: ErrorSerializer},
        summary="Candidates you may see",
    )
    def get(self, request: Request) -> Response:
        candidates = candidate_list(
            user=request.user,
            query=request.query_params.get("q", "").strip(),
            status=request.query_params.get("status", ""),
        )
        return _paginated(request, self, candidates, CandidateOutputSerializer)

    @extend_schema(
        request=InputSerializer,
        responses={201: CandidateOutputSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
        summary="Add a candidate (HR)",
    )
    def post(self, request: Request) -> Response:
        if not candidate_can_change(request.user):
            raise PermissionDenied(_("Only HR can add candidates."))
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        company = company_get_default()
        if company is None:
            raise NotFound(_("No company is set up yet."))
        candidate = candidate_create(actor=request.user, company=company, request=request, **serializer.validated_data)
        return Response(CandidateOutputSerializer(candidate).data, status=status.HTTP_201_CREATED)


class CandidateDetailApi(APIView):
    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "CandidateUpdate"

        full_name = serializers.CharField(max_length=200, required=False)
        email = serializers.EmailField(required=False, allow_blank=True)
        mobile = serializers.CharField(max_length=32, required=False, allow_blank=True)
        applied_position = serializers.PrimaryKeyRelatedField(queryset=Position.objects.all(), required=False)
        source = serializers.CharField(max_length=100, required=False, allow_blank=True)  # type: ignore[assignment]
        notes = serializers.CharField(required=False, allow_blank=True)
        status = serializers.ChoiceField(choices=Candidate.Status.choices, required=False)

    @extend_schema(responses={200: CandidateOutputSerializer, 404: ErrorSerializer}, summary="One candidate")
    def get(self, request: Request, candidate_id: int) -> Response:
        candidate = candidate_get_for_user(request.user, candidate_id, request=request)
        return Response(CandidateOutputSerializer(candidate).data)

    @extend_schema(
        request=InputSerializer,
        responses={
            200: CandidateOutputSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
        summary="Change a candidate (HR)",
    )
    def patch(self, request: Request, candidate_id: int) -> Response:
        candidate = candidate_get_for_user(request.user, candidate_id, intent="change", request=request)
        serializer = self.InputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        candidate = candidate_update(
            actor=request.user, candidate=candidate, data=dict(serializer.validated_data), request=request
        )
        return Response(CandidateOutputSerializer(candidate).data)


class EmployeeOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    employee_number = serializers.CharField()
    full_name = serializers.CharField(source="person.full_name")
    email = serializers.EmailField(source="person.email")
    department = serializers.CharField(source="department.name")
    position = serializers.CharField(source="position.title", default="")
    status = serializers.ChoiceField(choices=Employee.Status.choices)
    hired_on = serializers.DateField(allow_null=True)


class EmployeeListApi(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("q", str, description="Search name, email or employee number")],
        responses={200: EmployeeOutputSerializer(many=True), 401: ErrorSerializer},
        summary="Employees you may see",
    )
    def get(self, request: Request) -> Response:
        employees = employee_list(user=request.user, query=request.query_params.get("q", "").strip())
        return _paginated(request, self, employees, EmployeeOutputSerializer)


class EmployeeDetailApi(APIView):
    @extend_schema(responses={200: EmployeeOutputSerializer, 404: ErrorSerializer}, summary="One employee")
    def get(self, request: Request, employee_id: int) -> Response:
        employee = employee_get_for_user(request.user, employee_id, request=request)
        return Response(EmployeeOutputSerializer(employee).data)


class DepartmentListApi(APIView):
    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "Department"

        id = serializers.IntegerField()
        name = serializers.CharField()
        name_en = serializers.CharField()
        code = serializers.CharField()
        parent = serializers.IntegerField(source="parent_id", allow_null=True)  # type: ignore[assignment]
        depth = serializers.IntegerField()
        employee_count = serializers.IntegerField()

    @extend_schema(responses={200: OutputSerializer(many=True)}, summary="The department tree, parents first")
    def get(self, request: Request) -> Response:
        company = company_get_default()
        departments = department_tree(company=company) if company else []
        return Response(self.OutputSerializer(departments, many=True).data)


class AuditEventListApi(APIView):
    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "AuditEvent"

        id = serializers.IntegerField()
        occurred_at = serializers.DateTimeField()
        actor = serializers.CharField(source="actor_label")
        action = serializers.CharField()
        object_type = serializers.CharField()
        object_id = serializers.CharField()
        object_label = serializers.CharField()
        changes = serializers.JSONField()
        ip_address = serializers.IPAddressField(allow_null=True)
        channel = serializers.CharField()

    @extend_schema(
        parameters=[OpenApiParameter("q", str), OpenApiParameter("action", str)],
        responses={200: OutputSerializer(many=True), 403: ErrorSerializer, 404: ErrorSerializer},
        summary="The audit log (HR admins)",
    )
    def get(self, request: Request) -> Response:
        audit_log_check_access(request.user)
        events = audit_event_list(
            query=request.query_params.get("q", "").strip(), action=request.query_params.get("action", "")
        )
        return _paginated(request, self, events, self.OutputSerializer)
