"""``talentloop manage speech_check``: what an operator sees."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from talentloop.speech.tests.conftest import FakeWhisper, FakeWord


def run(*arguments: str) -> str:
    output = StringIO()
    call_command("speech_check", *arguments, stdout=output)
    return output.getvalue()


def test_without_an_engine_it_says_candidates_type(settings: Any, fresh_registry: Callable[[], None]) -> None:
    settings.SPEECH_ENGINE = ""
    with pytest.raises(CommandError) as error:
        run()
    assert str(error.value) == "No speech engine is configured (SPEECH_ENGINE is empty): candidates type answers."


def test_it_shows_the_model_and_its_checksum_status(
    settings: Any, fresh_registry: Callable[[], None], fake_whisper: FakeWhisper, model_directory: Path
) -> None:
    settings.SPEECH_ENGINE = "faster_whisper"
    settings.SPEECH_MODEL = "small"
    settings.SPEECH_MODEL_DIR = str(model_directory)
    lines = run().splitlines()
    assert lines[0] == "engine: faster_whisper/small@9.9.9"
    assert lines[1].startswith(f"model: {model_directory} (ready in ")
    assert lines[2].endswith("(not pinned: operator-supplied directory)")
    assert lines[-1] == "The speech engine is set up. Pass an audio file to transcribe it."
    assert fake_whisper.loads == []  # checking the set-up does not load the model


def test_it_transcribes_a_file(
    settings: Any,
    fresh_registry: Callable[[], None],
    fake_whisper: FakeWhisper,
    model_directory: Path,
    tmp_path: Path,
) -> None:
    settings.SPEECH_ENGINE = "faster_whisper"
    settings.SPEECH_MODEL_DIR = str(model_directory)
    fake_whisper.words = [FakeWord(" Hello", 0.0, 0.4), FakeWord(" there.", 0.4, 0.9)]
    audio = tmp_path / "hello.wav"
    audio.write_bytes(b"RIFF")
    lines = run(str(audio), "--language", "en").splitlines()
    assert lines[-3].startswith("language: en; audio: 2.0 s; words: 2; transcribed in ")
    assert lines[-2:] == ["Hello there.", "The speech engine transcribed the file."]
    assert fake_whisper.calls[0][0] == str(audio)


def test_a_missing_model_is_reported(
    settings: Any, fresh_registry: Callable[[], None], fake_whisper: FakeWhisper, tmp_path: Path
) -> None:
    settings.SPEECH_ENGINE = "faster_whisper"
    settings.SPEECH_MODEL_DIR = str(tmp_path / "nowhere")
    with pytest.raises(CommandError) as error:
        run()
    assert str(error.value) == (
        f"SPEECH_MODEL_DIR={tmp_path / 'nowhere'} is not a CTranslate2 Whisper model directory "
        "(missing: the directory itself)."
    )


def test_a_missing_audio_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as error:
        run(str(tmp_path / "missing.wav"))
    assert str(error.value) == f"{tmp_path / 'missing.wav'} is not a file."
