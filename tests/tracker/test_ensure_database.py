"""`make run` with a DATABASE_URL naming a database that does not exist creates it, or says in
one line why it cannot (scripts/ensure_database.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import dj_database_url
import psycopg2

BASE_DIR = Path(__file__).resolve().parents[2]


def ensure(url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "scripts/ensure_database.py"],
        cwd=BASE_DIR,
        env={"PATH": os.environ["PATH"], "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _server_url(name: str, user: str | None = None) -> tuple[str, dict]:
    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    host, port = config["HOST"] or "127.0.0.1", config["PORT"] or 5432
    user = user or config["USER"] or "postgres"
    params = {"host": host, "port": port, "user": config["USER"] or "postgres"}
    return f"postgres://{user}@{host}:{port}/{name}", params


def test_a_missing_database_is_created_once():
    name = f"tracker_run_{uuid.uuid4().hex[:8]}"
    url, params = _server_url(name)
    try:
        first = ensure(url)
        assert first.returncode == 0, first.stderr
        assert (
            first.stdout.strip()
            == f"run: created database '{name}' at {params['host']}:{params['port']}"
        )
        psycopg2.connect(dbname=name, **params).close()
        again = ensure(url)
        assert again.returncode == 0, again.stderr
        assert again.stdout == ""
    finally:
        server = psycopg2.connect(dbname="postgres", **params)
        server.autocommit = True
        with server.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        server.close()


def test_a_failure_is_one_line_naming_the_cause():
    url, _ = _server_url("tracker_nowhere", user="no_such_role_here")
    result = ensure(url)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("run: cannot connect to PostgreSQL at ")
    assert 'role "no_such_role_here" does not exist' in lines[0]


def test_without_the_right_to_create_it_says_how():
    role = f"tracker_plain_{uuid.uuid4().hex[:8]}"
    url, params = _server_url("tracker_not_there", user=role)
    server = psycopg2.connect(dbname="postgres", **params)
    server.autocommit = True
    try:
        with server.cursor() as cursor:
            cursor.execute(f'CREATE ROLE "{role}" LOGIN NOCREATEDB')
        result = ensure(url)
        assert result.returncode == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1
        assert "database 'tracker_not_there' does not exist" in lines[0]
        assert lines[0].endswith(
            f"createdb -h {params['host']} -p {params['port']} -U {role} tracker_not_there"
        )
    finally:
        with server.cursor() as cursor:
            cursor.execute(f'DROP ROLE IF EXISTS "{role}"')
        server.close()
