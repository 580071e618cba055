from django.urls import path

from talentloop.portal import review_views, views

app_name = "portal"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("language/", views.language_update, name="language_update"),
    path("interviews/<int:session_id>/review/", review_views.review_request, name="review_request"),
]
