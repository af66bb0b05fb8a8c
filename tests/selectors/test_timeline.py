"""The timeline's order and cursor (negotiations/selectors/timeline.py)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from negotiations.selectors.timeline import (
    CURSOR_PATTERN,
    STATEMENT,
    STATUS_CHANGE,
    BadCursor,
    Position,
)


def test_a_cursor_names_its_position_and_back() -> None:
    position = Position.of(STATEMENT, "2025-03-02", 41)
    assert str(position) == "2025-03-02.1.41"
    assert re.match(CURSOR_PATTERN, str(position))
    assert Position.parse(str(position)) == position
    assert position.kind == STATEMENT


def test_the_order_is_date_then_status_changes_then_id() -> None:
    day = dt.date(2025, 3, 2)
    entries = [
        Position.of(STATEMENT, day, 1),
        Position.of(STATUS_CHANGE, day, 9),
        Position.of(STATUS_CHANGE, day - dt.timedelta(days=1), 50),
        Position.of(STATEMENT, day, 0),
    ]
    assert [(p.kind, p.id) for p in sorted(entries)] == [
        (STATUS_CHANGE, 50),
        (STATUS_CHANGE, 9),
        (STATEMENT, 0),
        (STATEMENT, 1),
    ]


@pytest.mark.parametrize("cursor", ["2025-02-30.0.1", "2025-03-02.2.1", "2025-03-02.0", "x"])
def test_a_cursor_that_names_no_position_is_refused(cursor: str) -> None:
    with pytest.raises(BadCursor):
        Position.parse(cursor)
