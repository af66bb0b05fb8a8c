"""Feeds: claim the due ones, fetch with conditional GET, parse safely, queue new entries."""

from __future__ import annotations

import datetime as dt
import logging

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, XMLParser
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from negotiations.models import Article, Feed, IngestionJob
from negotiations.services import changes, queue
from negotiations.services.fetch import FEED_TYPES, FetchError, fetch
from negotiations.services.ingest import ingest_log
from negotiations.text.urls import canonical_url

logger = logging.getLogger(__name__)


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
            next_poll_at=next_at, change_seq=changes.marker()
        )
        if won:
            claimed.append(feed.pk)
    return claimed


def _record_failure(feed: Feed, message: str) -> None:
    Feed.objects.filter(pk=feed.pk).update(
        consecutive_failures=F("consecutive_failures") + 1,
        last_error=message,
        last_polled_at=timezone.now(),
        change_seq=changes.marker(),
    )
    ingest_log(feed=feed, event="feed_failed", level="error", message=message)


def _refuse_entities(body: bytes) -> None:
    """Refuse XML entity declarations (entity-expansion bombs) before feedparser sees them.

    Only the markup matters here, not the text: when expat cannot read the declared encoding
    (a multi-byte one such as big5 or shift_jis, or an unknown name), the bytes are read as
    ISO-8859-1, which keeps every ASCII markup character in place.
    """
    for encoding in (None, "iso-8859-1"):
        parser = XMLParser(
            encoding=encoding, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
        try:
            parser.feed(body)
            parser.close()
        except DefusedXmlException as exc:
            raise ValueError(
                f"refused: the feed declares XML entities ({type(exc).__name__}); "
                "possible entity-expansion bomb"
            ) from exc
        except ParseError:
            return  # not well-formed XML: feedparser's lenient parser gets a chance
        except (ValueError, LookupError):
            continue  # an encoding expat does not read: look at the markup as ISO-8859-1
        return


def parse_feed(body: bytes, headers: dict[str, str] | None = None, url: str = ""):
    """Parse feed bytes with feedparser, which does the encoding work (the HTTP charset, the
    XML declaration, byte-order marks, fallbacks); refuse entity declarations first. Relative
    links resolve against the feed's URL, as when feedparser fetches a feed itself."""
    _refuse_entities(body)
    response_headers = {"content-location": url} if url else {}
    response_headers |= {k.lower(): v for k, v in (headers or {}).items()}
    parsed = feedparser.parse(body, response_headers=response_headers)
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
            last_polled_at=now,
            last_success_at=now,
            consecutive_failures=0,
            last_error="",
            change_seq=changes.marker(),
        )
        ingest_log(feed=feed, event="feed_not_modified", message="feed not modified (304)")
        return {"status": "not_modified", "queued": 0}
    try:
        parsed = parse_feed(result.body, result.headers, result.final_url)
    except ValueError as exc:
        _record_failure(feed, str(exc))
        return {"status": "failed", "error": str(exc)}
    except Exception as exc:  # whatever a feed does to the parser ends on the Feed, readable
        logger.exception("parsing feed %s failed", feed.pk)
        message = f"the feed could not be parsed: {exc!r}"
        _record_failure(feed, message)
        return {"status": "failed", "error": message}
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
        change_seq=changes.marker(),  # an update() sends no signal: the marker moves here
    )
    ingest_log(
        feed=feed,
        event="feed_polled",
        message=f"{len(parsed.entries)} entries, {len(queued)} new queued",
    )
    for job_id in queued:
        queue.enqueue(queue.FETCH, job_id)
    return {"status": "ok", "queued": len(queued)}
