from __future__ import annotations

import ipaddress
import socket

import pytest
from django.db import connection

# The SQLite lane (`make test` runs it after the PostgreSQL suite, with DATABASE_URL=sqlite://)
# runs what must hold on the embedded default too: the tests under these directories, except
# those marked postgresql_only (query counts, full-text search, PostgreSQL-only SQL) and the
# integration and browser tests (a real worker, gunicorn, Chromium: PostgreSQL lane only).
BACKEND_NEUTRAL_DIRS = ("tests/ingest", "tests/api", "tests/workbench", "tests/admin")
LANE_EXCLUDED_MARKERS = ("postgresql_only", "integration", "browser")
# The unit layer: the reading (negotiations/text/) is free of Django, and so are its tests. They
# need no database, run first, and alone with `make test-fast`.
UNIT_DIRS = ("tests/text",)


def pytest_collection_modifyitems(config, items) -> None:
    root = config.rootpath
    items.sort(key=lambda item: not item.path.relative_to(root).as_posix().startswith(UNIT_DIRS))
    for item in items:
        path = item.path.relative_to(root).as_posix()
        if path.startswith(BACKEND_NEUTRAL_DIRS) and not any(
            item.get_closest_marker(name) for name in LANE_EXCLUDED_MARKERS
        ):
            item.add_marker(pytest.mark.backend_neutral)
    if connection.vendor == "postgresql":
        return
    kept = [item for item in items if item.get_closest_marker("backend_neutral")]
    deselected = [item for item in items if not item.get_closest_marker("backend_neutral")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


def pytest_sessionstart(session) -> None:
    """PostgreSQL runs everything; SQLite runs the backend-neutral lane (see above). The test
    database is made on the first test that needs one (none for the unit layer)."""
    if connection.vendor not in {"postgresql", "sqlite"}:
        pytest.exit(
            f"The tests run on PostgreSQL (and the neutral lane on SQLite), but DATABASE_URL "
            f"points at {connection.vendor}. Use `make test`.",
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


@pytest.fixture(autouse=True)
def dns(monkeypatch) -> dict[str, str]:
    """Name lookups answered here, never by a DNS server: the tests stay on loopback. A test
    maps a name to an address (``dns["news.example"] = "10.0.0.5"``); "localhost" is loopback
    and any other name does not resolve."""
    from negotiations.services import fetch

    names = {"localhost": "127.0.0.1"}

    def resolve(host: str, port: int) -> list[tuple]:
        try:  # an address literal is its own answer, as getaddrinfo gives it
            address = str(ipaddress.ip_address(host.strip("[]")))
        except ValueError:
            address = names.get(host.lower().rstrip("."))
        if address is None:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known (test resolver)")
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(fetch, "resolve", resolve)
    return names
