"""Celery tasks: small, taking ids, acknowledged late, bounded in time.

Each task loads nothing itself: it calls one service with the ids it was given. The services
queue the next step through ``negotiations.services.queue`` (broker or in-process), and record
every failure on the job or the feed; a fetch's transient failure is retried at the time the
service put on the job (see ``ingest.job_retry_later``).
"""

from __future__ import annotations

from celery import shared_task

from negotiations.services import feeds as feed_services
from negotiations.services import ingest, queue


@shared_task(acks_late=True, soft_time_limit=90, time_limit=120)
def fetch_job(job_id: int) -> str:
    return "fetched" if ingest.job_fetch(job_id=job_id) else "not fetched"


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
        queue.enqueue(queue.POLL_FEED, feed_id)
    return len(feed_ids)


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def reprocess_articles(article_ids: list[int]) -> dict:
    """At most INGEST_REPROCESS_CHUNK articles (``ingest.articles_reprocess_enqueue``)."""
    return ingest.articles_reprocess(article_ids=article_ids)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def requeue_stale_jobs() -> dict:
    return ingest.jobs_requeue_stale()
