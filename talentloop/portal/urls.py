from django.urls import path

from talentloop.portal import report_views, views

app_name = "portal"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("language/", views.language_update, name="language_update"),
    path("reports/<int:session_id>/", report_views.report_detail, name="report"),
    path("reports/<int:session_id>/pdf/", report_views.report_pdf, name="report_pdf"),
]
