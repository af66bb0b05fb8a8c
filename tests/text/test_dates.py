from __future__ import annotations

import datetime as dt

import pytest

from negotiations.text.dates import find_dates, resolve_first

SUNDAY = dt.date(2023, 7, 30)
FRIDAY = dt.date(2023, 8, 4)


@pytest.mark.parametrize(
    ("text", "anchor", "expected", "precision", "phrase"),
    [
        ("told journalists on Sunday", SUNDAY, dt.date(2023, 7, 30), "day", "on Sunday"),
        ("started talks on Thursday", FRIDAY, dt.date(2023, 8, 3), "day", "on Thursday"),
        ("as early as next week", SUNDAY, dt.date(2023, 7, 31), "week", "next week"),
        ("talks this week", FRIDAY, dt.date(2023, 7, 31), "week", "this week"),
        ("in early August", SUNDAY, dt.date(2023, 8, 1), "part_of_month", "in early August"),
        ("In mid-July, he said", SUNDAY, dt.date(2023, 7, 11), "part_of_month", "In mid-July"),
        ("in late December", dt.date(2024, 1, 5), dt.date(2023, 12, 21), "part_of_month", "in late December"),  # noqa: E501
        ("the meeting on August 5 and 6", FRIDAY, dt.date(2023, 8, 5), "day", "on August 5"),
        ("a summit this autumn", FRIDAY, dt.date(2023, 9, 1), "quarter", "this autumn"),
        ("In May, she revealed", SUNDAY, dt.date(2023, 5, 1), "month", "In May"),
        ("in 2025", SUNDAY, dt.date(2025, 1, 1), "year", "in 2025"),
        ("yesterday", SUNDAY, dt.date(2023, 7, 29), "day", "yesterday"),
        ("last month's summit", FRIDAY, dt.date(2023, 7, 1), "month", "last month"),
    ],
)  # fmt: skip
def test_phrases_resolve_against_publication_date(text, anchor, expected, precision, phrase):
    found = resolve_first(text, anchor)
    assert (found.date, found.precision, found.phrase) == (expected, precision, phrase)


def test_no_date_and_several_dates():
    assert resolve_first("Ukraine may join", SUNDAY) is None  # "may" the verb is no month
    dates = find_dates("told journalists on Sunday that talks start next week", SUNDAY)
    assert [d.phrase for d in dates] == ["on Sunday", "next week"]
    assert dates[0].start == 17
