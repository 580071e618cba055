"""Stand-ins for the speech extra, so the engine's own logic is tested where faster-whisper is not installed."""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from talentloop.speech import registry
from talentloop.speech.engines import faster_whisper as engine_module


@dataclass
class FakeWord:
    word: str
    start: float
    end: float


@dataclass
class FakeSegment:
    words: list[FakeWord]


@dataclass
class FakeWhisper:
    """What the fake faster-whisper is asked to do, and what it answers."""

    words: list[FakeWord] = field(default_factory=list)
    language: str = "en"
    duration: float = 2.0
    is_multilingual: bool = True
    failure: Exception | None = None
    loads: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


@pytest.fixture
def fake_whisper(monkeypatch: pytest.MonkeyPatch) -> FakeWhisper:
    """Replaces the ``faster_whisper`` package (and its version) for the duration of a test."""
    fake = FakeWhisper()

    class WhisperModel:
        def __init__(self, path: str, **options: Any) -> None:
            fake.loads.append((path, options))
            self.model = types.SimpleNamespace(is_multilingual=fake.is_multilingual)

        def transcribe(self, audio: str, **options: Any) -> tuple[Iterator[FakeSegment], Any]:
            fake.calls.append((audio, options))

            def segments() -> Iterator[FakeSegment]:
                if fake.failure is not None:
                    raise fake.failure
                yield FakeSegment(words=list(fake.words))

            language = options.get("language") or fake.language
            return segments(), types.SimpleNamespace(language=language, duration=fake.duration)

    module = types.ModuleType("faster_whisper")
    module.WhisperModel = WhisperModel  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "faster_whisper", module)
    monkeypatch.setattr(engine_module, "faster_whisper_version", lambda: "9.9.9")
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    return fake


@pytest.fixture
def model_directory(tmp_path: Path) -> Path:
    """An operator's model directory holding small stand-in files."""
    directory = tmp_path / "operator-model"
    directory.mkdir()
    for name, content in {"model.bin": b"weights", "config.json": b"{}", "tokenizer.json": b"{}"}.items():
        (directory / name).write_bytes(content)
    return directory


@pytest.fixture
def fresh_registry() -> Iterator[Callable[[], None]]:
    """The registry keeps one engine per process; tests that change the settings start and end with none."""
    registry._engine.cache_clear()
    yield registry._engine.cache_clear
    registry._engine.cache_clear()
