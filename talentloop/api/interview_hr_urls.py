"""API routes for HR's side of interviews (templates, invitations, sessions)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
