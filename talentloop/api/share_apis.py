"""Results shared with hiring managers and HR's tasks: share a result, list and read shares, answer one (the
manager), comment, list tasks and schedule one.

Same access helpers and services as the console (``talentloop.collaboration.sharing``): a share is visible to HR
and to the manager it was shared with (404 for anyone else); only that manager may answer it (403 for HR), once
(409 the second time); tasks are HR's (404 for anyone else)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from talentloop.accounts.models import User
from talentloop.api.apis import ErrorSerializer
from talentloop.api.discussion_apis import CommentSerializer, PersonSerializer
from talentloop.collaboration.access import (
    discussion_session_get_for_user,
    hr_task_get_for_user,
    hr_tasks_check_view,
    result_share_get_for_user,
)
from talentloop.collaboration.models import HrTask, ManagerResponse
from talentloop.collaboration.selectors import hr_task_list, result_share_list
from talentloop.collaboration.sharing import (
    hr_task_schedule,
    manager_respond,
    result_share_create,
    share_comment_create,
)
from talentloop.core.exceptions import ValidationFailed

LIST_LIMIT = 200


class ShareResponseSerializer(serializers.Serializer):
    class Meta:
        ref_name = "ManagerResponse"

    id = serializers.IntegerField()
    responder = PersonSerializer()
    decision = serializers.ChoiceField(choices=ManagerResponse.Decision.choices)
    dimensions = serializers.ListField(child=serializers.CharField())
    comment = serializers.IntegerField(source="comment_id", allow_null=True)
    channel = serializers.ChoiceField(choices=ManagerResponse.Channel.choices)
    created_at = serializers.DateTimeField()


class CardDimensionSerializer(serializers.Serializer):
    class Meta:
        ref_name = "ResultCardDimension"

    code = serializers.CharField()
    name = serializers.CharField()
    score = serializers.FloatField()
    meets_requirement = serializers.BooleanField(allow_null=True)


class CardSnippetSerializer(serializers.Serializer):
    class Meta:
        ref_name = "ResultCardSnippet"

    answer = serializers.IntegerField()
    order = serializers.IntegerField()
    question = serializers.CharField()
    snippet = serializers.CharField()


class CardSerializer(serializers.Serializer):
    """The result card as it was shared, in the manager's language."""

    class Meta:
        ref_name = "ResultCard"

    title = serializers.CharField()
    candidate = serializers.CharField()
    position = serializers.CharField()
    overall = serializers.FloatField()
    passed = serializers.BooleanField()
    dimensions = CardDimensionSerializer(many=True)
    snippets = CardSnippetSerializer(many=True)
    note = serializers.CharField()


class ShareSerializer(serializers.Serializer):
    class Meta:
        ref_name = "ResultShare"

    id = serializers.IntegerField()
    session = serializers.IntegerField(source="session_id")
    shared_by = PersonSerializer(allow_null=True)
    manager = PersonSerializer()
    note = serializers.CharField()
    status = serializers.CharField()
    card = CardSerializer()
    created_at = serializers.DateTimeField()


class ShareDetailSerializer(ShareSerializer):
    class Meta:
        ref_name = "ResultShareDetail"

    responses = ShareResponseSerializer(many=True, source="responses.all")


class SnippetInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "ResultShareSnippetInput"

    answer = serializers.IntegerField()
    snippet = serializers.CharField(allow_blank=True, help_text="Words of the answer; empty for its opening words.")


class ShareInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "ResultShareInput"

    manager = serializers.IntegerField(help_text="The hiring manager's user id.")
    snippets = SnippetInputSerializer(
        many=True, required=False, allow_null=True, help_text="2–3 snippets; default: the best evidence quotes."
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RespondInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "ManagerResponseInput"

    decision = serializers.CharField()
    dimensions = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ShareCommentInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "ResultShareCommentInput"

    body = serializers.CharField(allow_blank=True, trim_whitespace=False)


class TaskSerializer(serializers.Serializer):
    class Meta:
        ref_name = "HrTask"

    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=HrTask.Kind.choices)
    session = serializers.IntegerField(source="session_id")
    share = serializers.IntegerField(source="share_id", allow_null=True)
    candidate = serializers.CharField(source="session.invitation.candidate.person.full_name")
    focus_dimensions = serializers.ListField(child=serializers.CharField())
    status = serializers.ChoiceField(choices=HrTask.Status.choices)
    assignee = PersonSerializer(allow_null=True)
    due_date = serializers.DateField(allow_null=True)
    invitation = serializers.IntegerField(source="invitation_id", allow_null=True)
    created_at = serializers.DateTimeField()


class ScheduleInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "HrTaskScheduleInput"

    valid_days = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=365)


class SessionShareCreateApi(APIView):
    @extend_schema(
        request=ShareInputSerializer,
        responses={201: ShareSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
        summary="Share an interview's result with a hiring manager (HR)",
    )
    def post(self, request: Request, session_id: int) -> Response:
        session = discussion_session_get_for_user(request.user, session_id)
        data = ShareInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        manager = User.objects.filter(pk=values["manager"]).first()
        snippets = values.get("snippets")
        share = result_share_create(
            actor=request.user,
            session=session,
            manager=manager,
            snippets=[dict(item) for item in snippets] if snippets is not None else None,
            note=values["note"],
            request=request,
        )
        return Response(ShareSerializer(share).data, status=status.HTTP_201_CREATED)


class ShareListApi(APIView):
    @extend_schema(
        responses={200: ShareSerializer(many=True)},
        summary="Shared results: all for HR, those shared with me for a hiring manager (newest first)",
    )
    def get(self, request: Request) -> Response:
        shares = result_share_list(user=request.user)[:LIST_LIMIT]
        return Response(ShareSerializer(shares, many=True).data)


class ShareDetailApi(APIView):
    @extend_schema(
        responses={200: ShareDetailSerializer, 404: ErrorSerializer}, summary="A shared result and its answers"
    )
    def get(self, request: Request, share_id: int) -> Response:
        share = result_share_get_for_user(request.user, share_id)
        return Response(ShareDetailSerializer(share).data)


class ShareRespondApi(APIView):
    @extend_schema(
        request=RespondInputSerializer,
        responses={
            201: ShareResponseSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
        },
        summary="Answer a shared result: advance, reject, or supplementary (with dimension codes) — once",
    )
    def post(self, request: Request, share_id: int) -> Response:
        share = result_share_get_for_user(request.user, share_id)
        data = RespondInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        response = manager_respond(
            user=request.user,
            share=share,
            decision=values["decision"],
            dimensions=values["dimensions"],
            comment=values["comment"],
            request=request,
        )
        return Response(ShareResponseSerializer(response).data, status=status.HTTP_201_CREATED)


class ShareCommentApi(APIView):
    @extend_schema(
        request=ShareCommentInputSerializer,
        responses={201: CommentSerializer, 400: ErrorSerializer, 404: ErrorSerializer},
        summary="Comment on a shared result's interview",
    )
    def post(self, request: Request, share_id: int) -> Response:
        share = result_share_get_for_user(request.user, share_id)
        data = ShareCommentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = share_comment_create(
            user=request.user, share=share, body=data.validated_data["body"], request=request
        )
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


class TaskListApi(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("status", str, enum=HrTask.Status.values, description="Only this status.")],
        responses={200: TaskSerializer(many=True), 404: ErrorSerializer},
        summary="HR's tasks, newest first (HR)",
    )
    def get(self, request: Request) -> Response:
        hr_tasks_check_view(request.user)
        wanted = request.query_params.get("status", "")
        if wanted and wanted not in HrTask.Status.values:
            raise ValidationFailed("Unknown status.", fields={"status": [f"One of {', '.join(HrTask.Status.values)}."]})
        return Response(TaskSerializer(hr_task_list(status=wanted)[:LIST_LIMIT], many=True).data)


class TaskScheduleApi(APIView):
    @extend_schema(
        request=ScheduleInputSerializer,
        responses={200: TaskSerializer, 400: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer},
        summary="Schedule a supplementary-interview task: questions on its focus dimensions, and an invitation",
    )
    def post(self, request: Request, task_id: int) -> Response:
        task = hr_task_get_for_user(request.user, task_id)
        data = ScheduleInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        task = hr_task_schedule(
            actor=request.user, task=task, valid_days=data.validated_data.get("valid_days"), request=request
        )
        return Response(TaskSerializer(task).data)
