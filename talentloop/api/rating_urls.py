"""API routes for human ratings and the AI–human agreement statistics."""

from django.urls import path

from talentloop.api import rating_apis as apis

urlpatterns = [
    path("answers/<int:answer_id>/ratings/", apis.AnswerRatingListApi.as_view(), name="answer-rating-list"),
    path("ratings/agreement/", apis.AgreementApi.as_view(), name="rating-agreement"),
]
