"""Console URLs for openings (/console/openings/…)."""

from django.urls import path

from talentloop.console import opening_views as views
from talentloop.console import pipeline_views

urlpatterns = [
    path("", views.opening_list_view, name="opening_list"),
    path("new/", views.opening_form_view, name="opening_create"),
    path("<int:opening_id>/", views.opening_detail, name="opening_detail"),
    path("<int:opening_id>/edit/", views.opening_form_view, name="opening_edit"),
    path("<int:opening_id>/board/", pipeline_views.board_view, name="opening_board"),
    path("<int:opening_id>/board/move/", pipeline_views.board_move_view, name="opening_board_move"),
    path("<int:opening_id>/board/bulk/", pipeline_views.board_bulk_view, name="opening_board_bulk"),
    path("<int:opening_id>/stages/", pipeline_views.stages_view, name="opening_stages"),
    path("<int:opening_id>/<slug:action>/", views.opening_status_view, name="opening_status"),
]
