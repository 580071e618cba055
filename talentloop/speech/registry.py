"""Which speech engine this installation uses (SPEECH_ENGINE), loaded once per process."""

from __future__ import annotations

from functools import cache

from django.conf import settings

from talentloop.speech.engines.base import SpeechEngine, SpeechEngineUnavailable


@cache
def _engine(name: str, model: str, model_dir: str) -> SpeechEngine:
    if name == "faster_whisper":
        from talentloop.speech.engines.faster_whisper import FasterWhisperEngine

        return FasterWhisperEngine(model=model, model_dir=model_dir or None)
    raise SpeechEngineUnavailable(f"Unknown speech engine {name!r}.")


def speech_engine_get() -> SpeechEngine | None:
    """The configured engine, or None when candidates must type (SPEECH_ENGINE is empty)."""
    if not settings.SPEECH_ENGINE:
        return None
    return _engine(settings.SPEECH_ENGINE, settings.SPEECH_MODEL, settings.SPEECH_MODEL_DIR)


def speech_engine_available() -> bool:
    """Whether voice answers can be transcribed here (otherwise candidates are asked to type)."""
    return bool(settings.SPEECH_ENGINE)
