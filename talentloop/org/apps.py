from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "talentloop.org"
    label = "org"
    verbose_name = "Organisation"
