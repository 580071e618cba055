"""The translation catalogues: complete in both languages, compiled, current with the code, and actually used."""

from __future__ import annotations

import re
import shutil
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.utils import translation

from talentloop.cli import catalogues
from talentloop.core.models import AuditEvent
from talentloop.core.templatetags.durations import in_minutes

PACKAGE_DIR = Path(catalogues.__file__).resolve().parent.parent
LOCALE_DIR = PACKAGE_DIR / "locale"
LANGUAGES = ["zh_Hans", "en"]
PLURAL_FORMS = {"zh_Hans": "nplurals=1; plural=0;", "en": "nplurals=2; plural=(n != 1);"}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\w*\}")
GETTEXT_TOOLS = ("xgettext", "msguniq", "msgmerge")

MessageKey = tuple[str | None, str, str | None]


def _po(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


def _keys(catalogue: polib.POFile) -> set[MessageKey]:
    return {
        (entry.msgctxt or None, entry.msgid, entry.msgid_plural or None) for entry in catalogue if not entry.obsolete
    }


def _translations(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


# --- (a) complete catalogues ----------------------------------------------------------------------------------


def test_locale_dir_is_the_configured_one() -> None:
    assert [Path(path).resolve() for path in settings.LOCALE_PATHS] == [LOCALE_DIR]
    assert sorted(path.parent.parent.name for path in catalogues.po_files()) == sorted(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_no_untranslated_or_fuzzy_entries(language: str) -> None:
    catalogue = _po(language)
    assert len(catalogue) > 100
    assert not catalogue.metadata_is_fuzzy, "the header is marked fuzzy"
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.obsolete_entries()] == []
    for entry in catalogue:
        assert all(text.strip() for text in _translations(entry)), f"empty translation of {entry.msgid!r}"
    assert catalogue.percent_translated() == 100


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_headers(language: str) -> None:
    metadata = _po(language).metadata
    assert metadata["Language"] == language
    assert metadata["Plural-Forms"] == PLURAL_FORMS[language]
    assert metadata["Content-Type"] == "text/plain; charset=UTF-8"


def test_chinese_plurals_have_exactly_one_form() -> None:
    plurals = [entry for entry in _po("zh_Hans") if entry.msgid_plural]
    assert plurals, "the templates use {% blocktranslate count %}, so there are plural entries"
    for entry in plurals:
        assert list(entry.msgstr_plural) == [0], entry.msgid


def test_english_catalogue_is_literally_the_source_text() -> None:
    for entry in _po("en"):
        if entry.msgid_plural:
            assert entry.msgstr_plural == {0: entry.msgid, 1: entry.msgid_plural}
        else:
            assert entry.msgstr == entry.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder(language: str) -> None:
    for entry in _po(language):
        expected = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        for text in _translations(entry):
            assert sorted(PLACEHOLDER.findall(text)) == expected, f"{entry.msgid!r} -> {text!r}"


LATIN_IN_CHINESE = {"AI", "API", "HR", "REST API", "SHA-256"}


def test_chinese_catalogue_is_actually_chinese() -> None:
    # Brand names, acronyms and placeholders may stay Latin; everything else is translated.
    untranslated = [
        entry.msgid
        for entry in _po("zh_Hans")
        if entry.msgstr and entry.msgstr == entry.msgid and entry.msgid not in LATIN_IN_CHINESE
    ]
    assert untranslated == []


# --- (b) the committed .mo files are compiled from the committed .po files ------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_mo_matches_po(language: str) -> None:
    po_path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), "compile with: python -m talentloop.cli.catalogues compile"

    in_memory = polib.mofile(polib.pofile(str(po_path)).to_binary())
    committed = polib.mofile(str(mo_path))

    def message_set(catalogue: polib.MOFile) -> set[tuple[MessageKey, tuple[str, ...]]]:
        return {
            (
                (entry.msgctxt or None, entry.msgid, entry.msgid_plural or None),
                tuple(text for _index, text in sorted(entry.msgstr_plural.items())) or (entry.msgstr,),
            )
            for entry in catalogue
        }

    assert message_set(committed) == message_set(in_memory)
    assert len(message_set(committed)) == len(_po(language))
    assert catalogues.mo_messages(mo_path.read_bytes()) == catalogues.po_messages(po_path)


def test_catalogues_check_passes_on_the_repository() -> None:
    assert catalogues.stale_catalogues() == []
    assert catalogues.main(["check"]) == 0


def test_catalogues_compile_and_check(tmp_path: Path) -> None:
    messages_dir = tmp_path / "xx" / "LC_MESSAGES"
    messages_dir.mkdir(parents=True)
    po_path = messages_dir / "django.po"
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "xx"}
    catalogue.append(polib.POEntry(msgid="Hello", msgstr="Hallo"))
    catalogue.save(str(po_path))

    assert catalogues.main(["check", "--locale-dir", str(tmp_path)]) == 1  # no .mo yet
    assert catalogues.main(["compile", "--locale-dir", str(tmp_path)]) == 0
    assert catalogues.main(["check", "--locale-dir", str(tmp_path)]) == 0
    assert catalogues.compile_all(tmp_path) == []  # nothing to rewrite

    catalogue.append(polib.POEntry(msgid="Bye", msgstr="Tschüss"))
    catalogue.save(str(po_path))
    assert [path for path, _reason in catalogues.stale_catalogues(tmp_path)] == [po_path]
    assert catalogues.compile_all(tmp_path) == [po_path.with_suffix(".mo")]
    assert {entry.msgid: entry.msgstr for entry in polib.mofile(str(po_path.with_suffix(".mo")))} == {
        "Hello": "Hallo",
        "Bye": "Tschüss",
    }
    assert catalogues.main(["check", "--locale-dir", str(tmp_path / "nothing-here")]) == 1


# --- (c) the catalogues are current with the code --------------------------------------------------------------


@pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in GETTEXT_TOOLS),
    reason="GNU gettext (xgettext, msguniq, msgmerge) is not installed, so the catalogues cannot be re-extracted",
)
def test_catalogues_contain_every_message_of_the_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Extract from a copy of the package, so makemessages writes nothing (not even its temporary files) into the
    # source tree, exactly as `make messages` would run it.
    source = tmp_path / "talentloop"
    shutil.copytree(PACKAGE_DIR, source, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo", "static"))
    locale_copy = source / "locale"
    monkeypatch.chdir(source)
    with override_settings(LOCALE_PATHS=[locale_copy]):
        call_command(
            "makemessages",
            locale=LANGUAGES,
            no_obsolete=True,
            no_location=True,
            ignore_patterns=["tests/*", "*/tests/*"],
            verbosity=0,
        )
    for language in LANGUAGES:
        extracted = _keys(polib.pofile(str(locale_copy / language / "LC_MESSAGES" / "django.po")))
        committed = _keys(_po(language))
        missing = sorted(extracted - committed, key=str)
        stale = sorted(committed - extracted, key=str)
        hint = "refresh with `make messages`, translate, then `python -m talentloop.cli.catalogues compile`"
        assert missing == [], f"{language}: messages in the code but not in the catalogue ({hint})"
        assert stale == [], f"{language}: messages in the catalogue but no longer in the code ({hint})"


# --- (d) the catalogues are used -----------------------------------------------------------------------------


class _VisibleText(HTMLParser):
    """Text a person sees or hears on a page: text nodes and the labelling attributes, except in another language.

    Parts marked with another ``lang`` (the language switcher's "English") are left out.
    """

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    HIDDEN = {"script", "style"}
    LABELS = ("placeholder", "aria-label", "title", "alt")

    def __init__(self, page_language: str) -> None:
        super().__init__()
        self.page_language = page_language
        self.stack: list[tuple[str, str | None, bool]] = []  # (tag, lang, hidden)
        self.parts: list[str] = []

    def _skipped(self, lang: str | None = None, hidden: bool = False) -> bool:
        languages = [entry[1] for entry in self.stack if entry[1]] + ([lang] if lang else [])
        current = languages[-1] if languages else self.page_language
        return hidden or any(entry[2] for entry in self.stack) or current != self.page_language

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        lang, hidden = attributes.get("lang"), tag in self.HIDDEN
        if not self._skipped(lang, hidden):
            self.parts += [value for name, value in attrs if name in self.LABELS and value]
        if tag not in self.VOID:
            self.stack.append((tag, lang, hidden))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data: str) -> None:
        if data.strip() and not self._skipped():
            self.parts.append(data.strip())


def _visible_text(html: str, language: str) -> list[str]:
    parser = _VisibleText(language)
    parser.feed(html)
    return parser.parts


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("headers", "cookies"),
    [
        ({"Accept-Language": "zh-CN,zh;q=0.9"}, {}),
        ({"Accept-Language": "en-US,en;q=0.9"}, {settings.LANGUAGE_COOKIE_NAME: "zh-hans"}),
        ({}, {}),  # LANGUAGE_CODE: Simplified Chinese first
    ],
    ids=["accept-language", "cookie-beats-header", "default"],
)
def test_login_page_in_chinese(headers: dict[str, str], cookies: dict[str, str]) -> None:
    client = Client()
    client.cookies.load(cookies)
    response = client.get("/accounts/login/", headers=headers)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert "<title>登录 · TalentLoop</title>" in html
    assert "<h1>登录 TalentLoop</h1>" in html
    assert '<label for="id_username">用户名</label>' in html
    assert '<label for="id_password">密码</label>' in html
    assert '<button type="submit" class="primary">登录</button>' in html
    assert ">忘记密码？</a>" in html
    assert ">跳到主要内容</a>" in html

    visible = _visible_text(html, "zh-hans")
    assert "登录" in visible
    leaks = [part for part in visible if re.search(r"[A-Za-z]", part.replace("TalentLoop", ""))]
    assert leaks == [], f"English UI text on the Chinese login page: {leaks}"
    for english in ("Sign in", "Username", "Password", "Forgot your password?", "Skip to content"):
        assert english not in visible


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("headers", "cookies"),
    [
        ({"Accept-Language": "en-US,en;q=0.9"}, {}),
        ({"Accept-Language": "zh-CN,zh;q=0.9"}, {settings.LANGUAGE_COOKIE_NAME: "en"}),
    ],
    ids=["accept-language", "cookie-beats-header"],
)
def test_login_page_in_english(headers: dict[str, str], cookies: dict[str, str]) -> None:
    client = Client()
    client.cookies.load(cookies)
    response = client.get("/accounts/login/", headers=headers)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "<title>Sign in · TalentLoop</title>" in html
    assert "<h1>Sign in to TalentLoop</h1>" in html
    assert '<label for="id_username">Username</label>' in html
    assert '<label for="id_password">Password</label>' in html
    assert '<button type="submit" class="primary">Sign in</button>' in html
    assert ">Forgot your password?</a>" in html
    visible = _visible_text(html, "en")
    assert not [part for part in visible if re.search(r"[\u4e00-\u9fff]", part)], "Chinese text on the English page"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "zh-hans",
            ["工作台", "候选人", "审计日志", "用人经理", "面试官", "HR 管理员", "退出登录", "组织架构", "工号"],
        ),
        (
            "en",
            [
                "Dashboard",
                "Candidates",
                "Audit log",
                "Hiring manager",
                "Interviewer",
                "HR admin",
                "Sign out",
                "Organisation",
                "Employee number",
            ],
        ),
    ],
)
def test_catalogue_is_loaded_by_django(language: str, expected: list[str]) -> None:
    source = [
        "Dashboard",
        "Candidates",
        "Audit log",
        "Hiring manager",
        "Interviewer",
        "HR admin",
        "Sign out",
        "Organisation",
        "Employee number",
    ]
    with translation.override(language):
        assert [translation.gettext(text) for text in source] == expected
        assert translation.ngettext("%(counter)s employee", "%(counter)s employees", 3) % {"counter": 3} == (
            "3 名员工" if language == "zh-hans" else "3 employees"
        )
        assert translation.pgettext("date range", "From") == ("起始日期" if language == "zh-hans" else "From")


# --- the strings this audit made translatable -----------------------------------------------------------------


def test_in_minutes_rounds_up() -> None:
    assert in_minutes(timedelta(minutes=30)) == 30
    assert in_minutes(timedelta(seconds=61)) == 2
    assert in_minutes(timedelta(seconds=1)) == 1
    assert in_minutes(None) == 0


@pytest.mark.parametrize(
    ("language", "minutes", "expected"),
    [
        ("zh-hans", 30, "请在 30 分钟后重试"),
        ("en", 30, "Try again in 30 minutes or reset"),
        ("en", 1, "Try again in 1 minute or reset"),
    ],
)
def test_lockout_page_says_how_long_in_words(language: str, minutes: int, expected: str) -> None:
    with translation.override(language):
        html = render_to_string(
            "accounts/locked_out.html", {"cooloff_time": "PT30M", "cooloff_timedelta": timedelta(minutes=minutes)}
        )
    assert expected in html
    assert "PT30M" not in html


def test_audit_event_labels_are_translated() -> None:
    event = AuditEvent(object_type="org.candidate", channel="web")
    unknown = AuditEvent(object_type="gone.model", channel="cli")
    with translation.override("zh-hans"):
        assert (str(event.object_type_label), str(event.channel_label)) == ("候选人", "网页")
    with translation.override("en"):
        assert (str(event.object_type_label), str(event.channel_label)) == ("candidate", "Web")
    assert (unknown.object_type_label, unknown.channel_label) == ("gone.model", "cli")


def test_a_word_with_several_meanings_is_translated_in_each_context() -> None:
    # "Name" labels a person's name (portal profile, candidate and employee lists), a department's and a template's:
    # one Chinese word for all three showed a candidate "部门名称" (department name) next to her own name.
    with translation.override("zh-hans"):
        assert (
            translation.gettext("Name"),
            translation.pgettext("department", "Name"),
            translation.pgettext("interview template", "Name"),
        ) == ("姓名", "部门名称", "模板名称")
