"""Fail early, and say which service is missing, before the test suite starts.

The suite uses the real PostgreSQL and Redis; a missing service is an error, never a silent skip.
"""

from __future__ import annotations

import os
import sys
from urllib.parse import urlparse

import psycopg2
import redis


def main() -> int:
    problems = []
    db_url = os.environ.get("DATABASE_URL", "")
    parsed = urlparse(db_url)
    if parsed.scheme not in {"postgres", "postgresql", "pgsql"}:
        problems.append(f"DATABASE_URL must point at PostgreSQL for the tests (got {db_url!r})")
    else:
        try:
            psycopg2.connect(
                host=parsed.hostname or "127.0.0.1",
                port=parsed.port or 5432,
                user=parsed.username or "postgres",
                password=parsed.password or None,
                dbname="postgres",
                connect_timeout=5,
            ).close()
        except psycopg2.Error as exc:
            problems.append(
                f"PostgreSQL is not reachable at {parsed.hostname}:{parsed.port or 5432}: "
                f"{str(exc).strip()}"
            )
    redis_url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=5).ping()
    except redis.RedisError as exc:
        problems.append(f"Redis is not reachable at {redis_url}: {exc}")
    for problem in problems:
        print(f"check_services: {problem}", file=sys.stderr)
    if problems:
        print(
            "check_services: start the services (see README, 'Running the tests').", file=sys.stderr
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
