"""Console pages for human ratings and the AI–human agreement statistics."""

from django.urls import path

from talentloop.console import rating_views as views

urlpatterns = [
    path("answers/<int:answer_id>/dimensions/<int:dimension_id>/", views.rating_edit, name="rating_edit"),
    path("agreement/", views.agreement_view, name="agreement"),
]
