"""Celery tasks: small, taking ids, acknowledged late, bounded in time.

Only transient network failures are retried (with exponential backoff); every other failure is
recorded on the job by the service and the task returns normally.
"""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from negotiations.services import feeds as feed_services
from negotiations.services import ingest


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(ingest.TransientFetchError,),
    retry_backoff=2,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=settings.INGEST_FETCH_MAX_RETRIES,
    soft_time_limit=90,
    time_limit=120,
)
def fetch_job(self, job_id: int) -> str:
    final = self.request.retries >= self.max_retries
    try:
        fetched = ingest.job_fetch(job_id=job_id, final_attempt=final)
    except ingest.TransientFetchError as exc:
        if exc.retry_after is None:
            raise  # autoretry with backoff
        raise self.retry(exc=exc, countdown=exc.retry_after) from exc  # the server's Retry-After
    if fetched:
        analyse_job.delay(job_id)
        return "fetched"
    return "not fetched"


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def analyse_job(job_id: int) -> str:
    job = ingest.job_analyse(job_id=job_id)
    return job.status if job is not None else "not claimed"


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(feed_services.TransientFeedError,),
    retry_backoff=5,
    retry_backoff_max=600,
    max_retries=3,
    soft_time_limit=90,
    time_limit=120,
)
def poll_feed(self, feed_id: int) -> dict:
    return feed_services.feed_poll(feed_id=feed_id)


@shared_task(acks_late=True, soft_time_limit=30, time_limit=60)
def poll_due_feeds() -> int:
    feed_ids = feed_services.feeds_claim_due()
    for feed_id in feed_ids:
        poll_feed.delay(feed_id)
    return len(feed_ids)


@shared_task(acks_late=True, soft_time_limit=1800, time_limit=1900)
def reprocess_articles(article_ids: list[int]) -> dict:
    return ingest.articles_reprocess(article_ids=article_ids)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def requeue_stale_jobs() -> dict:
    return ingest.jobs_requeue_stale()
