from django.urls import path

from talentloop.portal import (
    employee_views,
    equality_views,
    growth_views,
    message_views,
    my_data_views,
    notification_views,
    opportunity_views,
    report_views,
    review_views,
    views,
)

app_name = "portal"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("language/", views.language_update, name="language_update"),
    path("employee-record/", employee_views.employee_record, name="employee_record"),
    path("opportunities/", opportunity_views.opportunity_list, name="opportunities"),
    path("opportunities/<int:opening_id>/", opportunity_views.opportunity_detail, name="opportunity"),
    path("applications/<int:application_id>/", opportunity_views.application_detail, name="application"),
    path(
        "applications/<int:application_id>/withdraw/",
        opportunity_views.application_withdraw_view,
        name="application_withdraw",
    ),
    path("reports/<int:session_id>/", report_views.report_detail, name="report"),
    path("reports/<int:session_id>/pdf/", report_views.report_pdf, name="report_pdf"),
    path("interviews/<int:invitation_id>/growth/", growth_views.growth_path_view, name="growth_path"),
    path(
        "interviews/<int:invitation_id>/growth/rebuild/",
        growth_views.growth_path_rebuild_view,
        name="growth_path_rebuild",
    ),
    path("interviews/<int:invitation_id>/reapply/", growth_views.reapplication_start_view, name="reapplication_start"),
    path("growth-items/<int:item_id>/<slug:action>/", growth_views.growth_item_action_view, name="growth_item_action"),
    path("mentoring/", growth_views.mentoring_view, name="mentoring"),
    path("interviews/<int:session_id>/review/", review_views.review_request, name="review_request"),
    path("messages/", message_views.message_thread, name="messages"),
    path("my-data/", my_data_views.my_data, name="my_data"),
    path("equal-opportunity/", equality_views.equality_view, name="equality"),
    path("equal-opportunity/withdraw/", equality_views.equality_withdraw, name="equality_withdraw"),
    path("notifications/", notification_views.notification_centre, name="notifications"),
    path("notifications/read-all/", notification_views.notification_read_all, name="notification_read_all"),
    path("notifications/settings/", notification_views.notification_preferences, name="notification_preferences"),
    path("notifications/<int:notification_id>/read/", notification_views.notification_read, name="notification_read"),
    path("my-data/export.json", my_data_views.my_data_export, name="my_data_export"),
    path("my-data/delete/", my_data_views.my_data_delete, name="my_data_delete"),
]
