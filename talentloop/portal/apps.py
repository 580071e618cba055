from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "talentloop.portal"
    label = "portal"
    verbose_name = "Self-service portal"
