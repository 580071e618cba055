"""Console URLs for openings (/console/openings/…)."""

from django.urls import path

from talentloop.console import opening_views as views

urlpatterns = [
    path("", views.opening_list_view, name="opening_list"),
    path("new/", views.opening_form_view, name="opening_create"),
    path("<int:opening_id>/", views.opening_detail, name="opening_detail"),
    path("<int:opening_id>/edit/", views.opening_form_view, name="opening_edit"),
    path("<int:opening_id>/<slug:action>/", views.opening_status_view, name="opening_status"),
]
