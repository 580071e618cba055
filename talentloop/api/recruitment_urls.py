"""API routes for openings, applications and the employee record."""

from django.urls import path

from talentloop.api import pipeline_apis
from talentloop.api import recruitment_apis as apis

urlpatterns = [
    path("openings/", apis.OpeningListApi.as_view(), name="opening-list"),
    path("openings/<int:opening_id>/", apis.OpeningDetailApi.as_view(), name="opening-detail"),
    path("openings/<int:opening_id>/open/", apis.OpeningOpenApi.as_view(), name="opening-open"),
    path("openings/<int:opening_id>/close/", apis.OpeningCloseApi.as_view(), name="opening-close"),
    path(
        "openings/<int:opening_id>/applications/",
        apis.OpeningApplicationListApi.as_view(),
        name="opening-application-list",
    ),
    path("openings/<int:opening_id>/stages/", pipeline_apis.OpeningStagesApi.as_view(), name="opening-stages"),
    path("openings/<int:opening_id>/board/", pipeline_apis.OpeningBoardApi.as_view(), name="opening-board"),
    path(
        "openings/<int:opening_id>/applications/bulk-move/",
        pipeline_apis.OpeningBulkMoveApi.as_view(),
        name="opening-applications-bulk-move",
    ),
    path(
        "openings/<int:opening_id>/applications/bulk-reject/",
        pipeline_apis.OpeningBulkRejectApi.as_view(),
        name="opening-applications-bulk-reject",
    ),
    path(
        "applications/<int:application_id>/move/", pipeline_apis.ApplicationMoveApi.as_view(), name="application-move"
    ),
    path(
        "applications/<int:application_id>/reject/",
        pipeline_apis.ApplicationRejectApi.as_view(),
        name="application-reject",
    ),
    path(
        "applications/<int:application_id>/history/",
        pipeline_apis.ApplicationHistoryApi.as_view(),
        name="application-history",
    ),
    path(
        "applications/<int:application_id>/scorecards/",
        pipeline_apis.ApplicationScorecardsApi.as_view(),
        name="application-scorecards",
    ),
    path("me/internal-openings/", apis.MyInternalOpeningListApi.as_view(), name="my-internal-opening-list"),
    path("me/applications/", apis.MyApplicationListApi.as_view(), name="my-application-list"),
    path("me/applications/<int:application_id>/", apis.MyApplicationDetailApi.as_view(), name="my-application"),
    path(
        "me/applications/<int:application_id>/withdraw/",
        apis.MyApplicationWithdrawApi.as_view(),
        name="my-application-withdraw",
    ),
    path("me/employee-record/", apis.MyEmployeeRecordApi.as_view(), name="my-employee-record"),
    path("employees/<int:employee_id>/record/", apis.EmployeeRecordApi.as_view(), name="employee-record"),
]
