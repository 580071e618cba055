"""Compile the translation catalogues with polib, so neither installing nor running TalentLoop needs GNU gettext.

    python -m talentloop.cli.catalogues compile   # every locale/*/LC_MESSAGES/*.po -> .mo next to it
    python -m talentloop.cli.catalogues check     # exit 1 when a .mo is missing or differs from its .po

The compiled .mo files are committed. ``check`` compares what the catalogues *say* (every message and the
header), not file times or bytes, so a checkout, or a .mo compiled by GNU msgfmt, is judged by its content.
Refreshing the .po files from the code (``make messages``) is the one step that needs gettext.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

# One message as gettext sees it: (context, singular, plural) -> translations in plural-index order.
MessageKey = tuple[str | None, str, str | None]
Messages = dict[MessageKey, tuple[str, ...]]


def po_files(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Every catalogue source: ``<locale_dir>/<language>/LC_MESSAGES/<domain>.po``."""
    return sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))


def compile_catalogue(po_path: Path) -> bytes:
    """The .mo bytes for ``po_path``: translated entries only (fuzzy and untranslated ones are left out).

    Like GNU msgfmt, the header leaves out POT-Creation-Date, which every ``makemessages`` run changes, so a
    refresh that changes no message changes no .mo.
    """
    catalogue = polib.pofile(str(po_path))
    catalogue.metadata.pop("POT-Creation-Date", None)
    return bytes(catalogue.to_binary())


def _messages(entries: Iterable[Any], metadata: dict[str, str]) -> Messages:
    messages: Messages = {(None, "", None): tuple(f"{name}: {value}" for name, value in sorted(metadata.items()))}
    for entry in entries:
        key = (entry.msgctxt or None, entry.msgid, entry.msgid_plural or None)
        if entry.msgid_plural:
            messages[key] = tuple(text for _index, text in sorted(entry.msgstr_plural.items()))
        else:
            messages[key] = (entry.msgstr,)
    return messages


def mo_messages(data: bytes) -> Messages:
    """The messages a compiled catalogue holds."""
    mo = polib.mofile(data)
    return _messages(mo, dict(mo.metadata))


def po_messages(po_path: Path) -> Messages:
    """The messages ``po_path`` compiles to (compiled in memory, so this is what a fresh .mo would hold)."""
    return mo_messages(compile_catalogue(po_path))


def stale_catalogues(locale_dir: Path = LOCALE_DIR) -> list[tuple[Path, str]]:
    """Each .po whose .mo is missing, unreadable or says something else, with the reason."""
    stale: list[tuple[Path, str]] = []
    for po_path in po_files(locale_dir):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists():
            stale.append((po_path, "no compiled .mo"))
            continue
        try:
            compiled = mo_messages(mo_path.read_bytes())
        except (OSError, ValueError) as error:
            stale.append((po_path, f"unreadable .mo ({error})"))
            continue
        expected = po_messages(po_path)
        if compiled != expected:
            differing = len(set(compiled.items()) ^ set(expected.items()))
            stale.append((po_path, f".mo differs from .po ({differing} differing messages)"))
    return stale


def compile_all(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Write the .mo of every .po whose compiled bytes changed; returns the .mo files written."""
    written: list[Path] = []
    for po_path in po_files(locale_dir):
        mo_path = po_path.with_suffix(".mo")
        data = compile_catalogue(po_path)
        if mo_path.exists() and mo_path.read_bytes() == data:
            continue
        mo_path.write_bytes(data)
        written.append(mo_path)
    return written


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m talentloop.cli.catalogues", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["compile", "check"])
    parser.add_argument("--locale-dir", type=Path, default=LOCALE_DIR, help="default: %(default)s")
    options = parser.parse_args(argv)
    sources = po_files(options.locale_dir)
    if not sources:
        print(f"No catalogues (*/LC_MESSAGES/*.po) under {options.locale_dir}.", file=sys.stderr)
        return 1
    if options.command == "compile":
        written = compile_all(options.locale_dir)
        for mo_path in written:
            print(f"compiled {_relative(mo_path)}")
        print(f"{len(sources)} catalogues, {len(written)} recompiled, {len(sources) - len(written)} already current.")
        return 0
    stale = stale_catalogues(options.locale_dir)
    for po_path, reason in stale:
        print(f"{_relative(po_path)}: {reason}", file=sys.stderr)
    if stale:
        print("Run: python -m talentloop.cli.catalogues compile", file=sys.stderr)
        return 1
    print(f"{len(sources)} catalogues, every .mo matches its .po.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
