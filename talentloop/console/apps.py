from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    name = "talentloop.console"
    label = "console"
    verbose_name = "HR console"
