"""Without a broker (the embedded default), nothing crashes the caller and web requests never
fetch inline; against real HTTP servers on 127.0.0.1 that fail, throttle or stall."""

from __future__ import annotations

import ast
import datetime as dt
import threading
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from celery.exceptions import SoftTimeLimitExceeded
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from negotiations.models import Article, IngestionJob, IngestionLog
from negotiations.roles import ANALYST
from negotiations.services import ingest, queue
from tests.api.conftest import _client_for
from tests.factories import FeedFactory, IngestionJobFactory
from tests.ingest.conftest import SEEDS, seed_html
from tests.ingest.httpserver import Route
from tests.ingest.test_feeds import rss

Status = IngestionJob.Status
HTML = {"Content-Type": "text/html"}


def stalled(server, path: str, body: bytes, content_type: str) -> threading.Event:
    """A route that answers only once the returned event is set (a slow page)."""
    release = threading.Event()

    def handler(_headers):
        release.wait(30)
        return Route(status=200, headers={"Content-Type": content_type}, body=body)

    server.add_dynamic(path, handler)
    return release


@pytest.mark.django_db(
    transaction=True
)  # commits as the command does, outside any test transaction
def test_submit_url_goes_on_after_500_and_429_and_records_the_next_attempt(server, record):
    broken = server.add("/broken", b"oops", status=500, headers=HTML)
    throttled = server.add("/throttled", b"slow down", status=429, headers=HTML)
    good = server.add("/good", seed_html("002", "Talks start", "2023-08-04"), headers=HTML)
    out = StringIO()
    before = timezone.now()
    call_command("submit_url", broken, throttled, good, stdout=out)
    jobs = {job.url: job for job in IngestionJob.objects.all()}
    assert jobs[good].status == Status.DONE
    for url in (broken, throttled):
        job = jobs[url]
        assert job.status == Status.QUEUED
        assert job.attempts == 1
        assert job.next_attempt_at > before
        assert job.error.startswith("will retry at ")
        assert f"job #{job.pk}: queued will retry at" in out.getvalue()
    assert f"job #{jobs[good].pk}: done" in out.getvalue()
    assert IngestionLog.objects.filter(event="retry").count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_next_command_run_retries_what_is_due(server, record):
    flaky = server.add("/flaky", b"oops", status=500, headers=HTML)
    job = ingest.submit_url(url=flaky)
    job.refresh_from_db()
    assert job.status == Status.QUEUED
    server.add("/flaky", seed_html("003", "Virtual talks", "2023-08-01"), headers=HTML)
    other = server.add("/other", seed_html("002", "Talks start", "2023-08-04"), headers=HTML)
    # Before the retry is due, a new run leaves the job alone.
    call_command("submit_url", other, stdout=StringIO())
    job.refresh_from_db()
    assert job.status == Status.QUEUED
    with time_machine.travel(job.next_attempt_at + dt.timedelta(seconds=1)):
        call_command("submit_url", other, stdout=StringIO())
    job.refresh_from_db()
    assert job.status == Status.DONE, job.error
    assert job.attempts == 2
    assert job.next_attempt_at is None


@pytest.mark.django_db
def test_retries_end_in_a_failure_with_the_reason(server, settings):
    settings.INGEST_FETCH_MAX_RETRIES = 2
    url = server.add("/down", b"down", status=503, headers=HTML)
    job = IngestionJobFactory(kind="url", url=url)
    for _ in range(3):
        ingest.job_fetch(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert job.error == f"HTTP 503 from {url}"
    assert job.attempts == 3


@pytest.mark.django_db(transaction=True)
def test_api_submission_answers_before_the_page_does(server, record):
    release = stalled(server, "/slow", seed_html("002", "Talks", "2023-08-04"), "text/html")
    client = _client_for(ANALYST)
    try:
        response = client.post("/api/v1/ingestion-jobs/", {"url": server.url("/slow")})
        assert response.status_code == 202, response.content
        assert response.json()["status"] == "queued"
        assert not release.is_set()  # answered while the page was still being waited for
    finally:
        release.set()
    assert queue.background_wait(60)
    job = IngestionJob.objects.get(pk=response.json()["id"])
    assert job.status == Status.DONE, job.error


@pytest.mark.django_db(transaction=True)
def test_api_submission_of_a_failing_page_is_a_json_202_and_a_recorded_retry(
    server, record, settings
):
    # The retry's timer is due in an hour: it does not fire while the rest of the suite runs.
    settings.INGEST_FETCH_RETRY_BACKOFF = settings.INGEST_FETCH_RETRY_BACKOFF_MAX = 3600
    client = _client_for(ANALYST)
    url = server.add("/throttled", b"slow down", status=429, headers=HTML)
    response = client.post("/api/v1/ingestion-jobs/", {"url": url})
    assert response.status_code == 202
    assert queue.background_wait(60)
    job = IngestionJob.objects.get(pk=response.json()["id"])
    assert job.status == Status.QUEUED
    assert job.next_attempt_at > timezone.now() + dt.timedelta(minutes=59)
    assert job.error_kind == "http_status"
    polled = client.get(f"/api/v1/ingestion-jobs/{job.pk}/").json()
    assert polled["status"] == "queued"
    assert polled["next_attempt_at"] == job.next_attempt_at.isoformat().replace("+00:00", "Z")
    assert polled["error"].startswith("will retry at ")


@pytest.mark.django_db(transaction=True)
def test_a_web_submission_is_retried_in_the_background_when_due(server, record, settings):
    settings.INGEST_FETCH_RETRY_BACKOFF = 0  # due at once: the background thread retries it
    calls = []
    page = seed_html("002", "Talks start", "2023-08-04")

    def flaky(_headers):
        calls.append(1)
        if len(calls) == 1:
            return Route(status=500, headers=HTML, body=b"oops")
        return Route(status=200, headers=HTML, body=page)

    url = server.add_dynamic("/flaky", flaky)
    response = _client_for(ANALYST).post("/api/v1/ingestion-jobs/", {"url": url})
    assert response.status_code == 202
    assert queue.background_wait(60)
    job = IngestionJob.objects.get(pk=response.json()["id"])
    assert job.status == Status.DONE, job.error
    assert job.attempts == 2
    assert IngestionLog.objects.filter(job=job, event="retry").count() == 1


@pytest.mark.django_db(transaction=True)
def test_admin_poll_now_answers_at_once_and_polls_in_the_background(server, admin_client):
    page = seed_html("002", "Talks start", "2023-08-04")
    server.add("/a", page, headers=HTML)
    feed_body = rss(server, [("Talks start", "/a", "Fri, 04 Aug 2023 09:00:00 GMT")])
    release = stalled(server, "/feed.xml", feed_body, "application/rss+xml")
    feed = FeedFactory(url=server.url("/feed.xml"))
    try:
        response = admin_client.post(
            reverse("admin:negotiations_feed_changelist"),
            {"action": "poll_now", "_selected_action": [feed.pk]},
        )
        assert response.status_code == 302
        assert not release.is_set()
    finally:
        release.set()
    assert queue.background_wait(60)
    feed.refresh_from_db()
    assert feed.last_success_at is not None, feed.last_error
    assert IngestionJob.objects.filter(feed=feed).count() == 1


@pytest.mark.django_db
def test_reprocess_is_queued_in_tasks_of_bounded_size(record, settings):
    call_command("ingest", str(SEEDS), stdout=StringIO())
    settings.INGEST_REPROCESS_CHUNK = 2
    ids = list(Article.objects.values_list("pk", flat=True))
    assert len(ids) == 5
    out = StringIO()
    call_command("reprocess", "--queue", stdout=out)
    assert "queued re-analysis of 5 in 3 tasks" in out.getvalue()


@pytest.mark.django_db
def test_reprocess_lets_the_soft_time_limit_through(record, monkeypatch):
    call_command("ingest", str(SEEDS), stdout=StringIO())

    def out_of_time(**_kwargs):
        raise SoftTimeLimitExceeded

    monkeypatch.setattr(ingest, "article_analyse", out_of_time)
    with pytest.raises(SoftTimeLimitExceeded):
        ingest.articles_reprocess(article_ids=list(Article.objects.values_list("pk", flat=True)))


def test_services_never_import_the_tasks():
    """One way round: tasks import services; services queue work by task name."""
    services = Path(ingest.__file__).parent
    for path in services.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert node.module != "negotiations.tasks", path
                assert not any(alias.name == "tasks" for alias in node.names), path


@pytest.mark.django_db(transaction=True)
def test_admin_reanalyse_queues_the_work_and_answers_at_once(
    record, admin_client, settings, monkeypatch
):
    call_command("ingest", str(SEEDS), stdout=StringIO())
    settings.INGEST_REPROCESS_CHUNK = 2
    analysed: list[int] = []
    real = ingest.article_analyse

    def spy(*, article, **kwargs):
        analysed.append(article.pk)
        return real(article=article, **kwargs)

    monkeypatch.setattr(ingest, "article_analyse", spy)
    jobs = list(IngestionJob.objects.values_list("pk", flat=True))
    response = admin_client.post(
        reverse("admin:negotiations_ingestionjob_changelist"),
        {"action": "reanalyse", "_selected_action": jobs},
        follow=True,
    )
    assert response.status_code == 200
    assert "Re-analysis of 5 articles queued." in response.content.decode()
    assert queue.background_wait(120)
    assert sorted(analysed) == sorted(Article.objects.values_list("pk", flat=True))
