"""Recognising audio uploads by their content, not by what the browser claims."""

from __future__ import annotations

import io
import wave

# (container, magic test) — checked against the first bytes of the upload.
_SIGNATURES: list[tuple[str, str]] = [
    ("webm", "1a45dfa3"),
    ("ogg", "4f676753"),
    ("wav", "52494646"),
    ("mp3", "494433"),
    ("mp3", "fffb"),
    ("mp3", "fff3"),
    ("flac", "664c6143"),
]
ALLOWED_CONTENT_TYPES = {
    "audio/webm", "audio/ogg", "audio/wav", "audio/x-wav", "audio/wave", "audio/mpeg", "audio/mp4",
    "audio/x-m4a", "audio/aac", "audio/flac", "video/webm", "application/octet-stream",
}  # fmt: skip


def audio_container(head: bytes) -> str | None:
    """The container format of an upload from its first bytes, or None when it is not audio we accept."""
    hexed = head[:16].hex()
    for name, magic in _SIGNATURES:
        if hexed.startswith(magic):
            if name == "wav" and head[8:12] != b"WAVE":
                return None
            return name
    if head[4:8] == b"ftyp":  # MP4/M4A (Safari's MediaRecorder)
        return "mp4"
    return None


def wav_duration_seconds(content: bytes) -> float | None:
    try:
        with wave.open(io.BytesIO(content)) as reader:
            frames, rate = reader.getnframes(), reader.getframerate()
    except (wave.Error, EOFError):
        return None
    return round(frames / rate, 3) if rate else None
