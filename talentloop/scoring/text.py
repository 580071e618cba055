"""The text pipeline: normalisation, clause splitting and word segmentation for Chinese, English and mixed answers.

Every function keeps character offsets into the ORIGINAL answer text, so evidence found on normalised text can be
shown highlighted in what the candidate wrote.

Traditional→simplified conversion is deliberately not done here: the only dependency-free converter we know of
(`zhconv`) lives in the optional ``speech`` extra, and a score must not change with the extras installed.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

CACHE_DIRECTORY_VARIABLE = "TALENTLOOP_SCORING_CACHE_DIR"

SENTENCE_END = "。！？!?；;\n"
CLAUSE_END = SENTENCE_END + "，,、：:…"
# A clause of an unpunctuated transcript longer than this is cut at a connector, or else at this length.
MAXIMUM_CLAUSE_CHARACTERS = 40
CONNECTORS_ZH = (
    "首先",
    "其次",
    "然后",
    "接着",
    "最后",
    "但是",
    "不过",
    "所以",
    "因此",
    "因为",
    "后来",
    "同时",
    "另外",
    "而且",
    "结果",
    "最终",
)
CONNECTORS_EN = ("and then", "but", "so", "because", "first", "then", "finally", "after that", "as a result")


@dataclass(frozen=True)
class Span:
    """A piece of the original text: ``text == original[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class NormalisedText:
    """Normalised text and, for each of its characters, the index of the original character it came from."""

    original: str
    text: str
    origin: tuple[int, ...]

    def original_span(self, start: int, end: int) -> Span:
        """The original text behind ``text[start:end]`` (``end`` exclusive)."""
        if start >= end:
            return Span(start=0, end=0, text="")
        first = self.origin[start]
        last = self.origin[end - 1] + 1
        return Span(start=first, end=last, text=self.original[first:last])


def normalise(text: str) -> NormalisedText:
    """NFKC (full-width → half-width), Latin lower-cased, runs of white space collapsed to one space.

    Normalised character by character so that each output character knows its original position.
    """
    characters: list[str] = []
    origin: list[int] = []
    for index, character in enumerate(text):
        for normalised in unicodedata.normalize("NFKC", character).lower():
            if normalised.isspace():
                if not characters or characters[-1] == " ":
                    continue
                normalised = " "
            characters.append(normalised)
            origin.append(index)
    while characters and characters[-1] == " ":
        characters.pop()
        origin.pop()
    return NormalisedText(original=text, text="".join(characters), origin=tuple(origin))


def is_cjk(character: str) -> bool:
    return "\u4e00" <= character <= "\u9fff" or "\u3400" <= character <= "\u4dbf"


def content_characters(text: str) -> str:
    """Letters, digits and ideographs only: what n-gram comparisons look at."""
    return "".join(character for character in text if character.isalnum())


_CONNECTOR_PATTERN = re.compile(
    "|".join(
        [re.escape(connector) for connector in CONNECTORS_ZH]
        + [rf"\b{re.escape(connector)}\b" for connector in CONNECTORS_EN]
    )
)


def _cut_long(text: str, start: int, end: int, maximum: int) -> list[tuple[int, int]]:
    """Cut an unpunctuated stretch at connectors (kept with the clause they open), else at a space, else hard."""
    pieces: list[tuple[int, int]] = []
    cursor = start
    while end - cursor > maximum:
        window = text[cursor:end]
        cut = None
        for match in _CONNECTOR_PATTERN.finditer(window):
            if 4 <= match.start() <= maximum:
                cut = match.start()
        if cut is None:
            space = window.rfind(" ", 4, maximum + 1)
            cut = space if space > 0 else maximum
        pieces.append((cursor, cursor + cut))
        cursor += cut
    pieces.append((cursor, end))
    return pieces


def _split(text: str, stops: str, maximum: int) -> list[Span]:
    spans: list[Span] = []
    start = 0
    boundaries = [index + 1 for index, character in enumerate(text) if character in stops]
    # An English full stop ends a sentence when followed by a space or the end (not in 3.5 or e.g).
    boundaries += [match.end() for match in re.finditer(r"(?<![0-9])\.(?=\s|$)", text)]
    for boundary in [*sorted(set(boundaries)), len(text)]:
        if boundary <= start:
            continue
        for piece_start, piece_end in _cut_long(text, start, boundary, maximum):
            # Trim white space and the stop characters themselves from both ends of the span.
            while piece_start < piece_end and (text[piece_start].isspace() or text[piece_start] in stops):
                piece_start += 1
            while piece_end > piece_start and (text[piece_end - 1].isspace() or text[piece_end - 1] in stops + "."):
                piece_end -= 1
            if piece_end > piece_start:
                spans.append(Span(start=piece_start, end=piece_end, text=text[piece_start:piece_end]))
        start = boundary
    return spans


def split_sentences(text: str, *, maximum_characters: int = 120) -> list[Span]:
    """Sentences of ``text`` with their offsets; very long unpunctuated stretches are cut at connectors."""
    return _split(text, SENTENCE_END, maximum_characters)


def split_clauses(text: str, *, maximum_characters: int = MAXIMUM_CLAUSE_CHARACTERS) -> list[Span]:
    """Clauses (split at commas, enumeration commas and colons too) with their offsets.

    Speech transcripts often carry no punctuation at all: a stretch longer than ``maximum_characters`` is cut before
    a connector (然后, 所以, and then …), else at a space, else at that length.
    """
    return _split(text, CLAUSE_END, maximum_characters)


@cache
def _word_list(name: str) -> frozenset[str]:
    content = resources.files("talentloop.scoring").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in content.splitlines() if line.strip() and not line.startswith("#"))


def stop_words() -> frozenset[str]:
    """Chinese and English function words (normalised), from the package's data lists."""
    return _word_list("stopwords_zh.txt") | _word_list("stopwords_en.txt")


def filler_words() -> frozenset[str]:
    """Spoken fillers (嗯, 那个, um, you know …), from the package's data lists."""
    return _word_list("fillers_zh.txt") | _word_list("fillers_en.txt")


_segmenter: Any = None
_segmenter_lock = threading.Lock()


def cache_directory() -> str:
    """Where jieba keeps its dictionary cache: ``$TALENTLOOP_SCORING_CACHE_DIR``, else the system temp directory."""
    return os.environ.get(CACHE_DIRECTORY_VARIABLE) or tempfile.gettempdir()


def segmenter() -> Any:
    """The one jieba tokenizer of this process, initialised lazily and once, its cache file in `cache_directory()`."""
    global _segmenter
    if _segmenter is None:
        with _segmenter_lock:
            if _segmenter is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                directory = cache_directory()
                os.makedirs(directory, exist_ok=True)
                tokenizer.tmp_dir = directory
                tokenizer.cache_file = "talentloop-jieba.cache"
                tokenizer.initialize()
                _segmenter = tokenizer
    return _segmenter


@dataclass(frozen=True)
class Token:
    """A word of normalised text with its offsets in that normalised text."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Words of (already normalised) text by jieba, white space dropped, offsets kept."""
    return [
        Token(text=word, start=start, end=end)
        for word, start, end in segmenter().tokenize(text)
        if word.strip() and any(character.isalnum() for character in word)
    ]


def content_tokens(text: str) -> list[Token]:
    """`tokenize` without stop words and fillers."""
    ignored = stop_words() | filler_words()
    return [token for token in tokenize(text) if token.text not in ignored]
