"""Date phrases in news text resolved against the publication date, with their precision.

"on Sunday", "next week", "in early August", "in mid-July", "on August 5", "in 2025": each is
resolved to the first day of the period it names, with the precision that says how much of the
date is known (the vocabulary of ``negotiations.models.DatePrecision``) and the words it came from.
Dateparser resolves absolute dates well but loses the precision ("early August" becomes a day), so
the handful of patterns news uses are handled here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

DAY, WEEK, PART_OF_MONTH, MONTH, QUARTER, YEAR = (
    "day",
    "week",
    "part_of_month",
    "month",
    "quarter",
    "year",
)

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
PART_DAY = {"early": 1, "mid": 11, "middle": 11, "late": 21}

_MONTH = r"(?P<month>january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"  # noqa: E501
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# Ordered: the more specific patterns first.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "part_month",
        re.compile(
            rf"\b(?:in |by |from |until )?(?:the )?(?P<part>early|mid|middle|late)[- ](?:of )?{_MONTH}(?:,? {_YEAR})?\b",  # noqa: E501
            re.I,
        ),
    ),
    (
        "month_day",
        re.compile(
            rf"\b(?:on |by |from |until )?{_MONTH} (?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:,? {_YEAR})?\b",  # noqa: E501
            re.I,
        ),
    ),
    (
        "day_month",
        re.compile(
            rf"\b(?:on |by |from |until )?(?:the )?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?: of)? {_MONTH}(?:,? {_YEAR})?\b",  # noqa: E501
            re.I,
        ),
    ),
    ("relative_weekday", re.compile(rf"\b(?P<rel>last|next|this) {_WEEKDAY}\b", re.I)),
    ("weekday", re.compile(rf"\b(?:on )?{_WEEKDAY}\b", re.I)),
    ("relative_day", re.compile(r"\b(?P<word>today|yesterday|tomorrow|tonight)\b", re.I)),
    (
        "relative_period",
        re.compile(r"\b(?P<rel>this|next|last|past|coming) (?P<unit>week|month|year)\b", re.I),
    ),
    (
        "season",
        re.compile(
            rf"\b(?:in |by |this |next |last )?(?:the )?(?P<rel>this |next |last )?(?P<season>spring|summer|autumn|fall|winter)(?: of)?(?: {_YEAR})?\b",  # noqa: E501
            re.I,
        ),
    ),
    ("month", re.compile(rf"\b(?:in |by |from |until |since ){_MONTH}(?:,? {_YEAR})?\b", re.I)),
    ("month_year", re.compile(rf"\b{_MONTH},? {_YEAR}\b", re.I)),
    ("year", re.compile(rf"\b(?:in |by |since |until ){_YEAR}\b", re.I)),
]


@dataclass(frozen=True)
class ResolvedDate:
    date: dt.date
    precision: str
    phrase: str
    start: int
    end: int


def _nearest_year(month: int, day: int, anchor: dt.date) -> int:
    """The year that puts month/day closest to the anchor (news rarely looks > 6 months away)."""
    best = anchor.year
    best_gap = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            gap = abs((dt.date(year, month, min(day, 28)) - anchor).days)
        except ValueError:  # pragma: no cover - day clamped above
            continue
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _resolve(kind: str, m: re.Match[str], anchor: dt.date) -> tuple[dt.date, str] | None:
    groups = {k: (v.lower() if isinstance(v, str) else v) for k, v in m.groupdict().items()}
    year = int(groups["year"]) if groups.get("year") else None
    if kind in {"month_day", "day_month"}:
        month = MONTHS[groups["month"]]
        day = int(groups["day"])
        if not 1 <= day <= 31:
            return None
        year = year or _nearest_year(month, day, anchor)
        try:
            return dt.date(year, month, day), DAY
        except ValueError:
            return None
    if kind == "part_month":
        month = MONTHS[groups["month"]]
        day = PART_DAY[groups["part"]]
        year = year or _nearest_year(month, day, anchor)
        return dt.date(year, month, day), PART_OF_MONTH
    if kind in {"month", "month_year"}:
        month = MONTHS[groups["month"]]
        if groups["month"] == "may" and kind == "month" and not year:
            # "in May" is a month; "may" alone is a verb and never reaches here without "in".
            pass
        year = year or _nearest_year(month, 15, anchor)
        return dt.date(year, month, 1), MONTH
    if kind == "year":
        return (dt.date(year, 1, 1), YEAR) if year else None
    if kind == "weekday":
        target = WEEKDAYS.index(groups["weekday"])
        # Reporting is about the past week: the latest such day on or before publication.
        return anchor - dt.timedelta(days=(anchor.weekday() - target) % 7), DAY
    if kind == "relative_weekday":
        target = WEEKDAYS.index(groups["weekday"])
        back = anchor - dt.timedelta(days=(anchor.weekday() - target) % 7 or 7)
        ahead = anchor + dt.timedelta(days=(target - anchor.weekday()) % 7 or 7)
        if groups["rel"] == "last":
            return back, DAY
        if groups["rel"] == "next":
            return ahead, DAY
        return _monday(anchor) + dt.timedelta(days=target), DAY
    if kind == "relative_day":
        shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[groups["word"]]
        return anchor + dt.timedelta(days=shift), DAY
    if kind == "relative_period":
        step = {"this": 0, "coming": 1, "next": 1, "last": -1, "past": -1}[groups["rel"]]
        unit = groups["unit"]
        if unit == "week":
            return _monday(anchor) + dt.timedelta(weeks=step), WEEK
        if unit == "month":
            return _add_months(anchor.replace(day=1), step), MONTH
        return dt.date(anchor.year + step, 1, 1), YEAR
    if kind == "season":
        month = SEASONS[groups["season"]]
        rel = (groups.get("rel") or "").strip()
        if m.group(0).lower().lstrip().startswith(("next ",)):
            rel = "next"
        elif m.group(0).lower().lstrip().startswith(("last ",)):
            rel = "last"
        if year is None:
            year = anchor.year
            if rel == "next" or (rel != "last" and month < anchor.month - 2):
                year += 1 if rel == "next" or month < anchor.month - 2 else 0
            if rel == "last":
                year -= 1
        return dt.date(year, month, 1), QUARTER
    return None  # pragma: no cover


def find_dates(text: str, anchor: dt.date) -> list[ResolvedDate]:
    """All date phrases in ``text``, left to right, without overlaps, resolved against anchor."""
    found: list[ResolvedDate] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            if kind == "season" and not re.match(r"(?i)\s*(in|by|this|next|last)\b", m.group(0)):
                continue  # a bare "fall" is usually the verb
            resolved = _resolve(kind, m, anchor)
            if resolved is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(
                ResolvedDate(resolved[0], resolved[1], m.group(0).strip(), m.start(), m.end())
            )
    return sorted(found, key=lambda r: r.start)


def resolve_first(text: str, anchor: dt.date) -> ResolvedDate | None:
    dates = find_dates(text, anchor)
    return dates[0] if dates else None
