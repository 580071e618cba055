"""Console pages for interviews: templates, invitations, the live view and session details."""

from django.urls import path

from talentloop.console import interview_views as views
from talentloop.console import report_views

urlpatterns = [
    path("", views.template_list_view, name="interview_templates"),
    path("templates/<int:template_id>/", views.template_detail, name="interview_template"),
    path("invitations/", views.invitation_list_view, name="interview_invitations"),
    path("invitations/<int:invitation_id>/", views.invitation_detail, name="interview_invitation"),
    path(
        "invitations/<int:invitation_id>/<slug:action>/",
        views.invitation_action,
        name="interview_invitation_action",
    ),
    path("live/", views.live_view, name="interview_live"),
    path("sessions/<int:session_id>/", views.session_detail, name="interview_session"),
    path("sessions/<int:session_id>/report/", report_views.report_detail, name="interview_report"),
    path("sessions/<int:session_id>/report/pdf/", report_views.report_pdf, name="interview_report_pdf"),
    path("sessions/<int:session_id>/report/preview/", report_views.report_preview, name="interview_report_preview"),
    path(
        "sessions/<int:session_id>/report/preview/pdf/",
        report_views.report_preview_pdf,
        name="interview_report_preview_pdf",
    ),
    path(
        "sessions/<int:session_id>/report/release/", report_views.report_release_view, name="interview_report_release"
    ),
    path("recordings/<int:recording_id>/", views.recording_download, name="interview_recording"),
]
