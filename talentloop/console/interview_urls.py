"""Console pages for interviews: templates, invitations, the live view and session details."""

from django.urls import path

from talentloop.console import discussion_views, report_views, share_views
from talentloop.console import interview_views as views

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
    path("sessions/<int:session_id>/share/", share_views.result_share_create_view, name="result_share_create"),
    path("sessions/<int:session_id>/comments/", discussion_views.comment_create_view, name="interview_comment_create"),
    path(
        "sessions/<int:session_id>/mentions/", discussion_views.mention_suggest_view, name="interview_mention_suggest"
    ),
    path("comments/<int:comment_id>/edit/", discussion_views.comment_edit_view, name="interview_comment_edit"),
    path("comments/<int:comment_id>/delete/", discussion_views.comment_delete_view, name="interview_comment_delete"),
    path("comments/<int:comment_id>/resolve/", discussion_views.thread_resolve_view, name="interview_thread_resolve"),
    path("comments/<int:comment_id>/reopen/", discussion_views.thread_reopen_view, name="interview_thread_reopen"),
    path("recordings/<int:recording_id>/", views.recording_download, name="interview_recording"),
]
