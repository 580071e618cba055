"""The contract every speech-to-text engine meets."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol


class SpeechEngineError(Exception):
    """Transcription failed for this recording (a retry will not help: bad audio, unsupported format)."""


class SpeechEngineUnavailable(Exception):
    """The engine cannot run here (not installed, model missing or corrupt): an operator must act."""


@dataclass(frozen=True)
class Word:
    text: str
    start: float
    end: float


@dataclass(frozen=True)
class Transcript:
    text: str
    language: str
    duration_seconds: float
    engine: str
    words: list[Word] = field(default_factory=list)

    def words_as_dicts(self) -> list[dict[str, float | str]]:
        return [{"text": w.text, "start": round(w.start, 3), "end": round(w.end, 3)} for w in self.words]


class SpeechEngine(Protocol):
    name: str

    def transcribe(self, audio: Path, *, language: str | None = None) -> Transcript:
        """Transcribe the audio file; ``language`` is a hint ("zh", "en") or None to detect it."""
        ...
