from django.urls import path

from talentloop.portal import interview_views as views

app_name = "interview"

urlpatterns = [
    path("<str:token>/", views.landing, name="landing"),
    path("<str:token>/consent/", views.consent, name="consent"),
    path("<str:token>/start/", views.start, name="start"),
    path("<str:token>/answer/", views.answer, name="answer"),
    path("<str:token>/retry/", views.retry, name="retry"),
    path("<str:token>/skip/", views.skip, name="skip"),
    path("<str:token>/next/", views.next_question, name="next"),
    path("<str:token>/submit/", views.submit, name="submit"),
]
