"""Admin for ingestion, and recovery of a job whose worker died during analysis."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from negotiations.models import IngestionJob, IngestionLog
from negotiations.services import ingest, queue
from tests.factories import (
    FeedFactory,
    FetchedDocumentFactory,
    IngestionJobFactory,
    SuperuserFactory,
)
from tests.ingest.conftest import seed_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = SuperuserFactory(username="root")
    client.force_login(user)
    return client


def test_admin_lists_jobs_feeds_and_log_with_fixed_queries(admin_client, django_assert_num_queries):
    for i in range(5):
        feed = FeedFactory(url=f"https://f{i}.example/rss")
        job = IngestionJobFactory(kind="url", url=f"https://a{i}.example/", feed=feed)
        ingest.job_fail(job=job, kind="http_status", message=f"HTTP 404 from https://a{i}.example/")
    # session, user, count, rows, + date hierarchy (2) and error-kind filter (1) for jobs,
    # the outlet filter and the unfiltered count for feeds, the event filter for the log.
    for name, queries in (("ingestionjob", 7), ("feed", 6), ("ingestionlog", 5)):
        url = reverse(f"admin:negotiations_{name}_changelist")
        admin_client.get(url)  # warm the session and content types
        with django_assert_num_queries(queries):
            response = admin_client.get(url)
        assert response.status_code == 200
    response = admin_client.get(reverse("admin:negotiations_ingestionjob_changelist"))
    assert b"HTTP 404 from https://a3.example/" in response.content


@pytest.mark.django_db(transaction=True)  # the fetch runs on a background thread
def test_admin_add_submits_a_url(admin_client, server, record):
    page = server.add(
        "/n", seed_html("002", "Talks start", "2023-08-04"), headers={"Content-Type": "text/html"}
    )
    response = admin_client.post(reverse("admin:negotiations_ingestionjob_add"), {"url": page})
    assert response.status_code == 302  # answered without waiting for the page
    # Read only once the background thread is done: the SQLite lane's in-memory database
    # (shared cache) reports a table lock at once instead of waiting for it.
    assert queue.background_wait(60)
    assert admin_client.get(response["Location"]).status_code == 200
    job = IngestionJob.objects.get()
    assert job.url == page
    assert job.submitted_by.username == "root"
    assert job.status == IngestionJob.Status.DONE
    detail = admin_client.get(reverse("admin:negotiations_ingestionjob_change", args=[job.pk]))
    assert b"fetched" in detail.content


def test_job_lost_during_analysis_is_claimed_again_only_when_stale(record, settings):
    job = IngestionJobFactory(kind="url", url="https://rt.example/news/1")
    FetchedDocumentFactory(job=job, body=seed_html("000", "Talks", "2023-07-30"))
    recently = timezone.now() - dt.timedelta(seconds=30)
    IngestionJob.objects.filter(pk=job.pk).update(status="analysing", claimed_at=recently)
    assert ingest.job_analyse(job_id=job.pk) is None  # another worker is on it
    long_ago = timezone.now() - dt.timedelta(seconds=settings.INGEST_STALE_CLAIM_SECONDS + 60)
    IngestionJob.objects.filter(pk=job.pk).update(claimed_at=long_ago)
    assert ingest.job_analyse(job_id=job.pk).status == IngestionJob.Status.DONE
    job.refresh_from_db()
    assert job.article.outlet == record["outlet"]
    assert not IngestionLog.objects.filter(job=job, level="error").exists()


def test_lost_messages_are_requeued(record, server, django_capture_on_commit_callbacks):
    from negotiations.tasks import requeue_stale_jobs

    page = server.add(
        "/p", seed_html("003", "Virtual talks", "2023-08-01"), headers={"Content-Type": "text/html"}
    )
    lost_fetch = IngestionJobFactory(kind="url", url=page)
    lost_analysis = IngestionJobFactory(kind="url", url=server.url("/q"))
    FetchedDocumentFactory(
        job=lost_analysis, body=seed_html("001", "Talks this week", "2023-07-30")
    )
    IngestionJob.objects.filter(pk=lost_analysis.pk).update(status="fetched")
    fresh = IngestionJobFactory(kind="url", url=server.url("/r"))
    long_ago = timezone.now() - dt.timedelta(hours=2)
    IngestionJob.objects.exclude(pk=fresh.pk).update(updated_at=long_ago)
    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_stale_jobs.delay().get() == {"analyse": 1, "fetch": 1}
    assert IngestionJob.objects.get(pk=lost_fetch.pk).status == IngestionJob.Status.DONE
    assert IngestionJob.objects.get(pk=lost_analysis.pk).status == IngestionJob.Status.DONE
    assert IngestionJob.objects.get(pk=fresh.pk).status == IngestionJob.Status.QUEUED


def test_a_fetch_left_by_a_dead_worker_is_claimed_again_then_given_up(record, server, settings):
    page = server.add(
        "/lost-fetch",
        seed_html("003", "Virtual talks", "2023-08-01"),
        headers={"Content-Type": "text/html"},
    )
    job = IngestionJob.objects.create(kind="url", url=page)
    recently = timezone.now() - dt.timedelta(seconds=30)
    IngestionJob.objects.filter(pk=job.pk).update(
        status="fetching", claimed_at=recently, attempts=1
    )
    assert ingest.job_fetch(job_id=job.pk) is False  # a live fetch is left alone
    assert ingest.jobs_requeue_stale()["fetch"] == 0
    long_ago = timezone.now() - dt.timedelta(seconds=settings.INGEST_STALE_CLAIM_SECONDS + 60)
    IngestionJob.objects.filter(pk=job.pk).update(claimed_at=long_ago, updated_at=long_ago)
    assert ingest.job_fetch(job_id=job.pk) is True  # its worker died: claimed and fetched
    job.refresh_from_db()
    assert (job.status, job.attempts) == (IngestionJob.Status.FETCHED, 2)
    # A job whose every fetch kills its worker ends, after its last attempt, as a failure.
    IngestionJob.objects.filter(pk=job.pk).update(
        status="fetching", claimed_at=long_ago, attempts=settings.INGEST_FETCH_MAX_RETRIES + 1
    )
    assert ingest.job_fetch(job_id=job.pk) is False
    job.refresh_from_db()
    assert (job.status, job.error_kind) == (IngestionJob.Status.FAILED, "worker_lost")
