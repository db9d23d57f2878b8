"""The core never imports Qt: checked on the source and in a fresh interpreter."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "zcx_desktop" / "core"


def test_no_core_module_imports_pyside6():
    offenders = []
    for path in sorted(CORE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] in {"PySide6", "shiboken6"} for name in names):
                offenders.append(f"{path.relative_to(CORE)}:{node.lineno}")
    assert offenders == []


def test_importing_every_core_package_loads_no_qt():
    code = (
        "import sys, pkgutil, importlib, zcx_desktop.core as core\n"
        "for info in pkgutil.walk_packages(core.__path__, 'zcx_desktop.core.'):\n"
        "    importlib.import_module(info.name)\n"
        "import zcx_desktop.cli\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=CORE.parents[1])
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
