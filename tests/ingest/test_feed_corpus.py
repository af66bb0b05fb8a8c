"""feedparser's own test feeds (illformed, encoding, wellformed) through the poller.

Each feed is served by a local HTTP server with the headers its ``Header:`` comment lines name
(as feedparser's ``runtests.py`` serves them) and polled: every poll ends in a success or a
failure recorded on the Feed, never an exception; and every feed from which feedparser alone
(given the same bytes and headers) gets entries with http(s) links queues the same entries.
The poller refuses what feedparser would read on purpose: entity declarations (bombs) and
content types that are not feeds; those feeds are listed below and must end as such failures.
"""

from __future__ import annotations

import re
import tarfile
from pathlib import Path

import feedparser
import pytest
from django.conf import settings

from negotiations.models import IngestionJob, IngestionLog
from negotiations.services.feeds import feed_poll
from negotiations.text.urls import canonical_url
from tests.factories import FeedFactory

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).parent / "feedparser_corpus" / "feedparser-6.0.11-tests.tar.xz"
HEADER = re.compile(rb"^Header:\s+([^:]+):(.+)$", re.MULTILINE)


def corpus_feeds() -> list[tuple[str, bytes]]:
    with tarfile.open(CORPUS) as tar:
        return [
            (member.name, tar.extractfile(member).read())
            for member in tar.getmembers()
            if member.isfile()
        ]


def feed_headers(body: bytes) -> dict[str, str]:
    headers = {k.decode().strip(): v.decode().strip() for k, v in HEADER.findall(body)}
    if not any(k.lower() == "content-type" for k in headers):
        headers["Content-Type"] = "application/xml"  # what runtests.py guesses for .xml
    return headers


def expected_links(body: bytes, headers: dict[str, str], url: str) -> set[str]:
    try:
        parsed = feedparser.parse(
            body,
            response_headers={"content-location": url} | {k.lower(): v for k, v in headers.items()},
        )
    except Exception:  # feedparser alone fails on a few (sgmllib's AssertionError): no entries
        return set()
    links = []
    for entry in parsed.entries[: settings.INGEST_FEED_MAX_ENTRIES]:
        link = (entry.get("link") or "").strip()
        if link.startswith(("http://", "https://")):
            links.append(canonical_url(link))
    return set(links)


def test_feedparser_test_feeds_end_in_a_success_or_a_recorded_failure(server):
    feeds = corpus_feeds()
    assert len(feeds) > 1900
    for prefix in ("tests/illformed/", "tests/encoding/", "tests/wellformed/"):
        assert any(name.startswith(prefix) for name, _ in feeds)
    mismatches, unrecorded, outcomes = [], [], {"ok": 0, "failed": 0, "not_modified": 0}
    refused_on_purpose = []
    for n, (name, body) in enumerate(feeds):
        headers = feed_headers(body)
        url = server.add(f"/{n}/{name}", body, headers=headers)
        feed = FeedFactory(url=url)
        result = feed_poll(feed_id=feed.pk)  # raises nothing, whatever the feed
        outcomes[result["status"]] += 1
        feed.refresh_from_db()
        if result["status"] == "failed":
            logged = IngestionLog.objects.filter(feed=feed, level="error").exists()
            if not (feed.last_error and feed.consecutive_failures == 1 and logged):
                unrecorded.append(name)
        expected = expected_links(body, headers, url)
        got = set(IngestionJob.objects.filter(feed=feed).values_list("canonical_url", flat=True))
        if result["status"] == "failed" and expected:
            refused_on_purpose.append((name, feed.last_error))
        elif got != expected:
            mismatches.append((name, sorted(expected)[:3], sorted(got)[:3]))
    assert unrecorded == []
    assert mismatches == [], "\n".join(map(str, mismatches))
    for name, error in refused_on_purpose:
        assert error.startswith(
            ("refused: the feed declares XML entities", "fetching the feed failed: refused")
        ), (name, error)
    assert len(refused_on_purpose) <= 10
    assert outcomes["ok"] >= 50  # most of the test feeds check channel fields, without entries


MULTI_BYTE = [
    ("big5", "中華民國外交部"),
    ("gb2312", "乌克兰安全保障"),
    ("shift_jis", "日本の外務省"),
    ("euc-kr", "대한민국 외교부"),
]


@pytest.mark.parametrize(("encoding", "title"), MULTI_BYTE)
def test_feed_in_a_multi_byte_encoding_is_read(server, encoding, title):
    body = (
        f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel>'
        f"<title>{title}</title><item><title>{title}</title>"
        "<link>https://news.example/a</link></item></channel></rss>"
    ).encode(encoding)
    feed = FeedFactory(
        url=server.add("/mb.xml", body, headers={"Content-Type": "application/rss+xml"})
    )
    assert feed_poll(feed_id=feed.pk) == {"status": "ok", "queued": 1}
    feed.refresh_from_db()
    assert feed.title == title
    assert IngestionJob.objects.get(feed=feed).source_ref == title


def test_bogus_declared_encoding_is_read_or_recorded(server):
    body = (
        b'<?xml version="1.0" encoding="bogus"?><rss version="2.0"><channel><title>T</title>'
        b"<item><title>x</title><link>https://news.example/b</link></item></channel></rss>"
    )
    feed = FeedFactory(
        url=server.add("/bogus.xml", body, headers={"Content-Type": "application/rss+xml"})
    )
    assert feed_poll(feed_id=feed.pk) == {"status": "ok", "queued": 1}


def test_entity_bomb_in_an_encoding_expat_cannot_read_is_still_refused(server):
    body = (
        b'<?xml version="1.0" encoding="shift_jis"?>'
        b'<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        b"<rss><channel><item><title>&b;</title><link>https://news.example/c</link></item>"
        b"</channel></rss>"
    )
    feed = FeedFactory(url=server.add("/bomb-sjis.xml", body, headers={"Content-Type": "text/xml"}))
    assert feed_poll(feed_id=feed.pk)["status"] == "failed"
    feed.refresh_from_db()
    assert "entity-expansion bomb" in feed.last_error
    assert not IngestionJob.objects.exists()
