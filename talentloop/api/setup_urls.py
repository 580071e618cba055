"""API routes for the interview set-up (competencies, job profiles, question bank)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
