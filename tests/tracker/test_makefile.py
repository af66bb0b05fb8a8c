"""`make run` installs the runtime requirements only; `make test` adds the dev ones and runs the
suite on PostgreSQL, then the backend-neutral lane on SQLite (read from `make -n`, nothing run)."""

from __future__ import annotations

import subprocess
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def planned(target: str, tmp_path: Path) -> list[str]:
    done = subprocess.run(
        ["make", "-n", "-B", target, f"VENV={tmp_path / 'venv'}"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.splitlines()


def test_run_installs_runtime_requirements_only(tmp_path):
    lines = planned("run", tmp_path)
    installs = [line for line in lines if "pip install" in line and " -r " in line]
    assert [line.split(" -r ")[1] for line in installs] == ["requirements.txt"]


def test_test_adds_dev_requirements_and_runs_both_lanes(tmp_path):
    lines = planned("test", tmp_path)
    installs = [line.split(" -r ")[1] for line in lines if "pip install" in line and " -r " in line]
    assert installs == ["requirements.txt", "requirements-dev.txt"]
    runs = [line for line in lines if "/bin/pytest" in line]
    assert len(runs) == 2
    assert runs[0].startswith("DATABASE_URL=postgres://")
    assert runs[1].startswith("DATABASE_URL=sqlite:///")


def test_test_fast_runs_the_unit_layer_without_a_database(tmp_path):
    runs = [line for line in planned("test-fast", tmp_path) if "/bin/pytest" in line]
    assert len(runs) == 1
    assert " tests/text" in runs[0]
    assert "DATABASE_URL" not in runs[0]
