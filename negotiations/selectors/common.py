"""What the read modules share: the review filter and the sorting keys of nullable dates."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, Value

from negotiations.models import ReviewState

APPROVED = ReviewState.APPROVED
# Sorting keys for nullable dates: cursor pagination needs a non-null value on every row.
EARLIEST_DATE = dt.date(1, 1, 1)
EARLIEST_DATETIME = dt.datetime(1, 1, 1, tzinfo=dt.UTC)


class SortDefault(Value):
    """A sorting key's default date, written into the SQL on PostgreSQL instead of being passed
    as a parameter: ``COALESCE(said_on, '0001-01-01'::date)``, the expression the sort indexes
    are built on (migration 0006). With a parameter there, a prepared statement's generic plan
    (tracker/prepared.py) cannot use those indexes, and PostgreSQL re-plans the page query on
    every call. Only dates and datetimes, whose ISO forms are plain SQL literals."""

    def as_postgresql(self, compiler, connection):
        if isinstance(self.value, dt.datetime) and self.value.tzinfo is not None:
            return f"'{self.value.isoformat(sep=' ')}'::timestamptz", []
        if isinstance(self.value, dt.date) and not isinstance(self.value, dt.datetime):
            return f"'{self.value.isoformat()}'::date", []
        return self.as_sql(compiler, connection)


def review_filter(review_state: str) -> Q:
    """``approved`` / ``pending`` / ``rejected`` / ``all`` as a filter on a Reviewable."""
    if review_state == "all":
        return Q()
    return Q(review_state=review_state)
