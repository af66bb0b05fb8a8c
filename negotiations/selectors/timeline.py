"""A track's timeline: its approved status changes and statements in one order, and the cursor
that continues it. This module owns both; the API's page, its export and the tests use them.

The order is (date, kind, id): by date, a status change before a statement on the same day, then
by id. A cursor is the position of the last entry shown, written ``YYYY-MM-DD.rank.id``.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet

from negotiations.models import Track
from negotiations.selectors.records import (
    evidence_queryset,
    reports_queryset,
    statement_list,
    statements_of_track,
    status_change_list,
    tracks_q,
)

STATUS_CHANGE, STATEMENT = "status_change", "statement"
KINDS = (STATUS_CHANGE, STATEMENT)  # their order on the same day
DATE_FIELDS = {STATUS_CHANGE: "effective_date", STATEMENT: "said_on"}
CURSOR_PATTERN = r"^\d{4}-\d{2}-\d{2}\.[01]\.\d{1,18}$"


class BadCursor(ValueError):
    """A cursor that names no position in the timeline."""


@dataclass(frozen=True, order=True)
class Position:
    """Where an entry stands in the timeline's order."""

    date: dt.date
    rank: int  # the kind's index in KINDS
    id: int

    @classmethod
    def of(cls, kind: str, date: dt.date | str, pk: int) -> Position:
        day = dt.date.fromisoformat(date) if isinstance(date, str) else date
        return cls(day, KINDS.index(kind), pk)

    @classmethod
    def parse(cls, cursor: str) -> Position:
        """The position a cursor names; :class:`BadCursor` if it names none."""
        try:
            day, rank, pk = cursor.split(".")
            position = cls(dt.date.fromisoformat(day), int(rank), int(pk))
        except ValueError:
            raise BadCursor(cursor) from None
        if not 0 <= position.rank < len(KINDS):
            raise BadCursor(cursor)
        return position

    @property
    def kind(self) -> str:
        return KINDS[self.rank]

    def __str__(self) -> str:
        return f"{self.date.isoformat()}.{self.rank}.{self.id}"


def _after(kind: str, position: Position | None) -> Q:
    """Rows of ``kind`` strictly after ``position`` in the timeline's order."""
    if position is None:
        return Q()
    field, mine = DATE_FIELDS[kind], KINDS.index(kind)
    if mine > position.rank:
        return Q(**{f"{field}__gte": position.date})
    if mine < position.rank:
        return Q(**{f"{field}__gt": position.date})
    return Q(**{f"{field}__gt": position.date}) | Q(**{field: position.date, "pk__gt": position.id})


def timeline_querysets(
    *,
    track: Track,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    after: Position | None = None,
    include_children: bool = False,
) -> dict[str, QuerySet]:
    """Each kind's rows on the track (and with ``include_children`` on the tracks under it) after
    ``after``, within the dates, in timeline order."""
    on_tracks = tracks_q(track.pk, include_children=include_children, prefix="track__")
    querysets: dict[str, QuerySet] = {
        STATUS_CHANGE: status_change_list().filter(on_tracks),
        STATEMENT: statement_list().filter(
            statements_of_track(track.pk, include_children=include_children),
            said_on__isnull=False,
        ),
    }
    for kind, queryset in querysets.items():
        field = DATE_FIELDS[kind]
        queryset = queryset.filter(_after(kind, after))
        if date_from:
            queryset = queryset.filter(**{f"{field}__gte": date_from})
        if date_to:
            queryset = queryset.filter(**{f"{field}__lte": date_to})
        querysets[kind] = queryset.order_by(field, "id")
    return querysets


def timeline_evidence(kind: str) -> tuple[QuerySet, str]:
    """The evidence shown beside each entry of ``kind``, as one list for both kinds (the
    article's ``wording``), and the foreign key to the entry: a status change's excerpts, a
    statement's approved reports (in publication order)."""
    if kind == STATUS_CHANGE:
        return evidence_queryset().annotate(wording=F("excerpt")), "status_change"
    return reports_queryset(), "statement"


@dataclass(frozen=True)
class TimelineEntry:
    position: Position
    item: Any  # what the caller's render made of one row: a dict, or a StatusChange / Statement

    @property
    def kind(self) -> str:
        return self.position.kind

    @property
    def date(self) -> dt.date:
        return self.position.date


# A render turns a kind's queryset (timeline order, sliced or not) into items, in that order.
Render = Callable[[str, QuerySet], Iterable[Any]]


def _date_and_id(kind: str, item: Any) -> tuple[Any, int]:
    if isinstance(item, dict):
        return item[DATE_FIELDS[kind]], item["id"]
    return getattr(item, DATE_FIELDS[kind]), item.pk


def _entries(kind: str, items: Iterable[Any]) -> Iterator[TimelineEntry]:
    for item in items:
        date, pk = _date_and_id(kind, item)
        yield TimelineEntry(Position.of(kind, date, pk), item)


def _merged(streams: dict[str, Iterable[Any]]) -> Iterator[TimelineEntry]:
    return heapq.merge(
        *(_entries(kind, items) for kind, items in streams.items()),
        key=lambda entry: entry.position,
    )


def track_timeline_page(
    *,
    track: Track,
    limit: int,
    render: Render,
    after: Position | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    include_children: bool = False,
) -> tuple[list[TimelineEntry], Position | None]:
    """One page of the timeline and the position to continue after (``None`` at the end).

    ``limit + 1`` rows of each kind are rendered: the extra row tells whether more follow.
    """
    querysets = timeline_querysets(
        track=track,
        date_from=date_from,
        date_to=date_to,
        after=after,
        include_children=include_children,
    )
    streams = {kind: render(kind, queryset[: limit + 1]) for kind, queryset in querysets.items()}
    entries = list(itertools.islice(_merged(streams), limit + 1))
    page = entries[:limit]
    return page, (page[-1].position if len(entries) > limit else None)


def track_timeline_iter(
    *,
    track: Track,
    render: Render,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    include_children: bool = False,
) -> Iterator[TimelineEntry]:
    """The whole timeline, each kind streamed by ``render`` (server-side cursors), merged."""
    querysets = timeline_querysets(
        track=track, date_from=date_from, date_to=date_to, include_children=include_children
    )
    return _merged({kind: render(kind, queryset) for kind, queryset in querysets.items()})
