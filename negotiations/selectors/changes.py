"""The sync contract's reads: the rows changed since a client's last marker, only up to a marker
no writer still running can fall below (see ``negotiations.services.changes`` for the proof)."""

from __future__ import annotations

from django.db import connections
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL


def changed_since(queryset: QuerySet, seq: int) -> QuerySet:
    """Rows of ``queryset`` whose change marker is above ``seq`` and already safe to serve.

    On PostgreSQL "safe" is below the statement's snapshot ``xmin``: every transaction with a
    smaller id has ended, so no change can later appear below the highest marker served. On
    SQLite writers are serialised and every committed marker is safe.
    """
    rows = queryset.filter(change_seq__gt=seq)
    if connections[queryset.db].vendor == "postgresql":
        rows = rows.filter(
            change_seq__lt=RawSQL("pg_snapshot_xmin(pg_current_snapshot())::text::bigint", [])
        )
    return rows
