"""Feeds: claim the due ones, fetch with conditional GET, parse safely, queue new entries."""

from __future__ import annotations

import datetime as dt

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as safe_fromstring
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from negotiations.models import Article, Feed, IngestionJob
from negotiations.services import queue
from negotiations.services.fetch import FEED_TYPES, FetchError, fetch
from negotiations.services.ingest import ingest_log
from negotiations.text.urls import canonical_url


class TransientFeedError(Exception):
    pass


def feeds_claim_due(*, now: dt.datetime | None = None) -> list[int]:
    """Claim every due feed by moving its next poll time forward (one poller per feed)."""
    now = now or timezone.now()
    due = Feed.objects.filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now), active=True)
    claimed = []
    for feed in due.only("id", "poll_interval_minutes", "next_poll_at"):
        next_at = now + dt.timedelta(minutes=feed.poll_interval_minutes)
        won = Feed.objects.filter(pk=feed.pk, next_poll_at=feed.next_poll_at).update(
            next_poll_at=next_at
        )
        if won:
            claimed.append(feed.pk)
    return claimed


def _record_failure(feed: Feed, message: str) -> None:
    Feed.objects.filter(pk=feed.pk).update(
        consecutive_failures=F("consecutive_failures") + 1,
        last_error=message,
        last_polled_at=timezone.now(),
    )
    ingest_log(feed=feed, event="feed_failed", level="error", message=message)


def parse_feed(body: bytes):
    """Parse feed bytes; refuse DTDs and entity declarations (entity-expansion bombs)."""
    try:
        safe_fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ValueError(
            f"refused: the feed declares XML entities ({type(exc).__name__}); "
            "possible entity-expansion bomb"
        ) from exc
    except ParseError:
        pass  # not well-formed XML: feedparser's lenient parser gets a chance below
    parsed = feedparser.parse(body)
    if not any(entry.get("link") for entry in parsed.entries):
        reason = parsed.get("bozo_exception") if parsed.get("bozo") else None
        raise ValueError(f"malformed feed: {reason or 'no entries with links found'}")
    return parsed


def feed_poll(*, feed_id: int) -> dict:
    feed = Feed.objects.select_related("outlet").get(pk=feed_id)
    try:
        result = fetch(
            feed.url, accept=FEED_TYPES, etag=feed.etag, last_modified=feed.last_modified
        )
    except FetchError as exc:
        _record_failure(feed, f"fetching the feed failed: {exc.message}")
        if exc.transient:
            raise TransientFeedError(exc.message) from exc
        return {"status": "failed", "error": exc.message}
    now = timezone.now()
    if result.not_modified:
        Feed.objects.filter(pk=feed.pk).update(
            last_polled_at=now, last_success_at=now, consecutive_failures=0, last_error=""
        )
        ingest_log(feed=feed, event="feed_not_modified", message="feed not modified (304)")
        return {"status": "not_modified", "queued": 0}
    try:
        parsed = parse_feed(result.body)
    except ValueError as exc:
        _record_failure(feed, str(exc))
        return {"status": "failed", "error": str(exc)}
    queued = []
    for entry in parsed.entries[: settings.INGEST_FEED_MAX_ENTRIES]:
        link = (entry.get("link") or "").strip()
        if not link.startswith(("http://", "https://")):
            continue
        canon = canonical_url(link)
        if Article.objects.filter(canonical_url=canon).exists():
            continue
        try:
            with transaction.atomic():
                job = IngestionJob.objects.create(
                    kind=IngestionJob.Kind.FEED_ENTRY,
                    url=link,
                    canonical_url=canon,
                    feed=feed,
                    source_ref=(entry.get("title") or "")[:500],
                )
        except IntegrityError:
            continue  # this entry was queued by an earlier poll
        queued.append(job.pk)
    Feed.objects.filter(pk=feed.pk).update(
        etag=result.headers.get("ETag", "")[:500],
        last_modified=result.headers.get("Last-Modified", "")[:100],
        title=feed.title or (parsed.feed.get("title") or "")[:300],
        last_polled_at=now,
        last_success_at=now,
        consecutive_failures=0,
        last_error="",
    )
    ingest_log(
        feed=feed,
        event="feed_polled",
        message=f"{len(parsed.entries)} entries, {len(queued)} new queued",
    )
    for job_id in queued:
        queue.enqueue(queue.FETCH, job_id)
    return {"status": "ok", "queued": len(queued)}
