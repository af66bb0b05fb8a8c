"""The reading (negotiations/text/) is free of Django: it imports, and its tests run, without
settings or a database (`make test-fast`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_text_package_imports_without_django() -> None:
    modules = sorted(
        "negotiations.text."
        + ".".join(p.relative_to(ROOT / "negotiations/text").with_suffix("").parts)
        for p in (ROOT / "negotiations/text").rglob("*.py")
        if p.name != "__init__.py"
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    assert len(modules) > 10
