"""Console pages for interviews: templates, invitations, the live view and session details."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
