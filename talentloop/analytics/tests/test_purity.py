"""The statistics package is pure Python (standard library only) and the predictor imports no Django."""

import ast
import subprocess
import sys
from pathlib import Path

import talentloop.analytics

PACKAGE = Path(talentloop.analytics.__file__).parent
STATISTICS = PACKAGE / "statistics"
PURE_MODULES = [*sorted(STATISTICS.glob("*.py")), PACKAGE / "prediction.py"]


def imported_names(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield node.module or ""


def test_no_pure_module_imports_django():
    for path in PURE_MODULES:
        assert not [name for name in imported_names(path) if name.split(".")[0] == "django"], path


def test_the_statistics_package_uses_the_standard_library_only():
    for path in sorted(STATISTICS.glob("*.py")):
        for name in imported_names(path):
            top = name.split(".")[0]
            assert top in sys.stdlib_module_names or name.startswith("talentloop.analytics.statistics"), (path, name)


def test_importing_them_leaves_django_out_of_sys_modules():
    modules = [
        "talentloop.analytics.statistics.discrimination",
        "talentloop.analytics.statistics.calibration",
        "talentloop.analytics.statistics.fairness",
        "talentloop.analytics.prediction",
    ]
    assert len(modules) == len(PURE_MODULES) - 1  # every module but the package's __init__
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n    importlib.import_module(name)\n"
        "assert not [m for m in sys.modules if m == 'django' or m.startswith('django.')], 'django imported'\n"
        "print('pure')"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "pure"
