"""Coming back stronger: the candidate checks when they may re-apply and re-applies; HR reads the funnel and the
list of re-applications and sets each job profile's policy.

Same services, selectors and access helpers as the portal and console pages (``feedback.reapplication_*``,
``feedback.services.reapplications``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from talentloop.api.apis import ErrorSerializer, _paginated
from talentloop.competencies.models import JobProfile
from talentloop.core.exceptions import NotFound, ValidationFailed
from talentloop.feedback.models import REAPPLICATION_MAX_COOLDOWN_DAYS, Reapplication
from talentloop.feedback.reapplication_access import reapplication_job_profile_get, reapplications_check_manage
from talentloop.feedback.reapplication_selectors import (
    FUNNEL_KEYS,
    ReapplicationStatus,
    reapplication_eligibility_get,
    reapplication_funnel_get,
    reapplication_list,
    reapplication_list_for_person,
    reapplication_policy_get,
    reapplication_rows,
)
from talentloop.feedback.review_access import review_session_get_for_candidate
from talentloop.feedback.services.reapplications import reapplication_create, reapplication_policy_update
from talentloop.interviews.access import interview_setup_check_manage
from talentloop.interviews.services.invitations import invitation_link
from talentloop.org.access import actor_get

JOB_PROFILE_PARAMETER = OpenApiParameter(
    "job_profile", str, description="The position code of a job profile; every job profile when left out."
)


class ReapplicationSerializer(serializers.Serializer):
    """A re-application and where it stands (read from the new interview)."""

    class Meta:
        ref_name = "Reapplication"

    id = serializers.IntegerField(source="reapplication.pk")
    job_profile = serializers.CharField(source="reapplication.job_profile.position.code")
    previous_session = serializers.IntegerField(source="reapplication.previous_session_id")
    invitation = serializers.IntegerField(source="reapplication.invitation_id")
    session = serializers.SerializerMethodField()
    basis = serializers.ChoiceField(source="reapplication.basis", choices=Reapplication.Basis.choices)
    weak_dimensions = serializers.ListField(source="reapplication.weak_dimensions", child=serializers.CharField())
    question_codes = serializers.ListField(source="reapplication.question_codes", child=serializers.CharField())
    repeated_question_codes = serializers.ListField(
        source="reapplication.repeated_question_codes", child=serializers.CharField()
    )
    requested_at = serializers.DateTimeField(source="reapplication.requested_at")
    status = serializers.ChoiceField(choices=ReapplicationStatus.choices)

    def get_session(self, row: Any) -> int | None:
        session = getattr(row.reapplication.invitation, "session", None)
        return session.pk if session is not None else None


class MyReapplicationSerializer(ReapplicationSerializer):
    class Meta:
        ref_name = "MyReapplication"

    interview_link = serializers.SerializerMethodField()

    def get_interview_link(self, row: Any) -> str:
        return invitation_link(row.reapplication.invitation)


class ReapplicationHrSerializer(ReapplicationSerializer):
    class Meta:
        ref_name = "ReapplicationHr"

    candidate_name = serializers.CharField(source="reapplication.person.full_name")


class EligibilitySerializer(serializers.Serializer):
    class Meta:
        ref_name = "ReapplicationEligibility"

    session = serializers.IntegerField(source="session.pk")
    eligible = serializers.BooleanField()
    code = serializers.CharField(allow_null=True)
    message = serializers.CharField()
    basis = serializers.CharField()
    cooldown_days = serializers.IntegerField(source="policy.cooldown_days")
    cooldown_ends_at = serializers.DateTimeField(allow_null=True)
    early_after_growth_path = serializers.BooleanField(source="policy.early_after_growth_path")
    growth_path_done = serializers.IntegerField(source="path_done")
    growth_path_total = serializers.IntegerField(source="path_total")
    weak_dimensions = serializers.SerializerMethodField()
    reapplication = serializers.SerializerMethodField()

    def get_weak_dimensions(self, eligibility: Any) -> list[str]:
        return [weak.code for weak in eligibility.weak_dimensions]

    def get_reapplication(self, eligibility: Any) -> int | None:
        return eligibility.reapplication.pk if eligibility.reapplication is not None else None


class FunnelStageSerializer(serializers.Serializer):
    class Meta:
        ref_name = "ReapplicationFunnelStage"

    key = serializers.ChoiceField(choices=list(FUNNEL_KEYS))
    label = serializers.CharField()  # type: ignore[assignment]
    count = serializers.IntegerField()


class PolicySerializer(serializers.Serializer):
    class Meta:
        ref_name = "ReapplicationPolicy"

    is_open = serializers.BooleanField()
    cooldown_days = serializers.IntegerField(min_value=0, max_value=REAPPLICATION_MAX_COOLDOWN_DAYS)
    early_after_growth_path = serializers.BooleanField()


def _own_person_id(user: Any) -> int | None:
    return actor_get(user).person_id


class MyReapplicationListApi(APIView):
    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "ReapplicationCreate"

        session = serializers.IntegerField(help_text="The interview (session id) not passed, to re-apply after.")

    @extend_schema(responses={200: MyReapplicationSerializer(many=True)}, summary="My re-applications")
    def get(self, request: Request) -> Response:
        person_id = _own_person_id(request.user)
        rows = (
            reapplication_list_for_person(person_id=person_id)
            if person_id is not None
            else Reapplication.objects.none()
        )
        return _paginated(request, self, reapplication_rows(rows), MyReapplicationSerializer)

    @extend_schema(
        request=InputSerializer,
        responses={201: MyReapplicationSerializer, 404: ErrorSerializer, 409: ErrorSerializer},
        summary="Re-apply after an interview I did not pass (a new interview emphasising my weak dimensions)",
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = review_session_get_for_candidate(request.user, serializer.validated_data["session"])
        reapplication = reapplication_create(actor=request.user, session=session, request=request)
        row = reapplication_rows([reapplication])[0]
        return Response(MyReapplicationSerializer(row).data, status=status.HTTP_201_CREATED)


class MyReapplicationEligibilityApi(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("session", int, required=True, description="My interview (session id).")],
        responses={200: EligibilitySerializer, 400: ErrorSerializer, 404: ErrorSerializer},
        summary="May I re-apply after this interview, and when?",
    )
    def get(self, request: Request) -> Response:
        session_id = request.query_params.get("session")
        if not session_id:
            message = _("This field is required.")
            raise ValidationFailed(message, fields={"session": [message]})
        session = review_session_get_for_candidate(request.user, session_id)
        return Response(EligibilitySerializer(reapplication_eligibility_get(session=session)).data)


class ReapplicationListApi(APIView):
    @extend_schema(
        parameters=[JOB_PROFILE_PARAMETER],
        responses={200: ReapplicationHrSerializer(many=True), 403: ErrorSerializer, 404: ErrorSerializer},
        summary="Re-applications (HR)",
    )
    def get(self, request: Request) -> Response:
        reapplications_check_manage(request.user)
        profile = reapplication_job_profile_get(request.query_params.get("job_profile"))
        rows = reapplication_list(job_profile=profile)
        # Paginate the queryset, then read each page's statuses in a fixed number of queries.
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        data = ReapplicationHrSerializer(reapplication_rows(page or []), many=True).data
        return paginator.get_paginated_response(data)


class ReapplicationFunnelApi(APIView):
    @extend_schema(
        parameters=[JOB_PROFILE_PARAMETER],
        responses={200: FunnelStageSerializer(many=True), 403: ErrorSerializer, 404: ErrorSerializer},
        summary="The re-application funnel (HR)",
        description="Candidates (once per job profile) who did not pass → started their growth path → finished it "
        "→ re-applied → passed the new interview → were hired.",
    )
    def get(self, request: Request) -> Response:
        reapplications_check_manage(request.user)
        profile = reapplication_job_profile_get(request.query_params.get("job_profile"))
        return Response(FunnelStageSerializer(reapplication_funnel_get(job_profile=profile), many=True).data)


class ReapplicationPolicyApi(APIView):
    def _profile(self, position_code: str) -> JobProfile:
        profile = JobProfile.objects.select_related("position").filter(position__code=position_code).first()
        if profile is None:
            raise NotFound(_("Job profile not found."))
        return profile

    @extend_schema(
        responses={200: PolicySerializer, 403: ErrorSerializer, 404: ErrorSerializer},
        summary="When candidates of a job profile may re-apply (HR)",
    )
    def get(self, request: Request, position_code: str) -> Response:
        interview_setup_check_manage(request.user)
        return Response(PolicySerializer(reapplication_policy_get(job_profile=self._profile(position_code))).data)

    @extend_schema(
        request=PolicySerializer,
        responses={200: PolicySerializer, 400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
        summary="Set when candidates of a job profile may re-apply (HR)",
    )
    def put(self, request: Request, position_code: str) -> Response:
        interview_setup_check_manage(request.user)
        profile = self._profile(position_code)
        serializer = PolicySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        policy = reapplication_policy_update(
            job_profile=profile, actor=request.user, request=request, **serializer.validated_data
        )
        return Response(PolicySerializer(policy).data)
