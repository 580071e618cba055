"""API routes for openings, applications and the employee record."""

from django.urls import path

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
