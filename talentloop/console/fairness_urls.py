"""Console pages for the fairness audit and the sensitive attributes behind it (HR admins only)."""

from django.urls import path

from talentloop.console import fairness_views as views

urlpatterns = [
    path("fairness/", views.fairness_view, name="fairness"),
    path("fairness/report.csv", views.fairness_csv, name="fairness_csv"),
    path("fairness/report.pdf", views.fairness_pdf, name="fairness_pdf"),
    path("sensitive-categories/", views.sensitive_category_list_view, name="sensitive_categories"),
    path("people/<int:person_id>/sensitive-attributes/", views.sensitive_attributes_view, name="sensitive_attributes"),
]
