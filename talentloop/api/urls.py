from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from talentloop.api import apis

v1 = [
    path("me/", apis.MeApi.as_view(), name="me"),
    path("auth/token/", apis.TokenApi.as_view(), name="token"),
    path("candidates/", apis.CandidateListApi.as_view(), name="candidate-list"),
    path("candidates/<int:candidate_id>/", apis.CandidateDetailApi.as_view(), name="candidate-detail"),
    path("employees/", apis.EmployeeListApi.as_view(), name="employee-list"),
    path("employees/<int:employee_id>/", apis.EmployeeDetailApi.as_view(), name="employee-detail"),
    path("departments/", apis.DepartmentListApi.as_view(), name="department-list"),
    path("audit-events/", apis.AuditEventListApi.as_view(), name="audit-event-list"),
]

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("v1/", include((v1, "v1"), namespace="api-v1")),
]
