"""The discussion on an interview: list its threads, comment or reply, resolve or reopen a thread, and suggest
colleagues to @mention.

Same access helpers and services as the console's discussion panel (``talentloop.collaboration``): someone who
may not see the interview gets 404; a mention of someone who may not see it is refused (400, with
``cannot_see`` and ``can_grant``) unless HR sends ``grant_access``."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from talentloop.api.apis import ErrorSerializer
from talentloop.collaboration.access import comment_get_for_user, discussion_session_get_for_user
from talentloop.collaboration.colleagues import colleague_search
from talentloop.collaboration.models import Comment
from talentloop.collaboration.selectors import thread_list
from talentloop.collaboration.services import comment_create, thread_reopen, thread_resolve


class PersonSerializer(serializers.Serializer):
    class Meta:
        ref_name = "CommentPerson"

    id = serializers.IntegerField(source="pk")
    username = serializers.CharField()
    name = serializers.SerializerMethodField()

    def get_name(self, user: Any) -> str:
        return str(user)


class QuoteScoreSerializer(serializers.Serializer):
    class Meta:
        ref_name = "CommentQuoteScore"

    dimension = serializers.CharField()
    name = serializers.CharField()
    score = serializers.FloatField()


class QuoteSerializer(serializers.Serializer):
    """The quoted words and the answer's scores as they were when the comment was written."""

    class Meta:
        ref_name = "CommentQuote"

    answer = serializers.IntegerField()
    order = serializers.IntegerField()
    question = serializers.CharField()
    snippet = serializers.CharField()
    score_version = serializers.IntegerField(allow_null=True)
    scores = QuoteScoreSerializer(many=True)


class CommentSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Comment"

    id = serializers.IntegerField()
    target = serializers.ChoiceField(choices=Comment.Target.choices)
    answer = serializers.IntegerField(source="answer_id", allow_null=True)
    dimension = serializers.CharField(source="dimension_code")
    author = PersonSerializer(allow_null=True)
    body = serializers.CharField()
    quote = serializers.SerializerMethodField()
    mentioned = PersonSerializer(many=True, source="mentioned.all")
    created_at = serializers.DateTimeField()
    edited_at = serializers.DateTimeField(allow_null=True)
    deleted = serializers.BooleanField(source="is_deleted")

    @extend_schema_field(QuoteSerializer(allow_null=True))
    def get_quote(self, comment: Comment) -> dict[str, Any] | None:
        return comment.quote or None


class ThreadSerializer(CommentSerializer):
    class Meta:
        ref_name = "CommentThread"

    resolved_at = serializers.DateTimeField(allow_null=True)
    resolved_by = PersonSerializer(allow_null=True)
    replies = CommentSerializer(many=True, source="replies.all")


class CommentInputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "CommentInput"

    body = serializers.CharField(allow_blank=True, trim_whitespace=False)
    target = serializers.ChoiceField(choices=Comment.Target.choices, default=Comment.Target.SESSION)
    answer = serializers.IntegerField(required=False, allow_null=True)
    dimension = serializers.CharField(required=False, allow_blank=True, default="")
    reply_to = serializers.IntegerField(required=False, allow_null=True, help_text="Reply to this thread.")
    quote_answer = serializers.IntegerField(required=False, allow_null=True, help_text="Quote this answer.")
    quote_snippet = serializers.CharField(required=False, allow_blank=True, default="")
    grant_access = serializers.BooleanField(
        required=False, default=False, help_text="HR only: give mentioned colleagues access to the candidate."
    )


class ColleagueSerializer(serializers.Serializer):
    class Meta:
        ref_name = "MentionColleague"

    id = serializers.IntegerField(source="user_id")
    username = serializers.CharField(help_text="Write @username in the comment to mention them.")
    name = serializers.CharField(source="full_name")
    department = serializers.CharField()
    department_en = serializers.CharField()


class SessionCommentListApi(APIView):
    @extend_schema(
        responses={200: ThreadSerializer(many=True), 404: ErrorSerializer},
        summary="The discussion on an interview: its threads, oldest first, with their replies",
    )
    def get(self, request: Request, session_id: int) -> Response:
        session = discussion_session_get_for_user(request.user, session_id)
        return Response(ThreadSerializer(thread_list(session=session), many=True).data)

    @extend_schema(
        request=CommentInputSerializer,
        responses={201: CommentSerializer, 400: ErrorSerializer, 404: ErrorSerializer},
        summary="Comment on the interview, an answer or a dimension's score, or reply to a thread",
    )
    def post(self, request: Request, session_id: int) -> Response:
        session = discussion_session_get_for_user(request.user, session_id)
        data = CommentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        parent = comment_get_for_user(request.user, values["reply_to"]) if values.get("reply_to") else None
        comment = comment_create(
            author=request.user,
            session=session,
            body=values["body"],
            target=values["target"],
            answer_id=values.get("answer"),
            dimension_code=values["dimension"],
            parent=parent,
            quote_answer_id=values.get("quote_answer"),
            quote_snippet=values["quote_snippet"],
            grant_access=values["grant_access"],
            request=request,
        )
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


class ThreadResolveApi(APIView):
    @extend_schema(
        request=None,
        responses={200: ThreadSerializer, 400: ErrorSerializer, 404: ErrorSerializer},
        summary="Resolve a thread",
    )
    def post(self, request: Request, comment_id: int) -> Response:
        comment = thread_resolve(user=request.user, comment=comment_get_for_user(request.user, comment_id))
        return Response(ThreadSerializer(comment).data)


class ThreadReopenApi(APIView):
    @extend_schema(
        request=None,
        responses={200: ThreadSerializer, 400: ErrorSerializer, 404: ErrorSerializer},
        summary="Reopen a thread",
    )
    def post(self, request: Request, comment_id: int) -> Response:
        comment = thread_reopen(user=request.user, comment=comment_get_for_user(request.user, comment_id))
        return Response(ThreadSerializer(comment).data)


class MentionSuggestApi(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="A name, its pinyin or initials (zhangwei, zw), or a department.")
        ],
        responses={200: ColleagueSerializer(many=True), 404: ErrorSerializer},
        summary="Colleagues to @mention in an interview's discussion",
    )
    def get(self, request: Request, session_id: int) -> Response:
        discussion_session_get_for_user(request.user, session_id)
        colleagues = colleague_search(user=request.user, query=request.query_params.get("q", ""))
        return Response(ColleagueSerializer(colleagues, many=True).data)
