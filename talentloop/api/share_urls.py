"""API routes for results shared with hiring managers and HR's tasks."""

from django.urls import path

from talentloop.api import share_apis as apis

urlpatterns = [
    path(
        "interview-sessions/<int:session_id>/shares/",
        apis.SessionShareCreateApi.as_view(),
        name="interview-session-shares",
    ),
    path("result-shares/", apis.ShareListApi.as_view(), name="result-share-list"),
    path("result-shares/<int:share_id>/", apis.ShareDetailApi.as_view(), name="result-share-detail"),
    path("result-shares/<int:share_id>/respond/", apis.ShareRespondApi.as_view(), name="result-share-respond"),
    path("result-shares/<int:share_id>/comments/", apis.ShareCommentApi.as_view(), name="result-share-comments"),
    path("hr-tasks/", apis.TaskListApi.as_view(), name="hr-task-list"),
    path("hr-tasks/<int:task_id>/schedule/", apis.TaskScheduleApi.as_view(), name="hr-task-schedule"),
]
