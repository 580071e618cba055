"""Explanation and human-review requests: the candidate asks and follows their own; HR lists and resolves.

Same services and access helpers as the portal and console pages (``feedback.review_access``,
``feedback.services.reviews``)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from talentloop.api.apis import ErrorSerializer, _paginated
from talentloop.feedback.models import ReviewRequest
from talentloop.feedback.review_access import (
    review_request_get_for_user,
    review_request_list_for_candidate,
    review_requests_check_manage,
    review_session_get_for_candidate,
)
from talentloop.feedback.review_selectors import ReviewFilter, review_request_list
from talentloop.feedback.services.reviews import review_request_create, review_request_resolve
from talentloop.notifications.events import review_request_answered_notify, review_request_created_notify


def _name(user: Any) -> str | None:
    return (user.display_name or user.username) if user is not None else None


class ReviewRequestSerializer(serializers.Serializer):
    """What the candidate sees of their request."""

    class Meta:
        ref_name = "ReviewRequest"

    id = serializers.IntegerField()
    session = serializers.IntegerField(source="session_id")
    kind = serializers.ChoiceField(choices=ReviewRequest.Kind.choices)
    status = serializers.ChoiceField(choices=ReviewRequest.Status.choices)
    text = serializers.CharField()
    requested_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField()
    response = serializers.CharField()
    decision = serializers.CharField()
    resolved_by = serializers.SerializerMethodField()
    resolved_at = serializers.DateTimeField(allow_null=True)

    def get_resolved_by(self, review_request: ReviewRequest) -> str | None:
        return _name(review_request.resolved_by)


class ReviewRequestHrSerializer(ReviewRequestSerializer):
    """HR's view of a request: whose interview, the AI result when asked, whether it is overdue."""

    class Meta:
        ref_name = "ReviewRequestHr"

    candidate = serializers.IntegerField(source="session.invitation.candidate_id")
    candidate_name = serializers.CharField(source="session.invitation.candidate.person.full_name")
    ai_overall = serializers.FloatField()
    ai_passed = serializers.BooleanField()
    overdue = serializers.SerializerMethodField()
    notified_at = serializers.DateTimeField(allow_null=True)

    def get_overdue(self, review_request: ReviewRequest) -> bool:
        return review_request.status == ReviewRequest.Status.OPEN and review_request.due_at < timezone.now()


class MyReviewRequestListApi(APIView):
    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "ReviewRequestCreate"

        session = serializers.IntegerField()
        kind = serializers.ChoiceField(choices=ReviewRequest.Kind.choices)
        # Required and length-limited by the service, so the API and the portal answer with the same error codes.
        text = serializers.CharField(allow_blank=True, trim_whitespace=False, default="")

    @extend_schema(responses={200: ReviewRequestSerializer(many=True)}, summary="My explanation and review requests")
    def get(self, request: Request) -> Response:
        rows = review_request_list_for_candidate(request.user).order_by("-requested_at", "-pk")
        return _paginated(request, self, rows, ReviewRequestSerializer)

    @extend_schema(
        request=InputSerializer,
        responses={201: ReviewRequestSerializer, 400: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer},
        summary="Ask for an explanation or a human review of my interview",
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        session = review_session_get_for_candidate(request.user, data["session"])
        review_request = review_request_create(
            actor=request.user, session=session, kind=data["kind"], text=data["text"], request=request
        )
        review_request_created_notify(review_request=review_request)
        return Response(ReviewRequestSerializer(review_request).data, status=status.HTTP_201_CREATED)


class ReviewRequestListApi(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("status", str, enum=[f.value for f in ReviewFilter], default="open")],
        responses={200: ReviewRequestHrSerializer(many=True), 403: ErrorSerializer, 404: ErrorSerializer},
        summary="Review requests (HR)",
    )
    def get(self, request: Request) -> Response:
        review_requests_check_manage(request.user)
        wanted = request.query_params.get("status", ReviewFilter.OPEN)
        if wanted not in [f.value for f in ReviewFilter]:
            wanted = ReviewFilter.OPEN
        return _paginated(request, self, review_request_list(status=wanted), ReviewRequestHrSerializer)


class ReviewRequestDetailApi(APIView):
    @extend_schema(
        responses={200: ReviewRequestHrSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
        summary="One review request (HR)",
    )
    def get(self, request: Request, request_id: int) -> Response:
        return Response(
            ReviewRequestHrSerializer(review_request_get_for_user(request.user, request_id, request=request)).data
        )


class ReviewRequestResolveApi(APIView):
    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "ReviewRequestResolve"

        response = serializers.CharField(allow_blank=True, trim_whitespace=False, default="")
        decision = serializers.ChoiceField(
            choices=[("", ""), *ReviewRequest.Decision.choices], required=False, default=""
        )

    @extend_schema(
        request=InputSerializer,
        responses={
            200: ReviewRequestHrSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
        },
        summary="Answer a request: an explanation, or a human decision with its reason (HR)",
    )
    def post(self, request: Request, request_id: int) -> Response:
        review_request = review_request_get_for_user(request.user, request_id, request=request)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        resolved = review_request_resolve(
            actor=request.user,
            review_request=review_request,
            response=serializer.validated_data["response"],
            decision=serializer.validated_data["decision"],
            request=request,
        )
        review_request_answered_notify(review_request=resolved)
        resolved.refresh_from_db()
        return Response(ReviewRequestHrSerializer(resolved).data)
