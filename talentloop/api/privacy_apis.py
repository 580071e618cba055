"""My data over the API: my export and my deletion request; HR's list and decisions on deletion requests."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from talentloop.api.apis import ErrorSerializer
from talentloop.core.exceptions import NotFound
from talentloop.privacy.access import (
    deletion_request_get_for_user,
    deletion_requests_check_access,
    own_person_id_get,
)
from talentloop.privacy.models import DeletionRequest
from talentloop.privacy.selectors import deletion_request_latest_for_person, deletion_request_list
from talentloop.privacy.services import (
    Decision,
    deletion_request_create,
    deletion_request_decide,
    deletion_request_holds,
    deletion_request_refresh,
    personal_data_export,
    personal_data_export_json,
)


class HoldSerializer(serializers.Serializer):
    class Meta:
        ref_name = "LegalHold"

    code = serializers.CharField()
    message = serializers.CharField()
    params = serializers.DictField()


class MyDeletionRequestSerializer(serializers.Serializer):
    """What the person sees of their own request (never who decided it)."""

    class Meta:
        ref_name = "MyDeletionRequest"

    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=DeletionRequest.Status.choices)
    requested_at = serializers.DateTimeField(source="created_at")
    legal_holds = HoldSerializer(source="hold_reasons", many=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    decision_reason = serializers.CharField()
    executed_at = serializers.DateTimeField(allow_null=True)


class DeletionRequestSerializer(MyDeletionRequestSerializer):
    class Meta:
        ref_name = "DeletionRequest"

    person_id = serializers.IntegerField()
    person_name = serializers.SerializerMethodField()
    person_erased = serializers.SerializerMethodField()
    hr_hold_reason = serializers.CharField()
    decided_by = serializers.CharField(source="decided_by.username", allow_null=True, default=None)
    erased = serializers.DictField()

    def get_person_name(self, deletion_request: DeletionRequest) -> str:
        return "" if deletion_request.person.erased_at else deletion_request.person.full_name

    def get_person_erased(self, deletion_request: DeletionRequest) -> bool:
        return deletion_request.person.erased_at is not None


class MyDataExportApi(APIView):
    @extend_schema(
        responses={
            200: {
                "type": "object",
                "description": "The personal data export (schema_version 2, docs/my-data-export.md)",
            }
        },
        summary="Download everything held about me (JSON)",
    )
    def get(self, request: Request) -> HttpResponse:
        person_id = own_person_id_get(request.user)
        document = personal_data_export(actor=request.user, person_id=person_id, request=request._request)
        response = HttpResponse(personal_data_export_json(document), content_type="application/json; charset=utf-8")
        response["Cache-Control"] = "no-store"
        return response


class MyDeletionRequestApi(APIView):
    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "DeletionRequestCreate"

        confirm = serializers.BooleanField(help_text="Must be true: the person confirms they want their data deleted.")

    @extend_schema(
        responses={200: MyDeletionRequestSerializer, 404: ErrorSerializer}, summary="My latest deletion request"
    )
    def get(self, request: Request) -> Response:
        person_id = own_person_id_get(request.user)
        latest = deletion_request_latest_for_person(person_id=person_id)
        if latest is None:
            raise NotFound(_("You have not asked for deletion."))
        return Response(MyDeletionRequestSerializer(latest).data)

    @extend_schema(
        request=InputSerializer,
        responses={201: MyDeletionRequestSerializer, 400: ErrorSerializer, 409: ErrorSerializer},
        summary="Ask for my data to be deleted",
    )
    def post(self, request: Request) -> Response:
        person_id = own_person_id_get(request.user)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        created = deletion_request_create(
            actor=request.user,
            person_id=person_id,
            confirmed=serializer.validated_data["confirm"],
            request=request._request,
        )
        return Response(MyDeletionRequestSerializer(created).data, status=status.HTTP_201_CREATED)


class DeletionRequestListApi(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("status", str, enum=DeletionRequest.Status.values)],
        responses={200: DeletionRequestSerializer(many=True), 403: ErrorSerializer, 404: ErrorSerializer},
        summary="Deletion requests (HR)",
    )
    def get(self, request: Request) -> Response:
        deletion_requests_check_access(request.user)
        status_filter = request.query_params.get("status", "")
        if status_filter not in DeletionRequest.Status.values:
            status_filter = ""
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(deletion_request_list(status=status_filter), request, view=self)
        return paginator.get_paginated_response(DeletionRequestSerializer(page, many=True).data)


def _detail(deletion_request: DeletionRequest) -> dict[str, Any]:
    data = dict(DeletionRequestSerializer(deletion_request).data)
    if deletion_request.is_open:
        data["legal_holds"] = [hold.as_dict() for hold in deletion_request_holds(deletion_request=deletion_request)]
    return data


class DeletionRequestDetailApi(APIView):
    @extend_schema(
        responses={200: DeletionRequestSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
        summary="One deletion request with its legal holds, checked now (HR)",
    )
    def get(self, request: Request, deletion_request_id: int) -> Response:
        deletion_request = deletion_request_get_for_user(request.user, deletion_request_id, request=request._request)
        if deletion_request.status in (DeletionRequest.Status.REQUESTED, DeletionRequest.Status.HELD):
            deletion_request = deletion_request_refresh(deletion_request_id=deletion_request.pk)
        return Response(_detail(deletion_request))


class DeletionRequestDecisionApi(APIView):
    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "DeletionRequestDecision"

        decision = serializers.ChoiceField(choices=list(Decision.ALL))
        reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)

    @extend_schema(
        request=InputSerializer,
        responses={
            200: DeletionRequestSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
        },
        summary="Decide a deletion request (HR): approve, hold, release or reject",
        description="Approval is refused with 409 `legal_hold` (the holds in `error.holds`) while any hold applies; "
        "once approved, the data is erased in the background and the person is told by email.",
    )
    def post(self, request: Request, deletion_request_id: int) -> Response:
        deletion_request = deletion_request_get_for_user(request.user, deletion_request_id, request=request._request)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        decided = deletion_request_decide(
            actor=request.user,
            deletion_request_id=deletion_request.pk,
            decision=serializer.validated_data["decision"],
            reason=serializer.validated_data["reason"],
            request=request._request,
        )
        return Response(_detail(decided))
