"""The sync contract's reads: the rows changed since a client's last marker, only up to a marker
no writer still running can fall below (see ``negotiations.services.changes`` for the proof)."""

from __future__ import annotations

from django.db import connections
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

# PostgreSQL: the lowest transaction id this statement's snapshot still sees running, leaving out
# those known to run in another database of the server (they cannot write our rows; an id whose
# transaction ended meanwhile is kept, to be safe), or the snapshot's xmax if none. Every
# transaction with a lower id has ended, so a marker below it can no longer appear.
SERVABLE_BELOW = """(
    SELECT LEAST(
        pg_snapshot_xmax(snap)::text::bigint,
        (
            SELECT min(running::text::bigint)
            FROM pg_snapshot_xip(snap) AS running
            WHERE xid(running) NOT IN (
                SELECT activity.backend_xid FROM pg_stat_activity AS activity
                WHERE activity.datname IS DISTINCT FROM current_database()
                    AND activity.backend_xid IS NOT NULL
            )
        )
    )
    FROM pg_current_snapshot() AS snap
)"""


def changed_since(queryset: QuerySet, seq: int) -> QuerySet:
    """Rows of ``queryset`` whose change marker is above ``seq`` and already safe to serve.

    On PostgreSQL "safe" is below :data:`SERVABLE_BELOW` for the statement's own snapshot; on
    SQLite writers are serialised and every committed marker is safe.
    """
    rows = queryset.filter(change_seq__gt=seq)
    if connections[queryset.db].vendor == "postgresql":
        rows = rows.filter(change_seq__lt=RawSQL(SERVABLE_BELOW, []))  # noqa: S611  (constant)
    return rows


def servable_below(using: str = "default") -> int | None:
    """The bound :func:`changed_since` serves below, now (PostgreSQL; ``None`` on SQLite)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {SERVABLE_BELOW}")
        return cursor.fetchone()[0]
