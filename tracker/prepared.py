"""Server-side prepared statements for repeated reads on PostgreSQL.

Planning is a large share of a short query's time: the API's token query (a join with two
permission arrays) spends 0.3 ms planning and 0.3 ms running, a page's nested reports query about
as much. psycopg2 sends every query as text, so PostgreSQL plans it afresh each time. Drivers that
prepare (psycopg 3's ``prepare_threshold``, JDBC's ``prepareThreshold``) prepare a query once it
has been seen a few times; ``PreparedReadsMiddleware`` does the same for the reads of a request,
through Django's own hook for wrapping query execution (``connection.execute_wrapper``):

- a ``SELECT`` with positional parameters (or none), seen ``PREPARE_AFTER`` times by this
  process, is prepared on the connection (``PREPARE name AS ...``) and run as
  ``EXECUTE name (params)``;
- only in autocommit, outside ``atomic`` blocks, on client-side cursors: a failed statement then
  aborts no transaction, so any error of ``PREPARE`` or ``EXECUTE`` (a pooler that lost the
  statement, a plan whose result type changed after a migration, a parameter PostgreSQL cannot
  type) falls back to the plain query, which answers or raises as it always would;
- a statement's result columns must have the types the plain query's had, or it stays plain: a
  parameter PostgreSQL cannot type from its place (``SELECT %s``) is text in a prepared
  statement, where psycopg2's inlined value kept its own type;
- each connection keeps at most ``MAX_PER_CONNECTION`` statements (least recently used ones are
  deallocated); a new connection starts with none.

PostgreSQL chooses between a generic and a per-call plan for each prepared statement
(``plan_cache_mode = auto``), so a statement whose parameters change its best plan keeps being
planned per call; what is saved then is the parse.

Off by default; ``DATABASE_PREPARED_STATEMENTS=1`` installs the middleware. Behind a pooler in
transaction mode (PgBouncer), a statement prepared on one server connection is not on the next:
leave it off there.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from collections.abc import Callable
from contextlib import ExitStack

from django.db import DatabaseError, connections

# A query is prepared the third time this process sees it: one-off queries (an admin search, a
# rare filter combination) are not worth the extra round trip of PREPARE.
PREPARE_AFTER = 3
MAX_PER_CONNECTION = 100
MAX_COUNTED = 2000

_PLACEHOLDER = re.compile(r"%[s%]")
# SQL -> how many times this process ran it plainly, and its columns' types (OIDs) then.
_seen: dict[str, tuple[int, tuple[int, ...] | None]] = {}
_unpreparable: set[str] = set()


class _Statements:
    """The statements prepared on one database connection (Django reconnects with a new one)."""

    __slots__ = ("names", "raw")

    def __init__(self, raw) -> None:
        self.raw = raw
        self.names: OrderedDict[str, str] = OrderedDict()


def _statements(connection) -> _Statements:
    state = connection.__dict__.get("_tracker_prepared")
    if state is None or state.raw is not connection.connection:
        state = connection.__dict__["_tracker_prepared"] = _Statements(connection.connection)
    return state


def statement_body(sql: str) -> tuple[str, int] | None:
    """``sql`` with psycopg2's ``%s`` placeholders numbered ``$1, $2, ...`` (and ``%%`` as
    ``%``), and the number of parameters; ``None`` for SQL with named placeholders."""
    if "%(" in sql:
        return None
    count = 0

    def number(match: re.Match) -> str:
        nonlocal count
        if match.group(0) == "%%":
            return "%"
        count += 1
        return f"${count}"

    return _PLACEHOLDER.sub(number, sql), count


def statement_name(sql: str) -> str:
    return "tracker_" + hashlib.blake2b(sql.encode(), digest_size=10).hexdigest()


def _preparable(sql: str, params, many: bool, context) -> bool:
    connection = context["connection"]
    return (
        not many
        # A list or tuple, even empty: psycopg2 then reads %% as %, as statement_body does.
        and isinstance(params, list | tuple)
        and sql.startswith("SELECT")
        and connection.vendor == "postgresql"
        and not connection.in_atomic_block
        and connection.get_autocommit()
        # A named (server-side) cursor wraps its query in DECLARE ... FOR, which takes no EXECUTE.
        and getattr(context["cursor"].cursor, "name", None) is None
        and sql not in _unpreparable
    )


def execute_prepared(execute: Callable, sql: str, params, many: bool, context):
    """A ``connection.execute_wrapper``: run a repeated ``SELECT`` as a prepared statement."""
    if not _preparable(sql, params, many, context):
        return execute(sql, params, many, context)
    connection = context["connection"]
    state = _statements(connection)
    name = state.names.get(sql)
    fresh = name is None
    if fresh:
        seen, result_types = _seen.get(sql, (0, None))
        if seen + 1 < PREPARE_AFTER or result_types is None:
            result = execute(sql, params, many, context)
            if len(_seen) >= MAX_COUNTED:
                _seen.clear()
            _seen[sql] = (seen + 1, _result_types(context))
            return result
        body = statement_body(sql)
        if body is None or body[1] != len(params):
            _give_up(sql)
            return execute(sql, params, many, context)
        name = statement_name(sql)
        if not _prepare(execute, name, body[0], context):
            _give_up(sql)
            return execute(sql, params, many, context)
        state.names[sql] = name
        if len(state.names) > MAX_PER_CONNECTION:
            _, evicted = state.names.popitem(last=False)
            _deallocate(execute, evicted, context)
    else:
        state.names.move_to_end(sql)
    call = f"EXECUTE {name} ({', '.join(['%s'] * len(params))})" if params else f"EXECUTE {name}"
    try:
        result = execute(call, params, many, context)
    except DatabaseError as error:
        # The statement is gone (26000: a pooler, DISCARD ALL) or no longer fits (0A000: a
        # migration changed its result type; 42804: a value of another type): run it plainly.
        # If the plain query fails too, the fault was the query's (bad input), not the
        # statement's: the error is raised and the query may be prepared again.
        code = _statement_error(error)
        state.names.pop(sql, None)
        if code != "26000":
            _deallocate(execute, name, context)
        result = execute(sql, params, many, context)
        if code != "26000":
            _give_up(sql)
        return result
    if fresh and _result_types(context) != _seen.get(sql, (0, None))[1]:
        # A parameter PostgreSQL could not type from its place (``SELECT %s``) is text in a
        # prepared statement, where the plain query had the value's own type: 5 became '5'.
        # The columns' types must be those of the plain query, or it stays plain.
        state.names.pop(sql, None)
        _deallocate(execute, name, context)
        _give_up(sql)
        return execute(sql, params, many, context)
    return result


def _result_types(context) -> tuple[int, ...] | None:
    description = context["cursor"].cursor.description
    return None if description is None else tuple(column.type_code for column in description)


def _prepare(execute: Callable, name: str, body: str, context) -> bool:
    """PREPARE ``name``; one under that name left on the connection by anyone else (the
    ``tracker_`` names are this module's) is replaced, never adopted: it may be another query."""
    for attempt in (1, 2):
        try:
            execute(f"PREPARE {name} AS {body}", None, False, context)
            return True
        except DatabaseError as error:
            if _statement_error(error) != "42P05" or attempt == 2:  # 42P05: name taken
                return False
            _deallocate(execute, name, context)
    return False


def _statement_error(error: DatabaseError) -> str:
    """The SQLSTATE of an error the plain query may not have; anything that concerns the
    connection or the server (no code, or classes 08, 53, 57, 58: gone, out of resources,
    cancelled, shutting down) is raised as it is."""
    code = getattr(error.__cause__, "pgcode", None)
    if not code or code[:2] in {"08", "53", "57", "58"}:
        raise error
    return code


def _give_up(sql: str) -> None:
    if len(_unpreparable) >= MAX_COUNTED:
        _unpreparable.clear()
    _unpreparable.add(sql)


def _deallocate(execute: Callable, name: str, context) -> None:
    try:
        execute(f"DEALLOCATE {name}", None, False, context)
    except DatabaseError as error:
        _statement_error(error)  # anything but the connection's own trouble: already gone


class PreparedReadsMiddleware:
    """Runs the repeated reads of each request as prepared statements (see the module's notes).

    On with ``DATABASE_PREPARED_STATEMENTS=1``; a no-op on databases other than PostgreSQL.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.aliases = [alias for alias in connections if connections[alias].vendor == "postgresql"]

    def __call__(self, request):
        if not self.aliases:
            return self.get_response(request)
        with ExitStack() as stack:
            for alias in self.aliases:
                stack.enter_context(connections[alias].execute_wrapper(execute_prepared))
            return self.get_response(request)
