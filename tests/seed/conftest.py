from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from negotiations.services.seed import (
    FIXTURES_DIR,
    SEEDS_DIR,
    SeedLoadResult,
    seed_record_load,
    seed_text,
)


def read_section(name: str, fixtures_dir: Path = FIXTURES_DIR) -> list[dict[str, Any]]:
    return json.loads((fixtures_dir / f"{name}.json").read_text(encoding="utf-8"))[name]


def read_manifest(seeds_dir: Path = SEEDS_DIR) -> dict[str, dict[str, Any]]:
    data = json.loads((seeds_dir / "manifest.json").read_text(encoding="utf-8"))
    return {entry["file"]: entry for entry in data["articles"]}


def seed_texts(seeds_dir: Path = SEEDS_DIR) -> dict[str, str]:
    """The seed texts as an article stores them (the loader's own ``seed_text``)."""
    return {p.name: seed_text(p) for p in seeds_dir.glob("*.txt")}


@pytest.fixture
def loaded(db) -> SeedLoadResult:
    return seed_record_load()


@pytest.fixture
def record_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A writable copy of seeds/ and fixtures/, to corrupt."""
    seeds = shutil.copytree(SEEDS_DIR, tmp_path / "seeds")
    fixtures = shutil.copytree(FIXTURES_DIR, tmp_path / "fixtures")
    return seeds, fixtures
