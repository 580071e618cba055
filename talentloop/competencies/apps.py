from django.apps import AppConfig


class CompetenciesConfig(AppConfig):
    name = "talentloop.competencies"
    label = "competencies"
    verbose_name = "Competencies"
