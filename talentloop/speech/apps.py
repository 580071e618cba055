from django.apps import AppConfig


class SpeechConfig(AppConfig):
    name = "talentloop.speech"
    label = "speech"
    verbose_name = "Speech to text"
