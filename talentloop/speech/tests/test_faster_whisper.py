"""The faster-whisper engine's own logic, with a stand-in for faster-whisper (the real one: test_transcription)."""

from __future__ import annotations

import os
from importlib import metadata
from pathlib import Path

import pytest

from talentloop.speech.engines import faster_whisper as engine_module
from talentloop.speech.engines.base import SpeechEngineError, SpeechEngineUnavailable, Transcript, Word
from talentloop.speech.engines.faster_whisper import FasterWhisperEngine, join_words
from talentloop.speech.tests.conftest import FakeWhisper, FakeWord


def test_an_english_transcript_keeps_whisper_words_and_timings(
    fake_whisper: FakeWhisper, model_directory: Path
) -> None:
    # given
    fake_whisper.words = [FakeWord(" Thank", 0.0, 0.3), FakeWord(" you", 0.3, 0.5), FakeWord(" very", 0.5, 0.8)]
    fake_whisper.duration = 1.23456
    engine = FasterWhisperEngine(model="base", model_dir=str(model_directory))
    # when
    transcript = engine.transcribe(Path("recordings/answer.webm"), language="en")
    # then
    assert transcript == Transcript(
        text="Thank you very",
        language="en",
        duration_seconds=1.235,
        engine="faster_whisper/base@9.9.9",
        words=[Word("Thank", 0.0, 0.3), Word("you", 0.3, 0.5), Word("very", 0.5, 0.8)],
    )
    assert fake_whisper.loads == [(str(model_directory), {"device": "cpu", "compute_type": "int8"})]
    assert fake_whisper.calls == [
        ("recordings/answer.webm", {"language": "en", "word_timestamps": True, "vad_filter": False}),
    ]
    assert os.environ["HF_HUB_OFFLINE"] == "1"


def test_chinese_is_joined_without_spaces(fake_whisper: FakeWhisper, model_directory: Path) -> None:
    # given Whisper's words for "我用 Python 写过接口。" (English words carry a leading space)
    fake_whisper.words = [
        FakeWord("我", 0.0, 0.2),
        FakeWord("用", 0.2, 0.4),
        FakeWord(" Python", 0.4, 0.9),
        FakeWord(" and", 0.9, 1.1),
        FakeWord(" SQL", 1.1, 1.5),
        FakeWord("写过", 1.5, 1.9),
        FakeWord("接口。", 1.9, 2.4),
    ]
    engine = FasterWhisperEngine(model="base", model_dir=str(model_directory))
    # when the hint is the interview's language code
    transcript = engine.transcribe(Path("answer.wav"), language="zh-hans")
    # then
    assert transcript.text == "我用Python and SQL写过接口。"
    assert transcript.language == "zh"
    assert [w.text for w in transcript.words] == ["我", "用", "Python", "and", "SQL", "写过", "接口。"]
    assert fake_whisper.calls[0][1]["language"] == "zh"


def test_without_a_hint_whisper_detects_the_language(fake_whisper: FakeWhisper, model_directory: Path) -> None:
    fake_whisper.language = "zh"
    fake_whisper.words = [FakeWord("你好", 0.0, 0.5)]
    transcript = FasterWhisperEngine(model_dir=str(model_directory)).transcribe(Path("a.ogg"))
    assert (transcript.text, transcript.language) == ("你好", "zh")
    assert fake_whisper.calls[0][1]["language"] is None


def test_the_model_is_loaded_once(fake_whisper: FakeWhisper, model_directory: Path) -> None:
    engine = FasterWhisperEngine(model_dir=str(model_directory))
    engine.transcribe(Path("one.wav"), language="en")
    engine.transcribe(Path("two.wav"), language="en")
    assert len(fake_whisper.loads) == 1
    assert [audio for audio, _options in fake_whisper.calls] == ["one.wav", "two.wav"]


def test_an_unreadable_recording_is_a_speech_engine_error(fake_whisper: FakeWhisper, model_directory: Path) -> None:
    # given audio FFmpeg cannot read (PyAV raises while the segments are decoded)
    fake_whisper.failure = ValueError("[Errno 1094995529] Invalid data found when processing input")
    engine = FasterWhisperEngine(model_dir=str(model_directory))
    # when
    with pytest.raises(SpeechEngineError) as error:
        engine.transcribe(Path("recordings/broken.webm"), language="en")
    # then
    assert str(error.value) == (
        "Could not transcribe broken.webm: ValueError: [Errno 1094995529] Invalid data found when processing input"
    )


def test_an_english_only_model_refuses_a_chinese_recording(fake_whisper: FakeWhisper, model_directory: Path) -> None:
    fake_whisper.is_multilingual = False
    engine = FasterWhisperEngine(model="tiny.en", model_dir=str(model_directory))
    with pytest.raises(SpeechEngineUnavailable) as error:
        engine.transcribe(Path("answer.wav"), language="zh")
    assert str(error.value) == (
        "The Whisper model 'tiny.en' only understands English, and this recording is in 'zh': set SPEECH_MODEL=base."
    )
    assert fake_whisper.calls == []


def test_without_faster_whisper_the_engine_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    def not_installed(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(engine_module.metadata, "version", not_installed)
    with pytest.raises(SpeechEngineUnavailable) as error:
        FasterWhisperEngine(model="base")
    assert str(error.value) == (
        "faster-whisper is not installed. Install the speech extra: pip install 'talentloop[speech]'."
    )


def test_an_unknown_model_is_refused_when_the_engine_is_made(fake_whisper: FakeWhisper) -> None:
    with pytest.raises(SpeechEngineUnavailable) as error:
        FasterWhisperEngine(model="large-v3")
    assert str(error.value).startswith("No packaged Whisper model is called 'large-v3'")
    assert fake_whisper.loads == []


def test_a_missing_model_directory_is_unavailable(fake_whisper: FakeWhisper, tmp_path: Path) -> None:
    engine = FasterWhisperEngine(model_dir=str(tmp_path / "nowhere"))
    with pytest.raises(SpeechEngineUnavailable) as error:
        engine.transcribe(Path("a.wav"), language="en")
    assert "is not a CTranslate2 Whisper model directory" in str(error.value)
    assert fake_whisper.loads == []


@pytest.mark.parametrize(
    ("words", "language", "text"),
    [
        ([" Hello", " world."], "en", "Hello world."),
        ([], "en", ""),
        ([" 你好", "，", "世界"], "zh", "你好，世界"),
        (["做过", " 3", " 个", "项目"], "zh", "做过3个项目"),
        (["A", " B"], "zh", "A B"),
    ],
)
def test_join_words(words: list[str], language: str, text: str) -> None:
    assert join_words(words, language) == text
