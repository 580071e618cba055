"""HR's interview API: templates, invitations, sessions with their answers and event logs."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from talentloop.api.apis import ErrorSerializer
from talentloop.competencies.models import JobProfile
from talentloop.core.exceptions import NotFound
from talentloop.interviews.access import (
    interview_setup_check_manage,
    interview_setup_check_view,
    invitation_get_for_user,
    session_get_for_user,
    template_get,
)
from talentloop.interviews.models import InterviewTemplate
from talentloop.interviews.selectors import (
    invitation_list,
    session_answers,
    session_events,
    session_live_list,
    template_items,
    template_list,
)
from talentloop.interviews.services.invitations import (
    invitation_create,
    invitation_extend,
    invitation_link,
    invitation_revoke,
    invitation_send,
    invitation_status,
)
from talentloop.interviews.services.templates import TemplateItemInput, template_generate, template_update
from talentloop.org.access import actor_get, candidate_list_for_user
from talentloop.org.selectors import company_get_default


class TemplateItemSerializer(serializers.Serializer):
    class Meta:
        ref_name = "InterviewTemplateItem"

    question_id = serializers.IntegerField()
    question_code = serializers.CharField(source="question.code", read_only=True)
    order = serializers.IntegerField(read_only=True)
    preparation_seconds = serializers.IntegerField(min_value=0, max_value=3600)
    max_answer_seconds = serializers.IntegerField(min_value=10, max_value=3600)
    allowed_retries = serializers.IntegerField(min_value=0, max_value=10)


class TemplateSerializer(serializers.Serializer):
    class Meta:
        ref_name = "InterviewTemplate"

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(max_length=200)
    job_profile = serializers.IntegerField(source="job_profile_id", read_only=True)
    position = serializers.CharField(source="job_profile.position.code", read_only=True)
    language = serializers.CharField(read_only=True)
    allow_text = serializers.BooleanField()
    allow_voice = serializers.BooleanField()
    is_active = serializers.BooleanField(default=True)
    items = serializers.SerializerMethodField()

    def get_items(self, template: InterviewTemplate) -> list[dict[str, Any]]:
        return TemplateItemSerializer(template_items(template=template), many=True).data  # type: ignore[return-value]


class TemplateListApi(APIView):
    class GenerateSerializer(serializers.Serializer):
        class Meta:
            ref_name = "InterviewTemplateGenerate"

        profile = serializers.PrimaryKeyRelatedField(queryset=JobProfile.objects.all())
        count = serializers.IntegerField(min_value=1, max_value=30, default=6)
        name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        language = serializers.ChoiceField(choices=["zh-hans", "en"], default="zh-hans")
        allow_text = serializers.BooleanField(default=True)
        allow_voice = serializers.BooleanField(default=True)

    @extend_schema(responses={200: TemplateSerializer(many=True)}, summary="Interview templates")
    def get(self, request: Request) -> Response:
        interview_setup_check_view(request.user)
        return Response(TemplateSerializer(template_list(), many=True).data)

    @extend_schema(
        request=GenerateSerializer,
        responses={201: TemplateSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
        summary="Generate a template from a job profile (HR)",
    )
    def post(self, request: Request) -> Response:
        interview_setup_check_manage(request.user)
        serializer = self.GenerateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        template = template_generate(actor=request.user, **serializer.validated_data)
        return Response(TemplateSerializer(template).data, status=status.HTTP_201_CREATED)


class TemplateDetailApi(APIView):
    @extend_schema(responses={200: TemplateSerializer, 404: ErrorSerializer}, summary="One template")
    def get(self, request: Request, template_id: int) -> Response:
        interview_setup_check_view(request.user)
        return Response(TemplateSerializer(template_get(template_id)).data)

    @extend_schema(
        request=TemplateSerializer,
        responses={200: TemplateSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
        summary="Replace a template's questions (in order), timers and modes (HR)",
    )
    def put(self, request: Request, template_id: int) -> Response:
        interview_setup_check_manage(request.user)
        template = template_get(template_id)
        serializer = TemplateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        raw_items = request.data.get("items") if isinstance(request.data, dict) else None
        items = TemplateItemSerializer(data=raw_items or [], many=True)
        items.is_valid(raise_exception=True)
        template_update(
            actor=request.user,
            template=template,
            name=serializer.validated_data["name"],
            allow_text=serializer.validated_data["allow_text"],
            allow_voice=serializer.validated_data["allow_voice"],
            is_active=serializer.validated_data["is_active"],
            items=[TemplateItemInput(**item) for item in items.validated_data],
        )
        return Response(TemplateSerializer(template_get(template_id)).data)


class InvitationSerializer(serializers.Serializer):
    class Meta:
        ref_name = "InterviewInvitation"

    id = serializers.IntegerField()
    template = serializers.IntegerField(source="template_id")
    candidate = serializers.IntegerField(source="candidate_id")
    candidate_name = serializers.CharField(source="candidate.person.full_name")
    status = serializers.SerializerMethodField()
    expires_at = serializers.DateTimeField()
    send_count = serializers.IntegerField()
    link = serializers.SerializerMethodField()
    session = serializers.SerializerMethodField()

    def get_status(self, invitation: Any) -> str:
        return invitation_status(invitation).value

    def get_link(self, invitation: Any) -> str | None:
        return invitation_link(invitation) if self.context.get("show_link") else None

    def get_session(self, invitation: Any) -> int | None:
        session = getattr(invitation, "session", None)
        return session.pk if session else None


class InvitationListApi(APIView):
    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "InterviewInvitationCreate"

        template = serializers.PrimaryKeyRelatedField(queryset=InterviewTemplate.objects.filter(is_active=True))
        candidate = serializers.IntegerField(required=False)
        full_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        email = serializers.EmailField(required=False, allow_blank=True)
        mobile = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
        valid_days = serializers.IntegerField(min_value=1, max_value=365, required=False)
        send = serializers.BooleanField(default=True)

    @extend_schema(responses={200: InvitationSerializer(many=True)}, summary="Invitations you may see")
    def get(self, request: Request) -> Response:
        interview_setup_check_view(request.user)
        invitations = invitation_list(user=request.user, query=request.query_params.get("q", "").strip())[:500]
        context = {"show_link": actor_get(request.user).is_hr}
        return Response(InvitationSerializer(invitations, many=True, context=context).data)

    @extend_schema(
        request=InputSerializer,
        responses={201: InvitationSerializer, 400: ErrorSerializer, 409: ErrorSerializer},
        summary="Invite a candidate (HR)",
    )
    def post(self, request: Request) -> Response:
        interview_setup_check_manage(request.user)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        candidate_id = data.pop("candidate", None)
        candidate = None
        if candidate_id is not None:
            candidate = candidate_list_for_user(request.user).filter(pk=candidate_id).first()
            if candidate is None:
                raise NotFound(_("Candidate not found."))
        company = company_get_default()
        if company is None:
            raise NotFound(_("No company is set up yet."))
        invitation = invitation_create(actor=request.user, company=company, candidate=candidate, **data)
        return Response(InvitationSerializer(invitation, context={"show_link": True}).data, status=201)


class InvitationActionApi(APIView):
    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "InterviewInvitationAction"

        action = serializers.ChoiceField(choices=["resend", "extend", "revoke"])
        days = serializers.IntegerField(min_value=1, max_value=365, required=False, default=7)

    @extend_schema(
        request=InputSerializer,
        responses={200: InvitationSerializer, 404: ErrorSerializer, 409: ErrorSerializer},
        summary="Resend, extend or revoke an invitation (HR)",
    )
    def post(self, request: Request, invitation_id: int) -> Response:
        interview_setup_check_manage(request.user)
        invitation = invitation_get_for_user(request.user, invitation_id, intent="change")
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        action = serializer.validated_data["action"]
        if action == "resend":
            invitation_send(actor=request.user, invitation=invitation)
        elif action == "extend":
            invitation_extend(actor=request.user, invitation=invitation, days=serializer.validated_data["days"])
        else:
            invitation_revoke(actor=request.user, invitation=invitation)
        return Response(InvitationSerializer(invitation, context={"show_link": True}).data)


class AnswerSerializer(serializers.Serializer):
    class Meta:
        ref_name = "InterviewAnswer"

    order = serializers.IntegerField()
    question = serializers.CharField(source="question.code")
    question_text = serializers.CharField()
    rubric_versions = serializers.SerializerMethodField()
    status = serializers.CharField()
    mode = serializers.CharField()
    text = serializers.CharField()
    shown_at = serializers.DateTimeField(allow_null=True)
    answer_started_at = serializers.DateTimeField(allow_null=True)
    answer_deadline = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    is_late = serializers.BooleanField()
    late_seconds = serializers.FloatField()
    retries_used = serializers.IntegerField()
    duration_seconds = serializers.FloatField(allow_null=True)
    time_to_first_input_seconds = serializers.FloatField(allow_null=True)
    character_count = serializers.IntegerField()
    word_count = serializers.IntegerField()
    audio_seconds = serializers.FloatField(allow_null=True)
    expected_answer_seconds = serializers.IntegerField()

    def get_rubric_versions(self, answer: Any) -> dict[str, int]:
        return {r.dimension.code: r.version for r in answer.rubrics.select_related("dimension")}


class EventSerializer(serializers.Serializer):
    class Meta:
        ref_name = "InterviewSessionEvent"

    kind = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    answer = serializers.IntegerField(source="answer.order", allow_null=True, default=None)
    payload = serializers.JSONField()


class SessionSerializer(serializers.Serializer):
    class Meta:
        ref_name = "InterviewSession"

    id = serializers.IntegerField()
    invitation = serializers.IntegerField(source="invitation_id")
    candidate_name = serializers.CharField(source="invitation.candidate.person.full_name")
    template = serializers.CharField(source="invitation.template.name")
    status = serializers.CharField()
    consented_at = serializers.DateTimeField(allow_null=True)
    voice_consented_at = serializers.DateTimeField(allow_null=True)
    started_at = serializers.DateTimeField(allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    last_activity_at = serializers.DateTimeField(allow_null=True)
    current_order = serializers.IntegerField()
    question_count = serializers.IntegerField()


class SessionLiveApi(APIView):
    @extend_schema(responses={200: SessionSerializer(many=True)}, summary="Interviews in progress (live view)")
    def get(self, request: Request) -> Response:
        interview_setup_check_view(request.user)
        return Response(SessionSerializer(session_live_list(user=request.user)[:200], many=True).data)


class SessionDetailApi(APIView):
    class OutputSerializer(SessionSerializer):
        class Meta:
            ref_name = "InterviewSessionDetail"

        answers = serializers.SerializerMethodField()
        events = serializers.SerializerMethodField()

        def get_answers(self, session: Any) -> Any:
            return AnswerSerializer(session_answers(session=session), many=True).data

        def get_events(self, session: Any) -> Any:
            return EventSerializer(session_events(session=session), many=True).data

    @extend_schema(responses={200: OutputSerializer, 404: ErrorSerializer}, summary="A session with answers and events")
    def get(self, request: Request, session_id: int) -> Response:
        interview_setup_check_view(request.user)
        return Response(self.OutputSerializer(session_get_for_user(request.user, session_id)).data)
