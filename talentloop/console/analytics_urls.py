"""Console pages for interview analytics (/console/analytics/…)."""

from django.urls import path

from talentloop.console import analytics_views as views

urlpatterns = [
    path("", views.analytics_overview, name="analytics"),
    path("questions/", views.analytics_questions, name="analytics_questions"),
    path("questions/<int:question_id>/", views.analytics_question_detail, name="analytics_question"),
    path("agreement/", views.analytics_agreement, name="analytics_agreement"),
    path("prediction/", views.analytics_prediction, name="analytics_prediction"),
]
