"""API routes for score versions and re-score batches."""

from django.urls import path

from talentloop.api import score_apis as apis

urlpatterns = [
    path("interview-sessions/<int:session_id>/scores/", apis.SessionScoreListApi.as_view(), name="score-list"),
    path(
        "interview-sessions/<int:session_id>/scores/<int:version>/",
        apis.SessionScoreDetailApi.as_view(),
        name="score-detail",
    ),
    path("rescore-batches/", apis.RescoreBatchListApi.as_view(), name="rescore-batch-list"),
    path("rescore-batches/<int:batch_id>/", apis.RescoreBatchDetailApi.as_view(), name="rescore-batch"),
]
