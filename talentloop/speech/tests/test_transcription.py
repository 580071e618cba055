"""Real speech through the real engine: espeak-ng says a sentence, faster-whisper writes it down.

Needs the speech extra (pip install 'talentloop[speech]') and Debian's espeak-ng; skipped without them unless
TALENTLOOP_SPEECH_TESTS=required, when their absence fails the run instead.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import wave
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import pytest

from talentloop.speech.engines.base import Transcript
from talentloop.speech.engines.faster_whisper import FasterWhisperEngine, to_simplified
from talentloop.speech.engines.whisper_models import PACKAGED_MODELS, file_sha256, packaged_model_resolve

pytestmark = pytest.mark.speech

ENGLISH = "Thank you for the interview. I have five years of experience working with customers and teams."
ENGLISH_WORDS = {"thank", "interview", "five", "years", "experience", "working", "customers", "teams"}
# espeak-ng's Mandarin is robotic; the digits one to nine are the words Whisper base still gets reliably.
CHINESE_PINYIN = "yi1, er4, san1, si4, wu3, liu4, qi1, ba1, jiu3."
CHINESE_DIGITS = set("一二三四五六七八九")
# Word timings come in 20 ms steps and the last one may run a frame past the padded end.
TIMING_SLACK_SECONDS = 0.1
MODEL_PACKAGES = {part.split(":")[0] for spec in PACKAGED_MODELS.values() for file in spec.files for part in file.parts}
SPEECH_PACKAGES = {"faster_whisper", "zhconv", *MODEL_PACKAGES}
Say = Callable[[str, str], Path]


def _unless_required(reason: str) -> NoReturn:
    if os.environ.get("TALENTLOOP_SPEECH_TESTS") == "required":
        pytest.fail(f"{reason} (TALENTLOOP_SPEECH_TESTS=required)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def speech_extra() -> None:
    missing = sorted(name for name in SPEECH_PACKAGES if importlib.util.find_spec(name) is None)
    if missing:
        _unless_required(f"the speech extra is not installed ({', '.join(missing)}): pip install 'talentloop[speech]'")


@pytest.fixture(scope="module")
def espeak() -> str:
    path = shutil.which("espeak-ng")
    if path is None:
        _unless_required("espeak-ng is not installed: apt-get install espeak-ng")
    return path


@pytest.fixture(scope="module")
def say(espeak: str, tmp_path_factory: pytest.TempPathFactory) -> Say:
    directory = tmp_path_factory.mktemp("speech")

    def say(text: str, voice: str) -> Path:
        audio = directory / f"{voice}-{len(list(directory.iterdir()))}.wav"
        subprocess.run([espeak, "-v", voice, "-w", str(audio), text], check=True, capture_output=True, timeout=60)
        return audio

    return say


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("data")


@pytest.fixture(scope="module")
def base_engine(speech_extra: None, data_dir: Path) -> FasterWhisperEngine:
    return FasterWhisperEngine(model="base", data_dir=data_dir)


@pytest.fixture(scope="module")
def tiny_engine(speech_extra: None, data_dir: Path) -> FasterWhisperEngine:
    return FasterWhisperEngine(model="tiny.en", data_dir=data_dir)


def wav_seconds(audio: Path) -> float:
    with wave.open(str(audio)) as reader:
        return reader.getnframes() / reader.getframerate()


def assert_timings(transcript: Transcript) -> None:
    starts = [w.start for w in transcript.words]
    assert starts == sorted(starts)
    assert all(0.0 <= w.start <= w.end <= transcript.duration_seconds + TIMING_SLACK_SECONDS for w in transcript.words)
    assert transcript.words[-1].end > transcript.words[0].start


# Whisper writes a spoken number either way ("five" or "5"), depending on the build of its decoder; both are right.
NUMBER_WORDS = {"5": "five"}


def latin_words(text: str) -> set[str]:
    return {NUMBER_WORDS.get(word, word) for word in re.findall(r"[a-z]+|[0-9]+", text.lower())}


def test_the_packaged_models_match_their_pins(speech_extra: None, data_dir: Path) -> None:
    for spec in PACKAGED_MODELS.values():
        resolved = packaged_model_resolve(spec=spec, data_dir=data_dir)
        assert file_sha256(resolved.path / "model.bin") == spec.model_bin.sha256
    assert (data_dir / "models" / "faster-whisper-base-d01c3014881c" / "model.bin").stat().st_size == 145_217_532


@pytest.mark.parametrize("engine_fixture", ["base_engine", "tiny_engine"])
def test_english_speech(engine_fixture: str, request: pytest.FixtureRequest, say: Say) -> None:
    # given
    engine: FasterWhisperEngine = request.getfixturevalue(engine_fixture)
    audio = say(ENGLISH, "en-us")
    # when
    transcript = engine.transcribe(audio, language="en")
    # then
    assert latin_words(transcript.text) >= ENGLISH_WORDS, transcript.text
    assert transcript.language == "en"
    assert transcript.duration_seconds == pytest.approx(wav_seconds(audio), abs=0.01)
    assert transcript.engine == f"faster_whisper/{engine.model}@1.2.1"
    assert len(transcript.words) >= len(ENGLISH_WORDS)
    assert latin_words(" ".join(w.text for w in transcript.words)) == latin_words(transcript.text)
    assert_timings(transcript)


def test_chinese_speech(base_engine: FasterWhisperEngine, say: Say) -> None:
    # given
    audio = say(CHINESE_PINYIN, "cmn-latn-pinyin")
    # when
    transcript = base_engine.transcribe(audio, language="zh")
    # then at least six of the nine digits were heard, written as one run of characters
    assert len(CHINESE_DIGITS & set(transcript.text)) >= 6, transcript.text
    assert " " not in transcript.text
    assert transcript.text == "".join(w.text for w in transcript.words)
    assert transcript.language == "zh"
    assert transcript.duration_seconds == pytest.approx(wav_seconds(audio), abs=0.01)
    assert_timings(transcript)


def test_traditional_characters_are_written_simplified(speech_extra: None) -> None:
    assert [to_simplified(word) for word in ["我們", "從", "愛", "見面", "頭髮", "你好"]] == [
        "我们",
        "从",
        "爱",
        "见面",
        "头发",
        "你好",
    ]
