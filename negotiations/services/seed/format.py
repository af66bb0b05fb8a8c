"""The seed record's format (fixtures/README.md): where it lives, its sections, what is read.

Shared by the reader, the validation and the loaders; touches no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings

SEEDS_DIR: Path = Path(settings.BASE_DIR) / "seeds"
FIXTURES_DIR: Path = Path(settings.BASE_DIR) / "fixtures"
KNOWLEDGE_DIR: Path = FIXTURES_DIR / "knowledge"
MANIFEST_NAME = "manifest.json"
# Loaded in this order: later sections refer to earlier ones.
SECTIONS = ("outlets", "parties", "places", "officials", "tracks", "statements", "commitments")
# A published time's offset from UTC, like +03:00.
UTC_OFFSET = re.compile(r"^([+-])(\d{2}):(\d{2})$")


class SeedRecordError(Exception):
    """The seed record is inconsistent. ``problems`` lists each one, naming its file and fact."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"The seed record is inconsistent ({len(problems)} problem(s)):\n{lines}")


@dataclass
class SeedArticle:
    file: str
    text: str
    entry: dict[str, Any]


@dataclass
class SeedRecord:
    """The seed record as read from disk and checked; nothing here touches the database."""

    articles: dict[str, SeedArticle]
    sections: dict[str, list[dict[str, Any]]]


def parse_date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
