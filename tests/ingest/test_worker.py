"""End to end on real parts: Redis broker, a real Celery worker, a local HTTP server, PostgreSQL."""

from __future__ import annotations

import os
import time

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.db import connections

from negotiations.models import IngestionJob, Statement, StatusChange
from negotiations.services.ingest import submit_url
from negotiations.tasks import poll_feed
from tests.factories import FeedFactory
from tests.ingest.test_feeds import rss, serve_seed_feed

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(settings):
    from tracker.celery import app

    broker = os.environ.get("CELERY_BROKER_URL") or os.environ["TEST_REDIS_URL"]
    redis.Redis.from_url(broker).flushdb()
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager", "result_backend")}
    saved_age = connections.settings["default"]["CONN_MAX_AGE"]
    # Worker threads close their database connections after each task (no leftover sessions).
    connections.settings["default"]["CONN_MAX_AGE"] = 0
    # negotiations.services.queue sends to the broker once one is configured.
    settings.CELERY_BROKER_URL = broker
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.update(broker_url=broker, task_always_eager=False, result_backend=None)
    _reconnect(app)
    try:
        with start_worker(
            app, pool="threads", concurrency=2, perform_ping_check=False, shutdown_timeout=30
        ):
            yield app
    finally:
        app.conf.update(saved)
        _reconnect(app)
        connections.settings["default"]["CONN_MAX_AGE"] = saved_age


def _reconnect(app) -> None:
    """Forget the connections made for the previous broker: an eager call earlier in the run
    (``apply_async`` acquires a producer even when eager) opened them for the default one."""
    app.close()  # drops the connection pool
    app.__dict__.pop("amqp", None)  # and app.amqp, which caches the producer pool


def wait_for(predicate, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_feed_to_pending_statements_and_status_proposals(server, record, worker):
    items = serve_seed_feed(server)
    url = server.add(
        "/feed.xml", rss(server, items), headers={"Content-Type": "application/rss+xml"}
    )
    feed = FeedFactory(url=url, outlet=record["outlet"])
    poll_feed.delay(feed.pk)
    finished = [s for s in IngestionJob.FINISHED]
    assert wait_for(
        lambda: IngestionJob.objects.filter(feed=feed).count() == 2
        and not IngestionJob.objects.filter(feed=feed).exclude(status__in=finished).exists()
    ), list(IngestionJob.objects.values_list("status", "error"))
    jobs = IngestionJob.objects.filter(feed=feed)
    assert set(jobs.values_list("status", flat=True)) == {"done"}
    yermak = record["people"]["yermak"]
    statements = Statement.objects.filter(speaker=yermak, review_state="pending", origin="machine")
    assert statements.count() >= 6
    assert StatusChange.objects.filter(
        track=record["track"], status="talks_under_way", review_state="pending"
    ).exists()


def test_submitted_url_job_can_be_polled_until_done(server, record, worker):
    from tests.ingest.conftest import seed_html

    page = server.add(
        "/news/k",
        seed_html("004", "Kyslytsya", "2025-03-20"),
        headers={"Content-Type": "text/html"},
    )
    loop = server.add("/loop", status=302, headers={"Location": "/loop"})
    ok = submit_url(url=page)
    bad = submit_url(url=loop)
    assert wait_for(lambda: all(IngestionJob.objects.get(pk=j.pk).is_finished for j in (ok, bad)))
    ok.refresh_from_db()
    bad.refresh_from_db()
    assert ok.status == "done", ok.error
    assert ok.article.reports.filter(statement__speaker=record["people"]["kyslytsya"]).count() >= 5
    assert bad.status == "failed"
    assert bad.error_kind == "redirect_loop"
