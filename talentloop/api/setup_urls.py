"""API routes for the interview set-up (competencies, job profiles, question bank)."""

from django.urls import path

from talentloop.api import setup_apis as apis

urlpatterns = [
    path("dimensions/", apis.DimensionListApi.as_view(), name="dimension-list"),
    path("dimensions/<slug:code>/", apis.DimensionDetailApi.as_view(), name="dimension-detail"),
    path("job-profiles/", apis.JobProfileListApi.as_view(), name="job-profile-list"),
    path("job-profiles/<slug:position_code>/", apis.JobProfileDetailApi.as_view(), name="job-profile-detail"),
    path("questions/", apis.QuestionListApi.as_view(), name="question-list"),
    path("questions/<slug:code>/", apis.QuestionDetailApi.as_view(), name="question-detail"),
    path("questions/<slug:code>/rubrics/", apis.QuestionRubricHistoryApi.as_view(), name="question-rubrics"),
    path("question-bank/export/", apis.QuestionBankExportApi.as_view(), name="question-bank-export"),
    path("question-bank/import/", apis.QuestionBankImportApi.as_view(), name="question-bank-import"),
]
