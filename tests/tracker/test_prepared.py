"""Prepared statements for repeated reads (tracker/prepared.py), on the real PostgreSQL.

The requests here run in autocommit (``transaction=True``): inside the test transaction of the
plain ``db`` fixture the middleware rightly prepares nothing.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import DataError, connection, transaction
from rest_framework.test import APIClient

from negotiations.models import Statement
from negotiations.roles import REVIEWER, VIEWER
from tests.factories import TokenFactory, UserFactory, sample_record
from tracker import prepared

pytestmark = pytest.mark.django_db(transaction=True)

PREPARED = "tracker.prepared.PreparedReadsMiddleware"

ENDPOINTS = [
    "/api/v1/statements/",
    "/api/v1/articles/",
    "/api/v1/status-changes/",
    "/api/v1/search/?q=talks",
    "/api/v1/statements/?date_from=2023-01-01&ordering=-said_on",
]


@pytest.fixture(autouse=True)
def _fresh_state(settings):
    """The middleware on (it is off by default); no query counted or given up by an earlier
    test; no statement left on the connection."""
    if PREPARED not in settings.MIDDLEWARE:
        settings.MIDDLEWARE = [PREPARED, *settings.MIDDLEWARE]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1000/minute", "user": "1000/minute"},
    }
    prepared._seen.clear()
    prepared._unpreparable.clear()
    cache.clear()
    yield
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    connection.__dict__.pop("_tracker_prepared", None)
    cache.clear()


@pytest.fixture
def client() -> APIClient:
    sample_record()
    user = UserFactory(roles=(VIEWER, REVIEWER))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {TokenFactory(user=user).key}")
    return api


def server_statements() -> dict[str, str]:
    """The connection's prepared statements, name -> SQL text, as PostgreSQL lists them."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, statement FROM pg_prepared_statements")
        return dict(cursor.fetchall())


def body(client: APIClient, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200, response.content[:500]
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_query_without_parameters_is_prepared_too(client):
    """The articles' first page has no parameter; psycopg2 reads %% as % with an empty list."""
    with connection.execute_wrapper(prepared.execute_prepared), connection.cursor() as cursor:
        for _ in range(prepared.PREPARE_AFTER + 1):
            cursor.execute("SELECT '10%%' || 'a'", [])
            assert cursor.fetchall() == [("10%a",)]
    name = prepared.statement_name("SELECT '10%%' || 'a'")
    assert server_statements() == {name: f"PREPARE {name} AS SELECT '10%' || 'a'"}


def test_a_statement_whose_columns_would_change_type_stays_plain(client):
    """``SELECT %s`` with 5: psycopg2 sends the literal 5 (an integer); prepared, PostgreSQL types
    the untyped parameter as text and would answer '5'."""
    sql = "SELECT %s AS x, 1 AS one WHERE %s"
    with connection.execute_wrapper(prepared.execute_prepared), connection.cursor() as cursor:
        for _ in range(prepared.PREPARE_AFTER + 2):
            cursor.execute(sql, [5, True])
            assert cursor.fetchall() == [(5, 1)]
    assert sql in prepared._unpreparable
    assert server_statements() == {}


def test_a_query_that_fails_on_its_own_raises_and_is_not_given_up(client):
    """Bad input fails the plain query too: the error is the caller's, the statement stays
    preparable."""
    sql = "SELECT %s::date AS day"
    with connection.execute_wrapper(prepared.execute_prepared), connection.cursor() as cursor:
        for _ in range(prepared.PREPARE_AFTER + 1):
            cursor.execute(sql, ["2023-07-30"])
        assert server_statements()
        with pytest.raises(DataError):
            cursor.execute(sql, ["not a date"])
        assert sql not in prepared._unpreparable
        for _ in range(2):
            cursor.execute(sql, ["2023-07-31"])
            assert cursor.fetchall() == [(dt.date(2023, 7, 31),)]
    assert list(server_statements()) == [prepared.statement_name(sql)]


def test_statement_body_numbers_placeholders_and_unescapes_percent():
    assert prepared.statement_body("SELECT a FROM t WHERE b = %s AND c LIKE '10%%' AND d = %s") == (
        "SELECT a FROM t WHERE b = $1 AND c LIKE '10%' AND d = $2",
        2,
    )
    assert prepared.statement_body("SELECT a FROM t WHERE b = %(b)s") is None


@pytest.mark.parametrize("path", ENDPOINTS)
def test_repeated_reads_are_prepared_and_answer_the_same(client, path):
    plain = body(client, path)
    assert server_statements() == {}  # seen once: not worth a PREPARE yet
    answers = [body(client, path) for _ in range(prepared.PREPARE_AFTER + 2)]

    assert answers == [plain] * len(answers)
    statements = server_statements()
    assert statements, "nothing was prepared"
    assert all(name.startswith("tracker_") for name in statements)
    # The token query, the page query and (for statements) the nested ones.
    assert any("authtoken_token" in sql for sql in statements.values())
    assert len(statements) == len(connection._tracker_prepared.names)


def test_a_lost_statement_falls_back_to_the_plain_query_and_is_prepared_again(client):
    path = "/api/v1/statements/"
    expected = [body(client, path) for _ in range(prepared.PREPARE_AFTER + 1)][-1]
    assert server_statements()
    with connection.cursor() as cursor:  # as a pooler or DISCARD ALL would leave it
        cursor.execute("DEALLOCATE ALL")

    assert body(client, path) == expected  # EXECUTE failed: every query ran plainly
    assert server_statements() == {}
    assert body(client, path) == expected
    assert len(server_statements()) == len(connection._tracker_prepared.names) > 0


def test_a_statement_whose_result_type_changed_is_given_up(client):
    """After a migration changes a column's type, EXECUTE of a statement prepared before it
    fails ("cached plan must not change result type"): the query runs plainly from then on."""
    path = "/api/v1/articles/"
    for _ in range(prepared.PREPARE_AFTER):
        expected = body(client, path)
    page_sql = next(
        sql for sql in connection._tracker_prepared.names if 'FROM "negotiations_article"' in sql
    )
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE negotiations_outlet ALTER COLUMN name TYPE text")
    try:
        assert body(client, path) == expected
        assert page_sql in prepared._unpreparable
        assert page_sql not in connection._tracker_prepared.names
        assert prepared.statement_name(page_sql) not in server_statements()  # deallocated
        assert body(client, path) == expected
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE negotiations_outlet ALTER COLUMN name TYPE varchar(200)")


def test_another_statement_under_the_same_name_is_replaced_not_adopted(client):
    path = "/api/v1/articles/"
    expected = body(client, path)
    body(client, path)
    # Seen twice; before the third request prepares them, another statement takes their names.
    for sql in prepared._seen:
        with connection.cursor() as cursor:
            cursor.execute(f"PREPARE {prepared.statement_name(sql)} AS SELECT 1")

    assert body(client, path) == expected
    statements = server_statements()
    assert set(connection._tracker_prepared.names.values()) == set(statements)
    assert "SELECT 1" not in statements.values()
    assert body(client, path) == expected


def test_reads_inside_a_transaction_are_left_alone(client):
    with transaction.atomic():
        answers = {body(client, "/api/v1/statements/") for _ in range(prepared.PREPARE_AFTER + 2)}
    assert len(answers) == 1
    assert server_statements() == {}


def test_server_side_cursors_are_left_alone(client):
    """A named cursor (``iterator()``, the streamed exports) wraps its query in DECLARE ... FOR,
    which takes no EXECUTE."""
    with connection.execute_wrapper(prepared.execute_prepared):
        texts = [
            [s.text for s in Statement.objects.filter(id__gt=0).iterator(chunk_size=10)]
            for _ in range(prepared.PREPARE_AFTER + 2)
        ]
    assert texts[0]
    assert all(run == texts[0] for run in texts)
    assert server_statements() == {}


def test_streamed_exports_answer_the_same(client):
    path = "/api/v1/statements/export/?format=jsonl"
    exports = {body(client, path) for _ in range(prepared.PREPARE_AFTER + 2)}
    assert len(exports) == 1
    assert b"Talks will start next week." in exports.pop()


def test_each_connection_keeps_a_bounded_number_of_statements(client, monkeypatch):
    monkeypatch.setattr(prepared, "MAX_PER_CONNECTION", 2)
    for path in ENDPOINTS:
        for _ in range(prepared.PREPARE_AFTER + 1):
            body(client, path)
        assert len(server_statements()) <= 2
    assert len(connection._tracker_prepared.names) == len(server_statements()) == 2


def test_a_new_connection_starts_with_no_statements(client):
    for _ in range(prepared.PREPARE_AFTER + 1):
        body(client, "/api/v1/statements/")
    assert server_statements()
    connection.close()

    body(client, "/api/v1/statements/")  # seen often enough: prepared at once on the new one
    assert len(server_statements()) == len(connection._tracker_prepared.names) > 0


def test_nothing_is_prepared_without_the_middleware(client, settings):
    middleware = "tracker.prepared.PreparedReadsMiddleware"
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != middleware]
    for _ in range(prepared.PREPARE_AFTER + 2):
        body(client, "/api/v1/statements/")
    assert server_statements() == {}
