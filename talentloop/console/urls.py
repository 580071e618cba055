from django.urls import include, path

from talentloop.console import careers_views, notification_views, privacy_views, reapplication_views, views, wecom_views

app_name = "console"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("notifications/", notification_views.notification_centre, name="notifications"),
    path("notifications/read-all/", notification_views.notification_read_all, name="notification_read_all"),
    path("notifications/settings/", notification_views.notification_preferences, name="notification_preferences"),
    path("notifications/<int:notification_id>/read/", notification_views.notification_read, name="notification_read"),
    path("candidates/", views.candidate_list_view, name="candidate_list"),
    path("candidates/new/", views.candidate_create_view, name="candidate_create"),
    path("candidates/duplicates/", careers_views.duplicate_list, name="candidate_duplicates"),
    path(
        "candidates/duplicates/<int:duplicate_id>/dismiss/",
        careers_views.duplicate_dismiss,
        name="candidate_duplicate_dismiss",
    ),
    path("resumes/<int:resume_id>/", careers_views.resume_download, name="resume_download"),
    path("candidates/<int:candidate_id>/", views.candidate_detail, name="candidate_detail"),
    path("candidates/<int:candidate_id>/edit/", views.candidate_edit, name="candidate_edit"),
    path(
        "candidates/<int:candidate_id>/growth/<int:invitation_id>/",
        views.candidate_growth_path,
        name="candidate_growth_path",
    ),
    path("employees/", views.employee_list_view, name="employee_list"),
    path("employees/<int:employee_id>/", views.employee_detail, name="employee_detail"),
    path("employees/<int:employee_id>/record/", views.employee_record, name="employee_record"),
    path("openings/", include("talentloop.console.opening_urls")),
    path("organisation/", views.organisation, name="organisation"),
    path("roles/", views.role_list, name="role_list"),
    path("audit/", views.audit_log, name="audit_log"),
    path("wecom/", wecom_views.wecom_accounts, name="wecom_accounts"),
    path("wecom/<int:person_id>/remove/", wecom_views.wecom_account_remove, name="wecom_account_remove"),
    path("privacy/", privacy_views.deletion_request_list_view, name="deletion_request_list"),
    path(
        "privacy/<int:deletion_request_id>/",
        privacy_views.deletion_request_detail,
        name="deletion_request_detail",
    ),
    path(
        "privacy/<int:deletion_request_id>/decide/",
        privacy_views.deletion_request_decide_view,
        name="deletion_request_decide",
    ),
    path("setup/", include("talentloop.console.setup_urls")),
    path("interviews/rescore/", include("talentloop.console.score_urls")),
    path("interviews/", include("talentloop.console.interview_urls")),
    path("ratings/", include("talentloop.console.rating_urls")),
    path("learning/", include("talentloop.console.learning_urls")),
    path("reviews/", include("talentloop.console.review_urls")),
    path("reapplications/", reapplication_views.reapplication_funnel_view, name="reapplications"),
]
