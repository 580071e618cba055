from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from talentloop.api import apis, interview_apis, privacy_apis

v1: list[URLPattern | URLResolver] = [
    path("me/", apis.MeApi.as_view(), name="me"),
    path("auth/token/", apis.TokenApi.as_view(), name="token"),
    path("me/data/", privacy_apis.MyDataExportApi.as_view(), name="my-data"),
    path("me/deletion-request/", privacy_apis.MyDeletionRequestApi.as_view(), name="my-deletion-request"),
    path("deletion-requests/", privacy_apis.DeletionRequestListApi.as_view(), name="deletion-request-list"),
    path(
        "deletion-requests/<int:deletion_request_id>/",
        privacy_apis.DeletionRequestDetailApi.as_view(),
        name="deletion-request-detail",
    ),
    path(
        "deletion-requests/<int:deletion_request_id>/decision/",
        privacy_apis.DeletionRequestDecisionApi.as_view(),
        name="deletion-request-decision",
    ),
    path("candidates/", apis.CandidateListApi.as_view(), name="candidate-list"),
    path("candidates/<int:candidate_id>/", apis.CandidateDetailApi.as_view(), name="candidate-detail"),
    path("employees/", apis.EmployeeListApi.as_view(), name="employee-list"),
    path("employees/<int:employee_id>/", apis.EmployeeDetailApi.as_view(), name="employee-detail"),
    path("departments/", apis.DepartmentListApi.as_view(), name="department-list"),
    path("audit-events/", apis.AuditEventListApi.as_view(), name="audit-event-list"),
    # The candidate's interview, authenticated by the link's token.
    path("interview/<str:token>/", interview_apis.InterviewStateApi.as_view(), name="interview-state"),
    path("interview/<str:token>/open/", interview_apis.InterviewOpenApi.as_view(), name="interview-open"),
    path("interview/<str:token>/consent/", interview_apis.InterviewConsentApi.as_view(), name="interview-consent"),
    path("interview/<str:token>/start/", interview_apis.InterviewStartApi.as_view(), name="interview-start"),
    path("interview/<str:token>/draft/", interview_apis.InterviewDraftApi.as_view(), name="interview-draft"),
    path("interview/<str:token>/answer/", interview_apis.InterviewAnswerApi.as_view(), name="interview-answer"),
    path("interview/<str:token>/retry/", interview_apis.InterviewRetryApi.as_view(), name="interview-retry"),
    path("interview/<str:token>/skip/", interview_apis.InterviewSkipApi.as_view(), name="interview-skip"),
    path("interview/<str:token>/next/", interview_apis.InterviewNextApi.as_view(), name="interview-next"),
    path(
        "interview/<str:token>/recording/",
        interview_apis.InterviewRecordingApi.as_view(),
        name="interview-recording",
    ),
    path("interview/<str:token>/events/", interview_apis.InterviewEventApi.as_view(), name="interview-events"),
    path("interview/<str:token>/submit/", interview_apis.InterviewSubmitApi.as_view(), name="interview-submit"),
    path("", include("talentloop.api.setup_urls")),
    path("", include("talentloop.api.interview_hr_urls")),
    path("", include("talentloop.api.rating_urls")),
    path("", include("talentloop.api.learning_urls")),
    path("", include("talentloop.api.score_urls")),
    path("", include("talentloop.api.review_urls")),
    path("", include("talentloop.api.reapplication_urls")),
    path("", include("talentloop.api.recruitment_urls")),
    path("", include("talentloop.api.notification_urls")),
    path("", include("talentloop.api.discussion_urls")),
    path("", include("talentloop.api.message_urls")),
    path("", include("talentloop.api.share_urls")),
]

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("v1/", include((v1, "v1"), namespace="api-v1")),
]
