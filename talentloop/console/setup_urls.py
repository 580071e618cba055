"""Console pages for the interview set-up: competency library, job profiles, question bank."""

from django.urls import path

from talentloop.console import reapplication_views, report_views
from talentloop.console import setup_views as views

urlpatterns = [
    path("dimensions/", views.dimension_list_view, name="dimension_list"),
    path("dimensions/new/", views.dimension_create_view, name="dimension_create"),
    path("dimensions/<slug:code>/edit/", views.dimension_edit_view, name="dimension_edit"),
    path("job-profiles/", views.job_profile_list_view, name="job_profile_list"),
    path("job-profiles/<slug:position_code>/edit/", views.job_profile_edit_view, name="job_profile_edit"),
    path("job-profiles/<slug:position_code>/report-policy/", report_views.report_policy_edit, name="report_policy"),
    path(
        "job-profiles/<slug:position_code>/reapplication-policy/",
        reapplication_views.reapplication_policy_edit,
        name="reapplication_policy",
    ),
    path("questions/", views.question_list_view, name="question_list"),
    path("questions/new/", views.question_create_view, name="question_create"),
    path("questions/<slug:code>/", views.question_detail_view, name="question_detail"),
    path("questions/<slug:code>/edit/", views.question_edit_view, name="question_edit"),
    path("questions/<slug:code>/active/", views.question_set_active_view, name="question_set_active"),
    path("question-bank/export/", views.question_bank_export_view, name="question_bank_export"),
    path("question-bank/import/", views.question_bank_import_view, name="question_bank_import"),
]
