"""The embedded default's LIKE and LOWER fold case beyond ASCII (tracker/sqlite.py)."""

from __future__ import annotations

import sqlite3

import pytest

from tracker.sqlite import sqlite_like, sqlite_lower


@pytest.mark.parametrize(
    ("pattern", "value", "escape", "matches"),
    [
        ("%кулеба%", "Дмитро Кулеба", None, True),
        ("%KULEBA%", "Dmytro Kuleba", None, True),
        ("%straße%", "STRASSE", None, True),  # casefold, as Python compares
        ("k_leba", "Kuleba", None, True),
        ("k_leba", "Kuleeba", None, False),
        (r"%50\%%", "a 50% share", "\\", True),
        (r"%50\%%", "a 500 share", "\\", False),
        (r"a\_b", "a_b", "\\", True),
        (r"a\_b", "axb", "\\", False),
        ("line%", "line one\nline two", None, True),
    ],
)
def test_like(pattern, value, escape, matches):
    assert sqlite_like(pattern, value, escape) is matches


def test_like_and_lower_keep_sql_nulls():
    assert sqlite_like(None, "x") is None
    assert sqlite_like("%x%", None) is None
    assert sqlite_lower(None) is None


def test_registered_functions_replace_sqlites_ascii_only_ones():
    raw = sqlite3.connect(":memory:")
    assert raw.execute("SELECT 'Кулеба' LIKE '%кулеба%'").fetchone() == (0,)
    raw.create_function("like", 2, sqlite_like, deterministic=True)
    raw.create_function("like", 3, sqlite_like, deterministic=True)
    raw.create_function("lower", 1, sqlite_lower, deterministic=True)
    assert raw.execute("SELECT 'Кулеба' LIKE '%кулеба%'").fetchone() == (1,)
    assert raw.execute(r"SELECT 'a_b' LIKE 'a\_b' ESCAPE '\'").fetchone() == (1,)
    assert raw.execute("SELECT lower('КУЛЕБА')").fetchone() == ("кулеба",)
