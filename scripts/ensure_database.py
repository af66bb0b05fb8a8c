"""`make run`: make sure the PostgreSQL database named by DATABASE_URL exists, creating it.

Says in one line what is wrong (and how to fix it) instead of a traceback. Nothing to do for the
embedded default (SQLite creates its file) or for other databases.
"""

from __future__ import annotations

import os
import sys

import dj_database_url
import psycopg2
from psycopg2 import errors, sql


def main() -> int:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return 0
    config = dj_database_url.parse(url)
    if "postgresql" not in config["ENGINE"]:
        return 0
    params = {
        "host": config.get("HOST") or "127.0.0.1",
        "port": config.get("PORT") or 5432,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "connect_timeout": 5,
    }
    name = config["NAME"]
    where = f"{params['host']}:{params['port']}"
    try:
        psycopg2.connect(dbname=name, **params).close()
        return 0
    except psycopg2.OperationalError as exc:
        if f'database "{name}" does not exist' not in str(exc):
            reason = str(exc).strip().splitlines()[-1]
            print(f"run: cannot connect to PostgreSQL at {where}: {reason}", file=sys.stderr)
            return 1
    try:
        server = psycopg2.connect(dbname="postgres", **params)
        server.autocommit = True
        with server.cursor() as cursor:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        server.close()
    except (psycopg2.OperationalError, errors.InsufficientPrivilege) as exc:
        user = params["user"] or "postgres"
        print(
            f"run: database {name!r} does not exist at {where} and could not be created "
            f"({str(exc).strip().splitlines()[0]}); create it with: "
            f"createdb -h {params['host']} -p {params['port']} -U {user} {name}",
            file=sys.stderr,
        )
        return 1
    print(f"run: created database {name!r} at {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
