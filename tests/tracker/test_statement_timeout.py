"""Web requests have a statement timeout on PostgreSQL (issue 13, "cost is bounded per request"):
gunicorn marks its workers, the settings give their connections ``statement_timeout``, and a
cancelled statement is the API's JSON 503, not a 500."""

from __future__ import annotations

import pytest
from django.db import OperationalError, connection, transaction

from negotiations.api.exceptions import api_exception_handler
from tests.tracker.test_settings import manage, production_env

SHOW = "from django.conf import settings; print(settings.DATABASES['default'].get('OPTIONS'))"


def test_only_web_processes_get_the_statement_timeout() -> None:
    web = manage("shell", "-c", SHOW, **production_env(TRACKER_PROCESS="web"))
    assert web.returncode == 0, web.stderr
    assert "-c statement_timeout=30000" in web.stdout
    tuned = manage(
        "shell", "-c", SHOW, **production_env(TRACKER_PROCESS="web", WEB_STATEMENT_TIMEOUT="5000")
    )
    assert "-c statement_timeout=5000" in tuned.stdout
    worker = manage("shell", "-c", SHOW, **production_env())
    assert worker.returncode == 0, worker.stderr
    assert "statement_timeout" not in worker.stdout
    off = manage(
        "shell", "-c", SHOW, **production_env(TRACKER_PROCESS="web", WEB_STATEMENT_TIMEOUT="0")
    )
    assert "statement_timeout" not in off.stdout


def test_gunicorn_marks_its_workers() -> None:
    from tracker import gunicorn_conf

    assert "TRACKER_PROCESS=web" in gunicorn_conf.raw_env


@pytest.mark.postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_cancelled_statement_is_a_json_503() -> None:
    def sleep_past_the_timeout() -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 50")
            cursor.execute("SELECT pg_sleep(2)")

    with pytest.raises(OperationalError) as caught:
        sleep_past_the_timeout()
    response = api_exception_handler(caught.value, {})
    assert response is not None
    assert response.status_code == 503
    assert response.data["code"] == "timeout"
    assert "WEB_STATEMENT_TIMEOUT" in response.data["detail"]
