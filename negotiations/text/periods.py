"""Date periods: a stored date plus its precision stands for a span of days.

The stored date holds the first day of the period (see ``DatePrecision``): a week starts on its
Monday's date as stored, "mid-July" is stored as 11 July, a year as 1 January.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

PRECISIONS = ("day", "week", "part_of_month", "month", "quarter", "year")


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def period_end(start: date, precision: str) -> date:
    """Return the last day of the period that starts on ``start`` with ``precision``."""
    if precision == "day":
        return start
    if precision == "week":
        return start + timedelta(days=6)
    if precision == "part_of_month":
        # Early = 1-10, mid = 11-20, late = 21-end of month.
        if start.day <= 10:
            return start.replace(day=10)
        if start.day <= 20:
            return start.replace(day=20)
        return _month_end(start)
    if precision == "month":
        return _month_end(start)
    if precision == "quarter":
        last_month = ((start.month - 1) // 3) * 3 + 3
        return _month_end(date(start.year, last_month, 1))
    if precision == "year":
        return date(start.year, 12, 31)
    raise ValueError(f"unknown date precision {precision!r}")


def periods_overlap(
    first: tuple[date | None, date | None], second: tuple[date | None, date | None]
) -> bool:
    """Whether two closed periods share a day; ``None`` bounds are open."""
    (a_start, a_end), (b_start, b_end) = first, second
    if a_end is not None and b_start is not None and a_end < b_start:
        return False
    return not (b_end is not None and a_start is not None and b_end < a_start)
