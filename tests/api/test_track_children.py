"""A framework rolls up its tracks: ``children`` in the track JSON, and ``include_children`` on
its timeline and on the statements list."""

from __future__ import annotations

import datetime as dt

import pytest

from negotiations.models import ReviewState, StatusChange, Track
from tests import factories as f

pytestmark = pytest.mark.django_db
Status = StatusChange.Status


@pytest.fixture
def framework(db):
    g7 = f.TrackFactory(name="G7 joint declaration", kind=Track.Kind.FRAMEWORK)
    uk = f.TrackFactory(name="UK-Ukraine agreement", parent=g7)
    japan = f.TrackFactory(name="Japan-Ukraine agreement", parent=g7)
    f.TrackFactory(name="Istanbul talks")  # unrelated
    f.StatusChangeFactory(track=g7, status=Status.ANNOUNCED, effective_date=dt.date(2023, 7, 12))
    f.StatusChangeFactory(track=uk, status=Status.SIGNED, effective_date=dt.date(2024, 1, 12))
    f.StatusChangeFactory(
        track=japan,
        status=Status.SIGNED,
        effective_date=dt.date(2024, 6, 13),
        review_state=ReviewState.PENDING,  # not the record yet
    )
    own = f.StatementFactory(said_on=dt.date(2023, 7, 12))
    f.StatementTrackFactory(statement=own, track=g7)
    childs = f.StatementFactory(said_on=dt.date(2024, 1, 12))
    f.StatementTrackFactory(statement=childs, track=uk)
    both = f.StatementFactory(said_on=dt.date(2024, 2, 1))  # on the framework and a child: once
    f.StatementTrackFactory(statement=both, track=g7)
    f.StatementTrackFactory(statement=both, track=japan)
    return {"g7": g7, "uk": uk, "japan": japan, "own": own, "childs": childs, "both": both}


def test_track_json_lists_its_children_with_their_status(viewer, framework) -> None:
    g7, uk, japan = framework["g7"], framework["uk"], framework["japan"]
    body = viewer.get(f"/api/v1/tracks/{g7.pk}/").json()
    assert body["children"] == [
        {
            "id": japan.pk,
            "slug": japan.slug,
            "name": "Japan-Ukraine agreement",
            "kind": "bilateral",
            "current_status": None,  # its only step awaits review
            "current_status_date": None,
        },
        {
            "id": uk.pk,
            "slug": uk.slug,
            "name": "UK-Ukraine agreement",
            "kind": "bilateral",
            "current_status": "signed",
            "current_status_date": "2024-01-12",
        },
    ]
    assert viewer.get(f"/api/v1/tracks/{uk.pk}/").json()["children"] == []


def test_timeline_includes_the_childrens_when_asked(viewer, framework) -> None:
    g7, uk = framework["g7"], framework["uk"]
    url = f"/api/v1/tracks/{g7.pk}/timeline/"
    own = viewer.get(url).json()["results"]
    assert [(e["kind"], e["date"]) for e in own] == [
        ("status_change", "2023-07-12"),
        ("statement", "2023-07-12"),
        ("statement", "2024-02-01"),
    ]
    rolled = viewer.get(url, {"include_children": "true"}).json()["results"]
    assert [(e["kind"], e["date"]) for e in rolled] == [
        ("status_change", "2023-07-12"),
        ("statement", "2023-07-12"),
        ("status_change", "2024-01-12"),
        ("statement", "2024-01-12"),
        ("statement", "2024-02-01"),
    ]
    assert rolled[2]["status_change"]["track"] == {"id": uk.pk, "slug": uk.slug, "name": uk.name}
    assert viewer.get(url, {"include_children": "maybe"}).status_code == 400


def test_statements_include_the_childrens_when_asked(viewer, framework) -> None:
    g7 = framework["g7"]
    own = viewer.get("/api/v1/statements/", {"track": g7.pk}).json()["results"]
    assert {s["id"] for s in own} == {framework["own"].pk, framework["both"].pk}
    rolled = viewer.get("/api/v1/statements/", {"track": g7.pk, "include_children": "true"}).json()[
        "results"
    ]
    assert sorted(s["id"] for s in rolled) == sorted(
        [framework["own"].pk, framework["childs"].pk, framework["both"].pk]
    )
