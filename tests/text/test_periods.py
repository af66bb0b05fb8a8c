from __future__ import annotations

from datetime import date

import pytest

from negotiations.text.periods import period_end, periods_overlap


@pytest.mark.parametrize(
    ("start", "precision", "end"),
    [
        (date(2023, 7, 30), "day", date(2023, 7, 30)),
        (date(2023, 7, 31), "week", date(2023, 8, 6)),
        (date(2023, 8, 1), "part_of_month", date(2023, 8, 10)),
        (date(2023, 7, 11), "part_of_month", date(2023, 7, 20)),
        (date(2023, 2, 21), "part_of_month", date(2023, 2, 28)),
        (date(2024, 2, 1), "month", date(2024, 2, 29)),
        (date(2023, 4, 1), "quarter", date(2023, 6, 30)),
        (date(2025, 1, 1), "year", date(2025, 12, 31)),
    ],
)
def test_period_end(start: date, precision: str, end: date) -> None:
    assert period_end(start, precision) == end


def test_unknown_precision_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown date precision"):
        period_end(date(2023, 1, 1), "decade")


def test_overlap_with_open_bounds() -> None:
    year_2025 = (date(2025, 1, 1), date(2025, 12, 31))
    assert periods_overlap((date(2025, 2, 12), date(2026, 1, 5)), year_2025)
    assert periods_overlap((date(2019, 5, 20), None), year_2025)
    assert not periods_overlap((date(2021, 11, 4), date(2023, 9, 5)), year_2025)
    assert not periods_overlap((date(2026, 1, 5), None), year_2025)
