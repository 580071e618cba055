from django.apps import AppConfig


class CliConfig(AppConfig):
    name = "talentloop.cli"
    label = "cli"
    verbose_name = "Command line"
