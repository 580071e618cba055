"""My notifications: list (newest first, optionally unread only), unread count, mark one or all read.

Same selectors and services as the portal and console notification centres (``talentloop.notifications``)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from talentloop.api.apis import ErrorSerializer, _paginated
from talentloop.notifications.messages import message_render
from talentloop.notifications.models import Kind, Notification
from talentloop.notifications.selectors import notification_list, notification_unread_count
from talentloop.notifications.services import notification_mark_all_read, notification_mark_read


class NotificationSerializer(serializers.Serializer):
    """One notification, its title and body in the caller's language."""

    class Meta:
        ref_name = "Notification"

    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Kind.choices)
    title = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()
    link = serializers.CharField()
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)

    def get_title(self, notification: Notification) -> str:
        return message_render(kind=notification.kind, params=notification.params).title

    def get_body(self, notification: Notification) -> str:
        return message_render(kind=notification.kind, params=notification.params).body


class UnreadCountSerializer(serializers.Serializer):
    class Meta:
        ref_name = "NotificationUnreadCount"

    unread = serializers.IntegerField()


class MarkedSerializer(serializers.Serializer):
    class Meta:
        ref_name = "NotificationsMarkedRead"

    marked = serializers.IntegerField()


class MyNotificationListApi(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("unread", bool, description="Only the unread ones.", default=False)],
        responses={200: NotificationSerializer(many=True)},
        summary="My notifications",
    )
    def get(self, request: Request) -> Response:
        unread_only = request.query_params.get("unread", "").lower() in ("1", "true", "yes")
        return _paginated(
            request, self, notification_list(user=request.user, unread_only=unread_only), NotificationSerializer
        )


class MyNotificationUnreadCountApi(APIView):
    @extend_schema(responses={200: UnreadCountSerializer}, summary="How many of my notifications are unread")
    def get(self, request: Request) -> Response:
        return Response({"unread": notification_unread_count(user=request.user)})


class MyNotificationReadApi(APIView):
    @extend_schema(
        request=None, responses={200: NotificationSerializer, 404: ErrorSerializer}, summary="Mark a notification read"
    )
    def post(self, request: Request, notification_id: int) -> Response:
        notification = notification_mark_read(user=request.user, notification_id=notification_id)
        return Response(NotificationSerializer(notification).data)


class MyNotificationReadAllApi(APIView):
    @extend_schema(request=None, responses={200: MarkedSerializer}, summary="Mark all my notifications read")
    def post(self, request: Request) -> Response:
        return Response({"marked": notification_mark_all_read(user=request.user)})
