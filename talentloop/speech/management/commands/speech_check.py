"""``talentloop manage speech_check [AUDIO]``: does speech to text work on this installation?"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from talentloop.speech.engines.base import SpeechEngineError, SpeechEngineUnavailable
from talentloop.speech.engines.faster_whisper import FasterWhisperEngine
from talentloop.speech.registry import speech_engine_get


class Command(BaseCommand):
    help = (
        "Load the configured speech engine, show its model directory and checksum status, and optionally "
        "transcribe an audio file."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("audio", nargs="?", help="an audio file to transcribe (WAV, WebM, Ogg, MP3, MP4, FLAC)")
        parser.add_argument("--language", default=None, help='a language hint ("zh" or "en"); detected when omitted')

    def handle(self, *args: Any, **options: Any) -> None:
        audio = Path(options["audio"]) if options["audio"] else None
        if audio is not None and not audio.is_file():
            raise CommandError(f"{audio} is not a file.")
        try:
            engine = speech_engine_get()
        except SpeechEngineUnavailable as error:
            raise CommandError(str(error)) from error
        if engine is None:
            raise CommandError("No speech engine is configured (SPEECH_ENGINE is empty): candidates type answers.")
        self.stdout.write(f"engine: {engine.name}")
        if isinstance(engine, FasterWhisperEngine):
            started = time.perf_counter()
            try:
                resolved = engine.model_resolve()
            except SpeechEngineUnavailable as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"model: {resolved.path} (ready in {time.perf_counter() - started:.1f} s)")
            self.stdout.write(resolved.sha256_status)
        self.stdout.write(f"data directory: {settings.DATA_DIR}")
        if audio is None:
            self.stdout.write(self.style.SUCCESS("The speech engine is set up. Pass an audio file to transcribe it."))
            return
        started = time.perf_counter()
        try:
            transcript = engine.transcribe(audio, language=options["language"])
        except (SpeechEngineError, SpeechEngineUnavailable) as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"language: {transcript.language}; audio: {transcript.duration_seconds:.1f} s; "
            f"words: {len(transcript.words)}; transcribed in {elapsed:.1f} s (including loading the model)"
        )
        self.stdout.write(transcript.text)
        self.stdout.write(self.style.SUCCESS("The speech engine transcribed the file."))
