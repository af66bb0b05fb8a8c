"""The embedded default's SQLite connections: case-insensitive matching beyond ASCII.

SQLite's built-in LIKE folds only ASCII letters, so on SQLite ``icontains`` (and the search
fallback in ``negotiations.selectors.search``) would not find "Кулеба" for "кулеба". SQLite lets an
application replace LIKE with its own ``like(pattern, string[, escape])`` function and LOWER
with its own ``lower`` (https://sqlite.org/lang_corefunc.html#like); these fold case with
Python's ``casefold`` and ``lower``.
PostgreSQL is untouched (its ILIKE and full-text search already handle Unicode).
"""

from __future__ import annotations

import functools
import re

from django.db.backends.signals import connection_created


@functools.lru_cache(maxsize=512)
def _like_regex(pattern: str, escape: str | None) -> re.Pattern[str]:
    parts: list[str] = []
    chars = iter(pattern.casefold())
    for char in chars:
        if escape is not None and char == escape:
            parts.append(re.escape(next(chars, "")))
        elif char == "%":
            parts.append(".*")
        elif char == "_":
            parts.append(".")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts), re.DOTALL)


def sqlite_like(pattern: str | None, value: str | None, escape: str | None = None) -> bool | None:
    if pattern is None or value is None:
        return None
    return _like_regex(pattern, escape).fullmatch(str(value).casefold()) is not None


def sqlite_lower(value: str | None) -> str | None:
    return None if value is None else str(value).lower()


def _on_connection_created(sender, connection, **kwargs) -> None:
    if connection.vendor != "sqlite":
        return
    raw = connection.connection
    raw.create_function("like", 2, sqlite_like, deterministic=True)
    raw.create_function("like", 3, sqlite_like, deterministic=True)
    raw.create_function("lower", 1, sqlite_lower, deterministic=True)


def connect() -> None:
    connection_created.connect(_on_connection_created, dispatch_uid="tracker_sqlite_like")
