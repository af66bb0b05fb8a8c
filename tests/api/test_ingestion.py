from __future__ import annotations

import pytest

from negotiations.models import IngestionJob
from tests import factories as f
from tests.api.conftest import ids

pytestmark = pytest.mark.django_db


def test_analyst_submits_a_url_and_polls_the_job(analyst) -> None:
    response = analyst.post(
        "/api/v1/ingestion-jobs/", {"url": "https://news.example.org/talks"}, format="json"
    )
    assert response.status_code == 202, response.content
    body = response.json()
    job = IngestionJob.objects.get(pk=body["id"])
    assert job.url == "https://news.example.org/talks"
    assert job.submitted_by == analyst.user
    assert body["status"] == "queued"
    assert body["is_finished"] is False
    assert response["Location"].endswith(f"/api/v1/ingestion-jobs/{job.pk}/")
    polled = analyst.get(response["Location"]).json()
    assert (polled["id"], polled["status"]) == (job.pk, "queued")


def test_bad_url_is_a_400_and_viewers_cannot_submit(analyst, viewer) -> None:
    response = analyst.post("/api/v1/ingestion-jobs/", {"url": "ftp://x"}, format="json")
    assert response.status_code == 400
    assert "url" in response.json()["errors"]
    assert not IngestionJob.objects.exists()
    refused = viewer.post("/api/v1/ingestion-jobs/", {"url": "https://a.example/"}, format="json")
    assert refused.status_code == 403


def test_feeds_list_and_filters(viewer) -> None:
    outlet = f.OutletFactory()
    followed = f.FeedFactory(url="https://a.example/rss", outlet=outlet)
    paused = f.FeedFactory(url="https://b.example/rss", active=False)
    assert ids(viewer.get("/api/v1/feeds/")) == [followed.pk, paused.pk]
    assert ids(viewer.get("/api/v1/feeds/", {"active": "false"})) == [paused.pk]
    assert ids(viewer.get("/api/v1/feeds/", {"outlet": outlet.pk})) == [followed.pk]
    queued = f.IngestionJobFactory(kind="url", url="https://a.example/1")
    done = f.IngestionJobFactory(kind="feed_entry", feed=followed, status="done")
    assert ids(viewer.get("/api/v1/ingestion-jobs/", {"status": "queued"})) == [queued.pk]
    assert ids(viewer.get("/api/v1/ingestion-jobs/", {"kind": "feed_entry"})) == [done.pk]
    later = {"updated_since": "2999-01-01T00:00:00Z"}
    assert ids(viewer.get("/api/v1/feeds/", later)) == []
    assert ids(viewer.get("/api/v1/ingestion-jobs/", later)) == []
