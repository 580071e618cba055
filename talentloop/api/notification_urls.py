"""API routes for my notifications."""

from django.urls import path

from talentloop.api import notification_apis as apis

urlpatterns = [
    path("me/notifications/", apis.MyNotificationListApi.as_view(), name="my-notification-list"),
    path(
        "me/notifications/unread-count/",
        apis.MyNotificationUnreadCountApi.as_view(),
        name="my-notification-unread-count",
    ),
    path("me/notifications/read-all/", apis.MyNotificationReadAllApi.as_view(), name="my-notification-read-all"),
    path(
        "me/notifications/<int:notification_id>/read/",
        apis.MyNotificationReadApi.as_view(),
        name="my-notification-read",
    ),
]
