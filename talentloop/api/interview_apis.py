"""The candidate's interview API, authenticated by the personal link's token (no account, no session cookie).

Used by interview.js for timers, autosave, voice uploads and focus events; every action of the HTML pages is
available here too, so an app or kiosk can run the whole interview.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from talentloop.api.apis import ErrorSerializer
from talentloop.assessments.services.scores import interview_submit_and_score
from talentloop.core.exceptions import ValidationFailed
from talentloop.interviews.access import invitation_get_by_token, session_get_by_token
from talentloop.interviews.models import InterviewSession
from talentloop.interviews.services import sessions as session_services
from talentloop.interviews.services.recordings import answer_upload_recording
from talentloop.interviews.services.sessions import SessionState
from talentloop.notifications.events import report_available_notify_after_scoring
from talentloop.recruitment.services import application_ai_result_after_scoring


class InterviewThrottle(AnonRateThrottle):
    """Generous enough for autosave every few seconds, low enough to stop a script hammering a link."""

    scope = "interview"
    rate = "120/min"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": view.kwargs.get("token", "")[:80]}


class TokenApi(APIView):
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes = [InterviewThrottle]


class AnswerStateSerializer(serializers.Serializer):
    order = serializers.IntegerField()
    question_text = serializers.CharField()
    status = serializers.CharField()
    mode = serializers.CharField()
    text = serializers.CharField()
    draft_text = serializers.CharField()
    draft_revision = serializers.IntegerField()
    preparation_deadline = serializers.DateTimeField(allow_null=True)
    answer_deadline = serializers.DateTimeField(allow_null=True)
    retries_used = serializers.IntegerField()
    allowed_retries = serializers.IntegerField()
    is_late = serializers.BooleanField()


class StateSerializer(serializers.Serializer):
    class Meta:
        ref_name = "InterviewState"

    status = serializers.CharField(source="session.status")
    phase = serializers.CharField()
    server_now = serializers.DateTimeField()
    seconds_left = serializers.FloatField(allow_null=True)
    question_count = serializers.IntegerField(source="session.question_count")
    current_order = serializers.IntegerField(source="session.current_order")
    retries_left = serializers.IntegerField()
    voice_allowed = serializers.BooleanField()
    text_allowed = serializers.BooleanField()
    answer = AnswerStateSerializer(allow_null=True)


def _state(session: InterviewSession) -> Response:
    state: SessionState = session_services.session_state(session=session)
    return Response(StateSerializer(state).data)


class OrderSerializer(serializers.Serializer):
    order = serializers.IntegerField(min_value=1)


class InterviewStateApi(TokenApi):
    @extend_schema(responses={200: StateSerializer, 404: ErrorSerializer, 410: ErrorSerializer}, summary="Where I am")
    def get(self, request: Request, token: str) -> Response:
        return _state(session_get_by_token(token))


class InterviewOpenApi(TokenApi):
    @extend_schema(request=None, responses={200: StateSerializer, 410: ErrorSerializer}, summary="Open the link")
    def post(self, request: Request, token: str) -> Response:
        session = session_services.session_open(invitation=invitation_get_by_token(token))
        return _state(session)


class InterviewConsentApi(TokenApi):
    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "InterviewConsent"

        consent = serializers.BooleanField()
        voice_consent = serializers.BooleanField(default=False)

    @extend_schema(request=InputSerializer, responses={200: StateSerializer, 400: ErrorSerializer})
    def post(self, request: Request, token: str) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = session_services.session_open(invitation=invitation_get_by_token(token))
        session_services.session_consent(session=session, **serializer.validated_data)
        return _state(session)


class InterviewDraftApi(TokenApi):
    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "InterviewDraft"

        order = serializers.IntegerField(min_value=1)
        text = serializers.CharField(allow_blank=True, trim_whitespace=False, max_length=20000)
        revision = serializers.IntegerField(min_value=0)

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "InterviewDraftSaved"

        draft_revision = serializers.IntegerField()
        draft_saved_at = serializers.DateTimeField(allow_null=True)
        status = serializers.CharField()
        seconds_left = serializers.FloatField(allow_null=True)

    @extend_schema(
        request=InputSerializer,
        responses={200: OutputSerializer, 409: ErrorSerializer, 410: ErrorSerializer},
        summary="Autosave the current answer's draft",
    )
    def post(self, request: Request, token: str) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        answer = session_services.answer_autosave(session=session_get_by_token(token), **serializer.validated_data)
        deadline = answer.answer_deadline or answer.preparation_deadline
        seconds_left = max((deadline - timezone.now()).total_seconds(), 0.0) if deadline else None
        return Response(
            self.OutputSerializer(
                {
                    "draft_revision": answer.draft_revision,
                    "draft_saved_at": answer.draft_saved_at,
                    "status": answer.status,
                    "seconds_left": seconds_left,
                }
            ).data
        )


class InterviewAnswerApi(TokenApi):
    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "InterviewAnswer"

        order = serializers.IntegerField(min_value=1)
        text = serializers.CharField(max_length=20000)
        revision = serializers.IntegerField(min_value=0)

    @extend_schema(
        request=InputSerializer, responses={200: StateSerializer, 400: ErrorSerializer, 409: ErrorSerializer}
    )
    def post(self, request: Request, token: str) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = session_get_by_token(token)
        session_services.answer_submit_text(session=session, **serializer.validated_data)
        return _state(session)


def _order_action(name: str, summary: str) -> type[TokenApi]:
    service = getattr(session_services, name)

    class OrderActionApi(TokenApi):
        @extend_schema(request=OrderSerializer, responses={200: StateSerializer, 409: ErrorSerializer}, summary=summary)
        def post(self, request: Request, token: str) -> Response:
            serializer = OrderSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            session = session_get_by_token(token)
            service(session=session, order=serializer.validated_data["order"])
            session.refresh_from_db()
            return _state(session)

    OrderActionApi.__name__ = OrderActionApi.__qualname__ = "".join(p.title() for p in name.split("_")) + "Api"
    return OrderActionApi


InterviewStartApi = _order_action("answer_start", "Stop preparing and start answering")
InterviewRetryApi = _order_action("answer_retry", "Answer the current question again")
InterviewSkipApi = _order_action("answer_skip", "Skip the current question")
InterviewNextApi = _order_action("session_next", "Move on to the next question")


class InterviewRecordingApi(TokenApi):
    parser_classes = [MultiPartParser, FormParser]

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "InterviewRecording"

        order = serializers.IntegerField(min_value=1)
        audio = serializers.FileField()
        duration_seconds = serializers.FloatField(required=False, min_value=0, max_value=3600)

    @extend_schema(
        request={"multipart/form-data": InputSerializer},
        responses={200: StateSerializer, 400: ErrorSerializer, 409: ErrorSerializer},
        summary="Upload a voice answer",
    )
    def post(self, request: Request, token: str) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = session_get_by_token(token)
        upload = serializer.validated_data["audio"]
        if upload.size > 200 * 1024 * 1024:
            raise ValidationFailed(_("The recording is too large."))
        answer_upload_recording(
            session=session,
            order=serializer.validated_data["order"],
            content=upload.read(),
            content_type=upload.content_type or "application/octet-stream",
            client_duration_seconds=serializer.validated_data.get("duration_seconds"),
        )
        return _state(session)


class InterviewEventApi(TokenApi):
    parser_classes = [JSONParser, FormParser]

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "InterviewClientEvent"

        kind = serializers.ChoiceField(choices=["focus_lost", "focus_regained", "microphone_checked"])
        ok = serializers.BooleanField(required=False)
        reason = serializers.CharField(required=False, max_length=200)

    @extend_schema(request=InputSerializer, responses={204: None, 400: ErrorSerializer}, summary="Log a page event")
    def post(self, request: Request, token: str) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        kind = data.pop("kind")
        session_services.session_record_client_event(session=session_get_by_token(token), kind=kind, detail=data)
        return Response(status=204)


class InterviewSubmitApi(TokenApi):
    @extend_schema(request=None, responses={200: StateSerializer, 409: ErrorSerializer}, summary="Submit the interview")
    def post(self, request: Request, token: str) -> Response:
        session = interview_submit_and_score(session=session_get_by_token(token))
        report_available_notify_after_scoring(session_id=session.pk)
        application_ai_result_after_scoring(session_id=session.pk)
        return _state(session)
