"""The scoring engine is pure Python: importing any of its modules must not import Django."""

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import talentloop.scoring

PACKAGE = Path(talentloop.scoring.__file__).parent


def test_no_module_imports_django():
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(name.split(".")[0] == "django" for name in names), path


def test_importing_every_module_leaves_django_out_of_sys_modules():
    modules = [
        f"talentloop.scoring.{module.name}"
        for module in pkgutil.iter_modules([str(PACKAGE)])
        if module.name not in ("tests", "semantic")
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n    importlib.import_module(name)\n"
        "assert not [m for m in sys.modules if m == 'django' or m.startswith('django.')], 'django imported'\n"
        "print(len(" + repr(modules) + "))"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == str(len(modules))
