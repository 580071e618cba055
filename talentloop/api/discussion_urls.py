"""API routes for the discussion on an interview."""

from django.urls import path

from talentloop.api import discussion_apis as apis

urlpatterns = [
    path(
        "interview-sessions/<int:session_id>/comments/",
        apis.SessionCommentListApi.as_view(),
        name="interview-session-comments",
    ),
    path(
        "interview-sessions/<int:session_id>/mentions/",
        apis.MentionSuggestApi.as_view(),
        name="interview-session-mentions",
    ),
    path("comments/<int:comment_id>/resolve/", apis.ThreadResolveApi.as_view(), name="comment-resolve"),
    path("comments/<int:comment_id>/reopen/", apis.ThreadReopenApi.as_view(), name="comment-reopen"),
]
