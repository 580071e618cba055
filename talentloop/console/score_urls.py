"""Console pages for re-scoring interviews."""

from django.urls import path

from talentloop.console import score_views as views

urlpatterns = [
    path("", views.rescore_view, name="score_rescore"),
    path("<int:batch_id>/", views.rescore_batch_view, name="score_rescore_batch"),
]
