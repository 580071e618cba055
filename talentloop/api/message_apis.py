"""The candidate ↔ HR message threads: the candidate reads and writes their own thread; HR lists the threads,
replies, drafts a reply from the report and reads the response-time statistics.

Same services, access helpers and selectors as the portal and console pages (``collaboration.messages``,
``collaboration.message_access``, ``collaboration.message_selectors``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from talentloop.api.apis import ErrorSerializer, _paginated
from talentloop.collaboration.message_access import (
    message_person_get_for_candidate,
    message_thread_for_candidate,
    message_thread_get_for_user,
    messages_check_manage,
)
from talentloop.collaboration.message_selectors import (
    response_time_statistics,
    thread_inbox_list,
    thread_message_list,
)
from talentloop.collaboration.messages import message_send, reply_suggest, thread_mark_read
from talentloop.collaboration.models import Message, MessageThread


class MessageSerializer(serializers.Serializer):
    """One message as the candidate sees it (HR's messages are from "hr", without the writer's name)."""

    class Meta:
        ref_name = "Message"

    id = serializers.IntegerField()
    side = serializers.ChoiceField(choices=Message.Side.choices)
    body = serializers.CharField()
    session = serializers.IntegerField(source="session_id", allow_null=True)
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True, help_text="When the other side first read it.")


class MessageHrSerializer(MessageSerializer):
    class Meta:
        ref_name = "MessageHr"

    author = serializers.SerializerMethodField()

    def get_author(self, message: Message) -> str | None:
        return str(message.author) if message.author is not None else None


class MessageThreadSerializer(serializers.Serializer):
    class Meta:
        ref_name = "MessageThread"

    id = serializers.IntegerField()
    person = serializers.IntegerField(source="person_id")
    candidate_name = serializers.CharField(source="person.full_name")
    created_at = serializers.DateTimeField()
    last_message_at = serializers.DateTimeField()
    waiting_since = serializers.DateTimeField(allow_null=True, help_text="First unanswered candidate message.")
    unread = serializers.IntegerField(required=False, help_text="Candidate messages HR has not read.")


class MessageThreadDetailSerializer(MessageThreadSerializer):
    class Meta:
        ref_name = "MessageThreadDetail"

    messages = serializers.SerializerMethodField()

    @extend_schema_field(MessageHrSerializer(many=True))
    def get_messages(self, thread: MessageThread) -> list[dict[str, Any]]:
        return MessageHrSerializer(thread_message_list(thread=thread), many=True).data  # type: ignore[return-value]


class MessageInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "MessageCreate"

    # Required and length-limited by the service, so the API and the pages answer with the same error codes.
    body = serializers.CharField(allow_blank=True, trim_whitespace=False, default="")
    session = serializers.IntegerField(required=False, allow_null=True, default=None)


class ReadSerializer(serializers.Serializer):
    class Meta:
        ref_name = "MessagesMarkedRead"

    marked = serializers.IntegerField()


class MyMessageListApi(APIView):
    @extend_schema(
        responses={200: MessageSerializer(many=True), 404: ErrorSerializer}, summary="My messages with HR (candidate)"
    )
    def get(self, request: Request) -> Response:
        person = message_person_get_for_candidate(request.user)
        thread = message_thread_for_candidate(person)
        rows = thread_message_list(thread=thread) if thread is not None else Message.objects.none()
        return _paginated(request, self, rows, MessageSerializer)

    @extend_schema(
        request=MessageInputSerializer,
        responses={201: MessageSerializer, 400: ErrorSerializer, 404: ErrorSerializer},
        summary="Write to HR (candidate)",
    )
    def post(self, request: Request) -> Response:
        person = message_person_get_for_candidate(request.user)
        serializer = MessageInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = message_send(
            author=request.user,
            person=person,
            side=Message.Side.CANDIDATE,
            body=serializer.validated_data["body"],
            session_id=serializer.validated_data["session"],
        )
        return Response(MessageSerializer(message).data, status=status.HTTP_201_CREATED)


class MyMessagesReadApi(APIView):
    @extend_schema(
        request=None, responses={200: ReadSerializer, 404: ErrorSerializer}, summary="Mark HR's messages read"
    )
    def post(self, request: Request) -> Response:
        thread = message_thread_for_candidate(message_person_get_for_candidate(request.user))
        marked = thread_mark_read(thread=thread, reader_side=Message.Side.CANDIDATE) if thread is not None else 0
        return Response({"marked": marked})


class MessageThreadListApi(APIView):
    @extend_schema(
        responses={200: MessageThreadSerializer(many=True), 404: ErrorSerializer},
        summary="Candidates' message threads, waiting ones first (HR)",
    )
    def get(self, request: Request) -> Response:
        messages_check_manage(request.user)
        return _paginated(request, self, thread_inbox_list(), MessageThreadSerializer)


class MessageThreadDetailApi(APIView):
    @extend_schema(
        responses={200: MessageThreadDetailSerializer, 404: ErrorSerializer},
        summary="One thread with its messages (HR)",
    )
    def get(self, request: Request, thread_id: int) -> Response:
        thread = message_thread_get_for_user(request.user, thread_id, request=request)
        return Response(MessageThreadDetailSerializer(thread).data)


class MessageThreadReplyApi(APIView):
    @extend_schema(
        request=MessageInputSerializer,
        responses={201: MessageHrSerializer, 400: ErrorSerializer, 404: ErrorSerializer},
        summary="Reply to a candidate (HR)",
    )
    def post(self, request: Request, thread_id: int) -> Response:
        thread = message_thread_get_for_user(request.user, thread_id, request=request)
        serializer = MessageInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = message_send(
            author=request.user,
            person=thread.person,
            side=Message.Side.HR,
            body=serializer.validated_data["body"],
            session_id=serializer.validated_data["session"],
        )
        return Response(MessageHrSerializer(message).data, status=status.HTTP_201_CREATED)


class MessageThreadReadApi(APIView):
    @extend_schema(
        request=None, responses={200: ReadSerializer, 404: ErrorSerializer}, summary="Mark a candidate's messages read"
    )
    def post(self, request: Request, thread_id: int) -> Response:
        thread = message_thread_get_for_user(request.user, thread_id, request=request)
        return Response({"marked": thread_mark_read(thread=thread, reader_side=Message.Side.HR)})


class SuggestedReplySerializer(serializers.Serializer):
    class Meta:
        ref_name = "SuggestedReply"

    body = serializers.CharField(help_text="A draft to edit before sending; nothing is sent.")


class MessageThreadSuggestedReplyApi(APIView):
    @extend_schema(
        responses={200: SuggestedReplySerializer, 400: ErrorSerializer, 404: ErrorSerializer},
        summary="Draft a reply from the candidate's latest report (HR; sends nothing)",
    )
    def get(self, request: Request, thread_id: int) -> Response:
        thread = message_thread_get_for_user(request.user, thread_id, request=request)
        return Response({"body": reply_suggest(thread=thread)})


class ResponseTimeRowSerializer(serializers.Serializer):
    class Meta:
        ref_name = "ResponseTimeRow"

    label = serializers.CharField(  # type: ignore[assignment]
        help_text="The HR colleague's name or the month (YYYY-MM); empty overall and for a removed account."
    )
    asked = serializers.IntegerField()
    answered = serializers.IntegerField()
    median_seconds = serializers.FloatField(allow_null=True)
    p90_seconds = serializers.FloatField(allow_null=True)
    within = serializers.IntegerField(help_text="Answered within one working day.")
    decided = serializers.IntegerField(help_text="Answered, or waiting for more than one working day.")
    share_within = serializers.FloatField(allow_null=True)


class ResponseTimeStatisticsSerializer(serializers.Serializer):
    class Meta:
        ref_name = "ResponseTimeStatistics"

    date_from = serializers.DateField(allow_null=True)
    date_to = serializers.DateField(allow_null=True)
    overall = ResponseTimeRowSerializer()
    waiting = serializers.IntegerField()
    by_responder = ResponseTimeRowSerializer(many=True)
    by_month = ResponseTimeRowSerializer(many=True)


class MessageStatisticsApi(APIView):
    class QuerySerializer(serializers.Serializer):
        class Meta:
            ref_name = "ResponseTimeQuery"

        date_from = serializers.DateField(required=False, default=None)
        date_to = serializers.DateField(required=False, default=None)

        def validate(self, data: dict[str, Any]) -> dict[str, Any]:
            if data["date_from"] and data["date_to"] and data["date_from"] > data["date_to"]:
                raise serializers.ValidationError(_("The start of the period must not be after its end."))
            return data

    @extend_schema(
        parameters=[
            OpenApiParameter("date_from", str, description="First day asked (YYYY-MM-DD), inclusive"),
            OpenApiParameter("date_to", str, description="Last day asked (YYYY-MM-DD), inclusive"),
        ],
        responses={200: ResponseTimeStatisticsSerializer, 400: ErrorSerializer, 404: ErrorSerializer},
        summary="HR's first-response times: median, p90, share within one working day (HR)",
    )
    def get(self, request: Request) -> Response:
        messages_check_manage(request.user)
        query = self.QuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        statistics = response_time_statistics(
            date_from=query.validated_data["date_from"], date_to=query.validated_data["date_to"]
        )
        return Response(ResponseTimeStatisticsSerializer(statistics).data)
