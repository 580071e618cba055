"""Console pages for candidates' explanation and human-review requests (HR's task list)."""

from django.urls import path

from talentloop.console import review_views as views

urlpatterns = [
    path("", views.review_request_list_view, name="review_requests"),
    path("<int:request_id>/", views.review_request_detail, name="review_request"),
]
