from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "talentloop.interviews"
    label = "interviews"
    verbose_name = "Interviews"
