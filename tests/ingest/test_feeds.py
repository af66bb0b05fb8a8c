"""Feeds: polling, conditional GET, hostile feeds, due-feed claims and the stored schedule."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django_celery_beat.models import PeriodicTask

from negotiations.models import Article, IngestionJob, IngestionLog, StatusChange
from negotiations.services.feeds import feed_poll, feeds_claim_due
from negotiations.tasks import poll_due_feeds
from tests.factories import FeedFactory
from tests.ingest.conftest import seed_html

pytestmark = pytest.mark.django_db


def rss(server, items):
    entries = "".join(
        f"<item><title>{title}</title><link>{server.url(path)}</link>"
        f"<pubDate>{date}</pubDate></item>"
        for title, path, date in items
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Test wire</title><link>{server.url('/')}</link>{entries}</channel></rss>"
    ).encode()


def serve_seed_feed(server):
    pages = [
        ("000", "Ukraine to start talks with US", "2023-07-30T22:20:00+00:00"),
        ("002", "Ukraine, US start talks on security guarantees", "2023-08-04T09:00:00+00:00"),
    ]
    items = []
    for prefix, title, published in pages:
        path = f"/news/{prefix}"
        server.add(path, seed_html(prefix, title, published), headers={"Content-Type": "text/html"})
        items.append((title, path, "Sun, 30 Jul 2023 22:20:00 GMT"))
    return items


def test_feed_poll_queues_entries_that_become_articles(
    server, record, django_capture_on_commit_callbacks
):
    items = serve_seed_feed(server)
    url = server.add(
        "/feed.xml", rss(server, items), headers={"Content-Type": "application/rss+xml"}
    )
    feed = FeedFactory(url=url, outlet=record["outlet"])
    with django_capture_on_commit_callbacks(execute=True):
        assert feed_poll(feed_id=feed.pk) == {"status": "ok", "queued": 2}
    jobs = IngestionJob.objects.filter(feed=feed)
    assert sorted(jobs.values_list("status", flat=True)) == ["done", "done"]
    assert Article.objects.filter(outlet=record["outlet"], source_kind="feed").count() == 2
    assert StatusChange.objects.filter(track=record["track"], review_state="pending").exists()
    feed.refresh_from_db()
    assert feed.title == "Test wire"
    assert feed.last_success_at is not None
    # A second poll finds nothing new: entries are queued once.
    with django_capture_on_commit_callbacks(execute=True):
        assert feed_poll(feed_id=feed.pk)["queued"] == 0
    assert IngestionJob.objects.filter(feed=feed).count() == 2


def test_conditional_get_uses_etag_and_last_modified(server, record):
    from tests.ingest.httpserver import Route

    body = rss(server, [])
    seen = []

    def handler(headers):
        seen.append(headers)
        if headers.get("If-None-Match") == '"v1"':
            return Route(status=304, headers={"ETag": '"v1"'})
        return Route(
            headers={
                "Content-Type": "application/rss+xml",
                "ETag": '"v1"',
                "Last-Modified": "Sun, 30 Jul 2023 22:20:00 GMT",
            },
            body=body.replace(
                b"</channel>",
                b"<item><title>x</title><link>https://rt.example/x</link></item></channel>",
            ),
        )

    url = server.add_dynamic("/cond.xml", handler)
    feed = FeedFactory(url=url)
    assert feed_poll(feed_id=feed.pk)["status"] == "ok"
    feed.refresh_from_db()
    assert feed.etag == '"v1"'
    assert feed.last_modified == "Sun, 30 Jul 2023 22:20:00 GMT"
    assert feed_poll(feed_id=feed.pk) == {"status": "not_modified", "queued": 0}
    assert seen[1]["If-None-Match"] == '"v1"'
    assert seen[1]["If-Modified-Since"] == "Sun, 30 Jul 2023 22:20:00 GMT"


def test_malformed_feed_is_a_recorded_failure(server):
    url = server.add(
        "/bad.xml", b"<rss><channel><item><title>oops</ti", headers={"Content-Type": "text/xml"}
    )
    feed = FeedFactory(url=url)
    result = feed_poll(feed_id=feed.pk)
    assert result["status"] == "failed"
    feed.refresh_from_db()
    assert feed.consecutive_failures == 1
    assert feed.last_error.startswith("malformed feed")
    assert IngestionLog.objects.get(feed=feed, level="error").message == feed.last_error


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><link>http://127.0.0.1/x</link></item></channel></rss>"""


def test_entity_expansion_bomb_is_refused(server):
    url = server.add("/bomb.xml", BILLION_LAUGHS, headers={"Content-Type": "application/rss+xml"})
    feed = FeedFactory(url=url)
    assert feed_poll(feed_id=feed.pk)["status"] == "failed"
    feed.refresh_from_db()
    assert "entity-expansion bomb" in feed.last_error
    assert not IngestionJob.objects.exists()


def test_feed_fetch_refused_for_private_address():
    feed = FeedFactory(url="http://10.9.8.7/feed.xml")
    assert feed_poll(feed_id=feed.pk) == {
        "status": "failed",
        "error": "refused: 10.9.8.7 is a private address",
    }


def test_due_feeds_are_claimed_once_per_interval():
    now = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
    due = FeedFactory(url="https://a.example/feed", poll_interval_minutes=30)
    FeedFactory(url="https://b.example/feed", active=False)
    later = FeedFactory(url="https://c.example/feed", next_poll_at=now + dt.timedelta(minutes=10))
    assert feeds_claim_due(now=now) == [due.pk]
    assert feeds_claim_due(now=now) == []
    due.refresh_from_db()
    assert due.next_poll_at == now + dt.timedelta(minutes=30)
    assert sorted(feeds_claim_due(now=now + dt.timedelta(minutes=31))) == sorted([due.pk, later.pk])


def test_beat_task_polls_due_feeds(server, django_capture_on_commit_callbacks):
    url = server.add("/empty.xml", b"not a feed at all", headers={"Content-Type": "text/xml"})
    feed = FeedFactory(url=url)
    with (
        time_machine.travel(dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert poll_due_feeds.delay().get() == 1
    feed.refresh_from_db()
    assert feed.consecutive_failures == 1
    assert feed.next_poll_at == dt.datetime(2026, 1, 1, 12, 30, tzinfo=dt.UTC)


def test_schedule_is_stored_with_django_celery_beat():
    task = PeriodicTask.objects.get(name="poll due feeds")
    assert task.task == "negotiations.tasks.poll_due_feeds"
    assert task.interval.every == 60
    requeue = PeriodicTask.objects.get(name="requeue stale ingestion jobs")
    assert requeue.interval.every == 300
    # An analyst's change survives: installing again does not overwrite it.
    from negotiations.schedules import schedules_install

    PeriodicTask.objects.filter(pk=task.pk).update(enabled=False)
    assert schedules_install() == 0
    assert PeriodicTask.objects.get(pk=task.pk).enabled is False
