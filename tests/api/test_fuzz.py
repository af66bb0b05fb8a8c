"""Schema-driven fuzzing: schemathesis against the running service, with every check it has.

The service is gunicorn (two workers, 127.0.0.1, an ephemeral port) over the test database, as in
production; schemathesis runs as a subprocess with a token that holds all three roles, so writes,
review actions and pending reads are exercised too. The coverage phase (boundary and invalid
values for every parameter), a bounded fuzzing phase and the stateful phase (the schema's links)
run with all checks (`tests/api/schemathesis.toml` says what the schema cannot);
SCHEMATHESIS_SEED / SCHEMATHESIS_EXAMPLES / SCHEMATHESIS_PHASES / SCHEMATHESIS_CHECKS /
SCHEMATHESIS_TIMEOUT widen it by hand (docs/BENCHMARKS.md records a longer run).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from negotiations.roles import ANALYST, REVIEWER, VIEWER
from tests.factories import TokenFactory, UserFactory, sample_record

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

# Every check schemathesis has; what the schema cannot say is in the configuration file.
CHECKS = "all"
CONFIG = Path(__file__).with_name("schemathesis.toml")


@pytest.fixture
def gunicorn_url(transactional_db, tmp_path) -> Iterator[str]:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "DEBUG": "0",
        "SECRET_KEY": "fuzz-only-secret-key-not-for-production-0123456789abcdefghijkl",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "API_THROTTLE_USER": "1000000/minute",
        "API_THROTTLE_EXPORT": "1000000/minute",
        "DATABASE_CONN_MAX_AGE": "60",
    }
    log = tmp_path / "gunicorn.log"
    with log.open("w") as sink:
        server = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "-c",
                "python:tracker.gunicorn_conf",
                "tracker.wsgi",
                "--bind",
                "127.0.0.1:0",
                "--workers",
                "2",
                "--log-level",
                "info",
            ],
            cwd=Path(__file__).resolve().parents[2],
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        port = None
        while port is None and time.monotonic() < deadline and server.poll() is None:
            found = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", log.read_text())
            if found:
                port = found.group(1)
            else:
                time.sleep(0.2)
        assert port, f"gunicorn did not start: {log.read_text()[-3000:]}"
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_schemathesis_finds_no_server_error_and_no_schema_breach(gunicorn_url, tmp_path) -> None:
    sample_record()
    user = UserFactory(roles=[VIEWER, ANALYST, REVIEWER])
    token = TokenFactory(user=user)
    st = Path(sys.executable).with_name("schemathesis")
    # The schema is generated on request, which takes seconds on a busy machine: fetch it once
    # with room to spare, and give schemathesis the file with the server's address.
    schema = tmp_path / "schema.yaml"
    with urllib.request.urlopen(  # loopback: the server this test started
        urllib.request.Request(
            f"{gunicorn_url}/api/schema/",
            headers={"Authorization": f"Token {token.key}"},
        ),
        timeout=120,
    ) as response:
        schema.write_bytes(response.read())
    command = [
        str(st),
        "--config-file",
        str(CONFIG),
        "run",
        str(schema),
        "--url",
        gunicorn_url,
        "--header",
        f"Authorization: Token {token.key}",
        "--checks",
        os.environ.get("SCHEMATHESIS_CHECKS", CHECKS),
        "--max-examples",
        os.environ.get("SCHEMATHESIS_EXAMPLES", "5"),
        "--phases",
        os.environ.get("SCHEMATHESIS_PHASES", "coverage,fuzzing,stateful"),
        "--seed",
        os.environ.get("SCHEMATHESIS_SEED", "20231"),
        "--workers",
        "2",
        "--no-shrink",
        "--request-timeout",
        "30",
        "--suppress-health-check",
        "all",
        # Submitting a URL queues a real fetch of whatever URL was generated: not from a test.
        "--exclude-operation-id",
        "ingestion_jobs_create",
    ]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=int(os.environ.get("SCHEMATHESIS_TIMEOUT", "900")),
        cwd=tmp_path,  # its report directory stays out of the repository
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-12000:]
    assert re.search(r"Tested: \d+", output), output[-3000:]
    assert "passed" in output, output[-3000:]
