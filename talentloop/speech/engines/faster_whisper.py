"""Speech to text on faster-whisper (CTranslate2), on the CPU, from local model files only.

Optional: ``pip install 'talentloop[speech]'`` brings faster-whisper and the model packages. The model is loaded
once per process, on the first transcription, never from the internet (see whisper_models for where it comes from).
"""

from __future__ import annotations

import os
import threading
from importlib import metadata
from pathlib import Path
from typing import Any

from django.conf import settings

from talentloop.speech.engines.base import SpeechEngineError, SpeechEngineUnavailable, Transcript, Word
from talentloop.speech.engines.whisper_models import (
    INSTALL_HINT,
    ResolvedModel,
    packaged_model_get,
    whisper_model_resolve,
)


def faster_whisper_version() -> str:
    """The installed faster-whisper's version (read without importing it: that loads CTranslate2)."""
    try:
        return metadata.version("faster-whisper")
    except metadata.PackageNotFoundError:
        raise SpeechEngineUnavailable(f"faster-whisper is not installed. {INSTALL_HINT}") from None


def _language_hint(language: str | None) -> str | None:
    """Whisper's language code for our hint ("zh-hans" → "zh", "en-us" → "en"); None lets Whisper detect it."""
    if not language:
        return None
    return language.lower().replace("_", "-").split("-", 1)[0]


def to_simplified(text: str) -> str:
    """Whisper often writes Mandarin in traditional characters; candidates and HR read simplified ones.
    zhconv (pure Python, in the speech extra) converts script only; without it the text is left as it is."""
    try:
        from zhconv import convert
    except ImportError:
        return text
    return str(convert(text, "zh-hans"))


def _is_latin(character: str) -> bool:
    return character.isascii() and character.isalnum()


def join_words(words: list[str], language: str) -> str:
    """The transcript text from its words. Chinese is written without spaces (Whisper's word texts carry the
    spaces English needs); a space is kept only between two Latin words, as in "用 Python 写" → "用Python写"."""
    if language != "zh":
        return " ".join("".join(words).split())
    text = ""
    for word in (w.strip() for w in words):
        if text and word and _is_latin(text[-1]) and _is_latin(word[0]):
            text += " "
        text += word
    return text


class FasterWhisperEngine:
    """Transcribes with a CTranslate2 Whisper model: ``model`` is "base" (Chinese and English) or "tiny.en"
    (English only), or any name when ``model_dir`` points at an operator's CTranslate2 model directory."""

    def __init__(self, model: str = "base", model_dir: str | None = None, *, data_dir: Path | None = None) -> None:
        version = faster_whisper_version()
        if not model_dir:
            packaged_model_get(model=model)  # an unknown name fails here, not at the first recording
        self.model = model
        self.model_dir = Path(model_dir) if model_dir else None
        self.data_dir = data_dir
        self.name = f"faster_whisper/{model}@{version}"
        self._lock = threading.Lock()
        self._resolved: ResolvedModel | None = None
        self._whisper: Any = None

    def model_resolve(self) -> ResolvedModel:
        """The verified model directory (joined into the data directory on first use). Cached per engine."""
        with self._lock:
            if self._resolved is None:
                self._resolved = whisper_model_resolve(
                    model=self.model,
                    model_dir=self.model_dir,
                    data_dir=self.data_dir or Path(settings.DATA_DIR),
                )
            return self._resolved

    def _whisper_model(self) -> Any:
        resolved = self.model_resolve()
        with self._lock:
            if self._whisper is None:
                # Never reach the Hugging Face hub, even if something asks faster-whisper for a missing file.
                os.environ["HF_HUB_OFFLINE"] = "1"
                try:
                    from faster_whisper import WhisperModel
                except ImportError as error:
                    message = f"faster-whisper cannot be imported ({error}). {INSTALL_HINT}"
                    raise SpeechEngineUnavailable(message) from None
                try:
                    self._whisper = WhisperModel(str(resolved.path), device="cpu", compute_type="int8")
                except (RuntimeError, ValueError, OSError) as error:
                    raise SpeechEngineUnavailable(
                        f"The Whisper model at {resolved.path} cannot be loaded: {error}"
                    ) from error
            return self._whisper

    def transcribe(self, audio: Path, *, language: str | None = None) -> Transcript:
        """Transcribe ``audio`` (any format FFmpeg reads) with word timings; ``language`` is a hint."""
        hint = _language_hint(language)
        whisper = self._whisper_model()
        if hint and hint != "en" and not whisper.model.is_multilingual:
            raise SpeechEngineUnavailable(
                f"The Whisper model {self.model!r} only understands English, and this recording is in {hint!r}: "
                "set SPEECH_MODEL=base."
            )
        try:
            segments, info = whisper.transcribe(str(audio), language=hint, word_timestamps=True, vad_filter=False)
            # Segments are decoded lazily: any decoding error surfaces while they are read.
            found = [word for segment in segments for word in (segment.words or [])]
        except Exception as error:  # FFmpeg (PyAV) and CTranslate2 raise many kinds; none is worth a retry
            raise SpeechEngineError(f"Could not transcribe {audio.name}: {type(error).__name__}: {error}") from error
        detected = str(info.language)
        texts = [to_simplified(w.word) if detected == "zh" else w.word for w in found]
        return Transcript(
            text=join_words(texts, detected),
            language=detected,
            duration_seconds=round(float(info.duration), 3),
            engine=self.name,
            words=[
                Word(text=text.strip(), start=float(w.start), end=float(w.end))
                for text, w in zip(texts, found, strict=True)
                if text.strip()
            ],
        )
