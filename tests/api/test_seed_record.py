"""The API over the real curated seed record: every list, timeline and coverage answers."""

from __future__ import annotations

import pytest

from negotiations.models import Statement, Track
from negotiations.services.seed import seed_record_load

pytestmark = pytest.mark.django_db

LISTS = [
    "parties",
    "officials",
    "aliases",
    "outlets",
    "articles",
    "tracks",
    "status-changes",
    "statements",
    "commitments",
]


def test_every_view_of_the_seed_record(viewer) -> None:
    seed_record_load()
    for name in LISTS:
        response = viewer.get(f"/api/v1/{name}/", {"page_size": 500})
        assert response.status_code == 200, (name, response.content[:500])
        assert response.json()["results"], name
    for track in Track.objects.all():
        body = viewer.get(f"/api/v1/tracks/{track.pk}/timeline/").json()
        dates = [entry["date"] for entry in body["results"]]
        assert dates == sorted(dates)
        assert viewer.get(f"/api/v1/tracks/{track.pk}/timeline/export/").status_code == 200
    reported = Statement.objects.filter(review_state="approved", reports__isnull=False).distinct()
    assert reported.exists()
    for statement in reported:
        body = viewer.get(f"/api/v1/statements/{statement.pk}/coverage/").json()
        assert body["reports_count"] >= 1
        assert 1 <= body["independent_outlets_count"] <= body["reports_count"]
        for item in body["coverage"]:
            assert item["wording"] in statement.reports.get(pk=item["report_id"]).article.text
    tracks = viewer.get("/api/v1/tracks/", {"page_size": 500}).json()["results"]
    assert any(track["current_status"] for track in tracks)
