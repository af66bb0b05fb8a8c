from __future__ import annotations

import pytest
from django.db import connection


@pytest.fixture(autouse=True, scope="session")
def _require_postgresql(django_db_setup, django_db_blocker) -> None:
    """The suite runs on PostgreSQL only: constraints, indexes and search differ on SQLite."""
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            pytest.exit(
                f"The tests run on PostgreSQL, but DATABASE_URL points at {connection.vendor}. "
                "Use `make test` or set DATABASE_URL=postgres://...",
                returncode=2,
            )


@pytest.fixture(autouse=True)
def _static_files_without_manifest(settings) -> None:
    """Pages render without a prior collectstatic: the tests run with DEBUG off, whose storage
    (whitenoise's manifest) needs the collected files' manifest."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
