from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from negotiations.models import MergeRecord, Official
from negotiations.selectors.dashboard import queue_length
from negotiations.services.review import review_approve
from tests import factories as f
from tests.factories import (
    AliasFactory,
    ArticleFactory,
    CommitmentFactory,
    OfficialFactory,
    OutletFactory,
    PartyFactory,
    StatementFactory,
    StatementTrackFactory,
    StatusChangeFactory,
    TrackFactory,
    TrackParticipantFactory,
    evidence_for,
)

pytestmark = pytest.mark.django_db


def _track_with_record(analyst, n_statements: int):
    track = TrackFactory()
    ukraine, usa = PartyFactory(name="Ukraine"), PartyFactory(name="United States")
    TrackParticipantFactory(track=track, party=ukraine, role="beneficiary")
    TrackParticipantFactory(track=track, party=usa, role="guarantor")
    article = ArticleFactory(outlet=OutletFactory(name="Reuters"))
    for i, (status, day) in enumerate(
        [("announced", dt.date(2025, 2, 1)), ("talks_under_way", dt.date(2025, 3, 9))]
    ):
        change = StatusChangeFactory(machine=True, track=track, status=status, effective_date=day)
        evidence_for(article, "talks on security guarantees", status_change=change)
        if i == 0:
            review_approve(obj=change, user=analyst)
    commitment = CommitmentFactory(machine=True, track=track, party=usa, beneficiary=ukraine)
    evidence_for(article, "guarantees", commitment=commitment)
    for i in range(n_statements):
        statement = StatementFactory(
            machine=True,
            speaker_party=ukraine if i % 2 else usa,
            said_on=dt.date(2025, 3, 3 + i % 14),
        )
        review_approve(obj=statement, user=analyst)
        StatementTrackFactory(machine=True, statement=statement, track=track)
    return track


def test_track_page_draws_the_timeline_and_weekly_statements(analyst_client, analyst) -> None:
    track = _track_with_record(analyst, 4)
    pending = StatementFactory(
        machine=True, text="Not yet reviewed words.", said_on=dt.date(2025, 3, 4)
    )
    StatementTrackFactory(machine=True, statement=pending, track=track)

    response = analyst_client.get(reverse("admin:workbench_track", args=[track.pk]))

    assert response.status_code == 200
    body = response.content.decode()
    assert '<svg class="wb-timeline"' in body
    assert body.count('class="wb-statement"') == 4
    assert f'data-statement-id="{pending.pk}"' not in body  # only the curated record
    assert body.count('class="wb-evidence"') == 2
    assert 'class="wb-status wb-pending"' in body  # the unreviewed status change, hollow
    assert "Ukraine" in body
    assert "Guarantor" in body
    assert "Military aid" in body
    assert '<svg class="wb-weekly"' in body


def test_track_page_query_count_is_bounded(analyst_client, analyst) -> None:
    few = _track_with_record(analyst, 2)
    url = reverse("admin:workbench_track", args=[few.pk])
    analyst_client.get(url)
    with CaptureQueriesContext(connection) as small:
        analyst_client.get(url)
    many = _track_with_record(analyst, 20)
    with CaptureQueriesContext(connection) as large:
        analyst_client.get(reverse("admin:workbench_track", args=[many.pk]))
    assert len(small) == len(large)


def test_admin_index_shows_the_dashboard(analyst_client) -> None:
    StatementFactory.create_batch(3, machine=True)
    AliasFactory(machine=True)
    ArticleFactory()
    response = analyst_client.get(reverse("admin:index"))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="wb-dashboard"' in body
    assert "<strong>4</strong>waiting for review" in body
    assert "<strong>3</strong>statements" in body
    assert "<strong>1</strong>articles today" in body
    assert "<strong>in-process</strong>task queue" in body


def test_dashboard_counts_active_feeds_whose_last_poll_failed(analyst_client) -> None:
    f.FeedFactory(consecutive_failures=2, last_error="HTTP 500")
    f.FeedFactory(consecutive_failures=1, last_error="timeout")
    f.FeedFactory(consecutive_failures=5, active=False)
    f.FeedFactory()
    body = analyst_client.get(reverse("admin:index")).content.decode()
    assert '?consecutive_failures__gt=0">2</a></strong>feeds failing' in body


def test_queue_length_reads_the_broker(settings) -> None:
    import os

    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    client = redis.Redis.from_url(url)
    client.delete("celery")
    client.rpush("celery", "a", "b", "c")
    settings.CELERY_BROKER_URL = url
    try:
        assert queue_length() == 3
    finally:
        client.delete("celery")
    settings.CELERY_BROKER_URL = ""
    assert queue_length() == "in-process"


def test_merge_form_merges_and_lists_the_record(analyst_client, analyst) -> None:
    keep, lose = OfficialFactory(full_name="Andriy Yermak"), OfficialFactory(full_name="A. Ermak")
    response = analyst_client.post(
        reverse("admin:workbench_merge"), {"kind": "official", "keep": keep.pk, "lose": lose.pk}
    )
    assert response.status_code == 302
    assert not Official.objects.filter(pk=lose.pk).exists()
    record = MergeRecord.objects.get()
    assert record.merged_by == analyst
    page = analyst_client.get(reverse("admin:workbench_merge")).content.decode()
    assert f"negotiations.official #{lose.pk} → #{keep.pk}" in page


def test_dashboard_query_count_does_not_grow_with_the_backlog(analyst_client) -> None:
    StatementFactory.create_batch(2, machine=True)
    analyst_client.get(reverse("admin:index"))
    with CaptureQueriesContext(connection) as small:
        analyst_client.get(reverse("admin:index"))
    StatementFactory.create_batch(30, machine=True)
    AliasFactory.create_batch(10, machine=True)
    ArticleFactory.create_batch(10)
    with CaptureQueriesContext(connection) as large:
        analyst_client.get(reverse("admin:index"))
    assert len(small) == len(large)
