"""API routes for coming back stronger: re-applying after an interview that was not passed."""

from django.urls import path

from talentloop.api import reapplication_apis as apis

urlpatterns = [
    path("me/reapplications/", apis.MyReapplicationListApi.as_view(), name="my-reapplication-list"),
    path(
        "me/reapplications/eligibility/",
        apis.MyReapplicationEligibilityApi.as_view(),
        name="my-reapplication-eligibility",
    ),
    path("reapplications/", apis.ReapplicationListApi.as_view(), name="reapplication-list"),
    path("reapplications/funnel/", apis.ReapplicationFunnelApi.as_view(), name="reapplication-funnel"),
    path(
        "job-profiles/<slug:position_code>/reapplication-policy/",
        apis.ReapplicationPolicyApi.as_view(),
        name="reapplication-policy",
    ),
]
