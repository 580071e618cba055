"""Console pages for the learning library (培训资源库)."""

from django.urls import path

from talentloop.console import learning_views as views

urlpatterns = [
    path("", views.library_list_view, name="library_list"),
    path("courses/new/", views.course_form_view, name="course_create"),
    path("courses/<slug:code>/edit/", views.course_form_view, name="course_edit"),
    path("projects/new/", views.project_form_view, name="project_create"),
    path("projects/<slug:code>/edit/", views.project_form_view, name="project_edit"),
    path("mentors/new/", views.mentor_form_view, name="mentor_create"),
    path("mentors/<int:mentor_id>/edit/", views.mentor_form_view, name="mentor_edit"),
    path("<str:kind>/<str:key>/active/", views.library_item_set_active_view, name="library_item_set_active"),
    path("export/", views.library_export_view, name="library_export"),
    path("import/", views.library_import_view, name="library_import"),
]
