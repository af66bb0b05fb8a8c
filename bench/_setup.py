"""Django set-up for the benchmark scripts: a separate PostgreSQL database, migrated, emptied."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(
    os.environ.get(
        "EXTRACTION_CORPUS",
        ROOT.parent.parent / "shared" / "corpora" / "article-extraction-benchmark",
    )
)
if not CORPUS.exists():
    CORPUS = Path("/work/shared/corpora/article-extraction-benchmark")


def setup(default_db: str = "tracker_bench") -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{default_db}")
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    url = urlparse(os.environ["DATABASE_URL"])
    import psycopg2

    conn = psycopg2.connect(
        host=url.hostname, port=url.port or 5432, user=url.username or "postgres", dbname="postgres"
    )
    conn.autocommit = True
    with conn.cursor() as cur:
        name = url.path.lstrip("/")
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    empty()


def empty() -> None:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "TRUNCATE negotiations_article, negotiations_statement, negotiations_statuschange, "
            "negotiations_alias, negotiations_official, negotiations_party, negotiations_place, "
            "negotiations_track, negotiations_outlet, negotiations_ingestionjob, "
            "negotiations_ingestionlog, negotiations_story CASCADE"
        )
