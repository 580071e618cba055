"""API routes for explanation and human-review requests."""

from django.urls import path

from talentloop.api import review_apis as apis

urlpatterns = [
    path("me/review-requests/", apis.MyReviewRequestListApi.as_view(), name="my-review-request-list"),
    path("review-requests/", apis.ReviewRequestListApi.as_view(), name="review-request-list"),
    path("review-requests/<int:request_id>/", apis.ReviewRequestDetailApi.as_view(), name="review-request"),
    path(
        "review-requests/<int:request_id>/resolve/",
        apis.ReviewRequestResolveApi.as_view(),
        name="review-request-resolve",
    ),
]
