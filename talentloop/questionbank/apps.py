from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionbankConfig(AppConfig):
    name = "talentloop.questionbank"
    label = "questionbank"
    verbose_name = _("Question bank")
