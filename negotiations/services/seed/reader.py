"""Reading the seed record: files → a checked ``SeedRecord``, or every problem found.

``seed_record_read`` reads the manifest, the seed texts and the fixtures; ``knowledge_base_read``
the knowledge base's files, merged by section. Both hand the sections to the validation
(``validation.Checker``) and raise ``SeedRecordError`` naming each file and entry at fault.
Nothing here touches the database.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from negotiations.services.seed.format import (
    FIXTURES_DIR,
    KNOWLEDGE_DIR,
    MANIFEST_NAME,
    SECTIONS,
    SEEDS_DIR,
    SeedArticle,
    SeedRecord,
    SeedRecordError,
)
from negotiations.services.seed.validation import Checker


def seed_record_read(
    *, seeds_dir: Path = SEEDS_DIR, fixtures_dir: Path = FIXTURES_DIR
) -> SeedRecord:
    """Read the manifest, the seed texts and the fixtures, and check that they agree.

    Raises ``SeedRecordError`` listing every problem found; touches no database.
    """
    problems: list[str] = []
    manifest_path = seeds_dir / MANIFEST_NAME
    manifest = _read_json(manifest_path, problems)
    sections: dict[str, list[dict[str, Any]]] = {}
    for name in SECTIONS:
        data = _read_json(fixtures_dir / f"{name}.json", problems)
        items = data.get(name) if isinstance(data, dict) else None
        if data is not None and not isinstance(items, list):
            problems.append(f"{fixtures_dir.name}/{name}.json: no {name!r} list at the top level")
        sections[name] = items if isinstance(items, list) else []
    if problems:
        raise SeedRecordError(problems)

    articles = _read_articles(seeds_dir, manifest, problems)
    Checker(articles, sections, fixtures_dir.name, problems).check_all()
    if problems:
        raise SeedRecordError(problems)
    return SeedRecord(articles=articles, sections=sections)


def knowledge_base_read(*, knowledge_dir: Path = KNOWLEDGE_DIR) -> SeedRecord:
    """Read the reference knowledge base: every ``*.json`` of the folder, merged by section.

    Same format and checks as the seed record (fixtures/README.md), without articles: people with
    dated positions, parties, places and tracks. Raises ``SeedRecordError`` listing every problem.
    """
    problems: list[str] = []
    sections: dict[str, list[dict[str, Any]]] = {name: [] for name in SECTIONS}
    paths = sorted(knowledge_dir.glob("*.json"))
    if not paths:
        raise SeedRecordError([f"{knowledge_dir}: no knowledge base files"])
    for path in paths:
        data = _read_json(path, problems)
        name = data.get("section") if isinstance(data, dict) else None
        if data is None:
            continue
        if name not in SECTIONS or name in {"statements", "commitments"}:
            problems.append(f"{knowledge_dir.name}/{path.name}: unknown section {name!r}")
            continue
        items = data.get(name)
        if not isinstance(items, list):
            problems.append(f"{knowledge_dir.name}/{path.name}: no {name!r} list at the top level")
            continue
        sections[name].extend(items)
    if problems:
        raise SeedRecordError(problems)
    Checker({}, sections, knowledge_dir.name, problems, sourced_steps=True).check_all()
    if problems:
        raise SeedRecordError(problems)
    return SeedRecord(articles={}, sections=sections)


def _read_json(path: Path, problems: list[str]) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(f"{path.parent.name}/{path.name}: file not found")
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        problems.append(f"{path.parent.name}/{path.name}: not valid UTF-8 JSON ({exc})")
    return None


def seed_text(path: Path) -> str:
    """An article's text as stored: the file decoded as UTF-8, stripped, nothing else.

    The ingestion pipeline stores uploaded .txt files the same way, so both meet on the fingerprint.
    """
    return path.read_bytes().decode("utf-8").strip()


def _read_articles(
    seeds_dir: Path, manifest: dict[str, Any], problems: list[str]
) -> dict[str, SeedArticle]:
    where = f"{seeds_dir.name}/{MANIFEST_NAME}"
    entries = manifest.get("articles") if isinstance(manifest, dict) else None
    if not isinstance(entries, list):
        problems.append(f"{where}: no 'articles' list")
        return {}
    articles: dict[str, SeedArticle] = {}
    for entry in entries:
        name = entry.get("file") if isinstance(entry, dict) else None
        if not isinstance(name, str) or "/" in name:
            problems.append(f"{where}: an entry has no valid 'file' name: {entry!r}")
            continue
        if name in articles:
            problems.append(f"{where}: {name} is listed twice")
            continue
        path = seeds_dir / name
        if not path.is_file():
            problems.append(f"{where}: {name} does not exist in {seeds_dir.name}/")
            continue
        try:
            text = seed_text(path)
        except UnicodeDecodeError:
            problems.append(f"{where}: {name} is not UTF-8")
            continue
        articles[name] = SeedArticle(file=name, text=text, entry=entry)
    for path in sorted(seeds_dir.glob("*.txt")):
        if path.name not in articles and all(e.get("file") != path.name for e in entries):
            problems.append(f"{where}: seed file {path.name} has no manifest entry")
    return articles
