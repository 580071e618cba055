"""API routes for the candidate ↔ HR message threads."""

from django.urls import path

from talentloop.api import message_apis as apis

urlpatterns = [
    path("me/messages/", apis.MyMessageListApi.as_view(), name="my-message-list"),
    path("me/messages/read/", apis.MyMessagesReadApi.as_view(), name="my-messages-read"),
    path("message-threads/", apis.MessageThreadListApi.as_view(), name="message-thread-list"),
    path("message-threads/statistics/", apis.MessageStatisticsApi.as_view(), name="message-statistics"),
    path("message-threads/<int:thread_id>/", apis.MessageThreadDetailApi.as_view(), name="message-thread"),
    path(
        "message-threads/<int:thread_id>/messages/", apis.MessageThreadReplyApi.as_view(), name="message-thread-reply"
    ),
    path("message-threads/<int:thread_id>/read/", apis.MessageThreadReadApi.as_view(), name="message-thread-read"),
    path(
        "message-threads/<int:thread_id>/suggested-reply/",
        apis.MessageThreadSuggestedReplyApi.as_view(),
        name="message-thread-suggested-reply",
    ),
]
