"""Console pages for the interview set-up: competency library, job profiles, question bank."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
