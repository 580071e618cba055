"""API routes for HR's side of interviews (templates, invitations, sessions)."""

from django.urls import path

from talentloop.api import interview_hr_apis as apis

urlpatterns = [
    path("interview-templates/", apis.TemplateListApi.as_view(), name="interview-template-list"),
    path("interview-templates/<int:template_id>/", apis.TemplateDetailApi.as_view(), name="interview-template"),
    path("invitations/", apis.InvitationListApi.as_view(), name="invitation-list"),
    path("invitations/<int:invitation_id>/actions/", apis.InvitationActionApi.as_view(), name="invitation-action"),
    path("interview-sessions/live/", apis.SessionLiveApi.as_view(), name="interview-session-live"),
    path("interview-sessions/<int:session_id>/", apis.SessionDetailApi.as_view(), name="interview-session"),
]
