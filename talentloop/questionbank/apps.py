from django.apps import AppConfig


class QuestionbankConfig(AppConfig):
    name = "talentloop.questionbank"
    label = "questionbank"
    verbose_name = "Question bank"
