"""Each list endpoint fetches a page in a fixed number of queries, whatever the page size."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories as f

# Pinned on PostgreSQL (search and the review-state checks differ on SQLite).
pytestmark = [pytest.mark.django_db, pytest.mark.postgresql_only]

# Queries for a page of each list with token authentication: DRF's token query (the token and its
# user), Django's two permission queries (the user's own, their groups'), then the page and its
# related rows.
QUERIES = {
    "/api/v1/parties/": 4,
    "/api/v1/officials/": 5,
    "/api/v1/aliases/": 5,
    "/api/v1/outlets/": 4,
    "/api/v1/articles/": 4,
    "/api/v1/tracks/": 6,  # participants, children
    "/api/v1/status-changes/": 5,
    "/api/v1/statements/": 6,
    "/api/v1/commitments/": 7,
    "/api/v1/search/?q=talks": 5,  # articles, then statements (no nested rows)
    "/api/v1/feeds/": 4,
    "/api/v1/ingestion-jobs/": 4,
}
ENDPOINTS = list(QUERIES)


@pytest.fixture
def many(db) -> None:
    """25 of everything, each with its related rows (positions, reports, evidence, stages...)."""
    outlets = [f.OutletFactory() for _ in range(3)]
    for i in range(25):
        party = f.PartyFactory()
        official = f.OfficialFactory()
        f.PositionFactory(official=official, party=party)
        f.PositionFactory(official=official, party=party, title="Envoy")
        f.AliasFactory(name=f"Name {i}", official=official, outlets=outlets)
        track = f.TrackFactory()
        f.TrackParticipantFactory(track=track, party=party)
        article = f.ArticleFactory(outlet=outlets[i % 3], wire_outlet=outlets[0])
        change = f.StatusChangeFactory(track=track)
        f.EvidenceFactory(status_change=change, article=article)
        statement = f.StatementFactory(speaker=official, speaker_party=party, text=f"talks {i}")
        f.StatementTrackFactory(statement=statement, track=track)
        f.StatementReportFactory(statement=statement, article=article)
        f.StatementReportFactory(statement=statement, article=f.ArticleFactory())
        commitment = f.CommitmentFactory(track=track, party=party)
        f.CommitmentStageFactory(commitment=commitment)
        f.EvidenceFactory(commitment=commitment, article=article)
        feed = f.FeedFactory(outlet=outlets[i % 3])
        f.IngestionJobFactory(kind="feed_entry", url="", feed=feed, article=article)


def _count(client, url: str, size: int) -> int:
    joiner = "&" if "?" in url else "?"
    key = "limit" if "search" in url else "page_size"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{url}{joiner}{key}={size}")
    assert response.status_code == 200, response.content[:500]
    rows = response.json()["results"]
    assert len(rows) == size, url
    return len(queries)


@pytest.mark.parametrize("url", ENDPOINTS)
def test_list_query_count_is_constant_in_page_size(viewer, many, url) -> None:
    _count(viewer, url, 2)  # warm what a process loads once (content types) alike
    assert _count(viewer, url, 2) == _count(viewer, url, 20) == QUERIES[url]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_first_request_needs_no_more_queries(viewer, many, url) -> None:
    """Nothing is loaded per user and kept: the first request costs what every later one does."""
    assert _count(viewer, url, 2) == QUERIES[url]


def test_timeline_query_count_is_constant(viewer, db) -> None:
    track = f.TrackFactory()
    for _ in range(25):
        change = f.StatusChangeFactory(track=track)
        f.EvidenceFactory(status_change=change)
        link = f.StatementTrackFactory(track=track)
        f.StatementReportFactory(statement=link.statement)
    url = f"/api/v1/tracks/{track.pk}/timeline/?limit="
    with CaptureQueriesContext(connection) as small:
        assert len(viewer.get(f"{url}2").json()["results"]) == 2
    with CaptureQueriesContext(connection) as large:
        assert len(viewer.get(f"{url}20").json()["results"]) == 20
    assert len(small) == len(large)
