from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "talentloop.api"
    label = "api"
    verbose_name = "REST API"
