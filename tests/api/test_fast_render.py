"""The list serializers render from a per-class plan (FastRenderMixin) instead of DRF's generic
per-field path; the JSON must be exactly what the generic path produces."""

from __future__ import annotations

import pytest

from negotiations import selectors
from negotiations.api import serializers as s
from negotiations.models import ReviewState

pytestmark = pytest.mark.django_db


def _both(serializer_class, instance, **kwargs):
    fast = serializer_class(instance, **kwargs).data
    generic = serializer_class(instance, context={"generic_render": True}, **kwargs).data
    return fast, generic


def test_statements_render_as_drf_would(sample) -> None:
    statements = list(selectors.statement_list(review_state="all"))
    assert {st.review_state for st in statements} == {ReviewState.APPROVED, ReviewState.PENDING}
    assert any(st.reports.all() for st in statements)
    fast, generic = _both(s.StatementSerializer, statements, many=True)
    assert fast == generic
    reported = [row for row in fast if row["reports"]]
    assert reported, "the sample has reported statements"
    assert {
        report["article"]["outlet"]["slug"] for row in reported for report in row["reports"]
    } <= {"reuters", "rt"}
    assert reported[0]["reports"][0]["article"]["outlet"]["slug"] in {"reuters", "rt"}
    assert "us-ukraine" in {track["slug"] for row in fast for track in row["tracks"]}


def test_articles_and_status_changes_render_as_drf_would(sample) -> None:
    articles = list(selectors.article_list())
    assert len(articles) == 2
    fast, generic = _both(s.ArticleSerializer, articles, many=True)
    assert fast == generic
    assert {a["outlet"]["slug"] for a in fast} == {"reuters", "rt"}
    changes = list(selectors.status_change_list())
    fast, generic = _both(s.StatusChangeSerializer, changes, many=True)
    assert fast == generic
    assert fast[0]["evidence"][0]["excerpt"] == "will start talks"


def _timeline_entry(entry: selectors.TimelineEntry) -> dict:
    """A timeline entry from model instances, as TimelineEntrySerializer documents it."""
    if entry.kind == selectors.STATUS_CHANGE:
        evidence = [
            {"article": e.article, "outlet": e.article.outlet, "wording": e.excerpt}
            for e in entry.item.evidence.all()
        ]
        change, statement = entry.item, None
    else:
        evidence = [
            {"article": r.article, "outlet": r.article.outlet, "wording": r.wording}
            for r in entry.item.reports.all()
        ]
        change, statement = None, entry.item
    return {
        "kind": entry.kind,
        "date": entry.date,
        "status_change": change,
        "statement": statement,
        "evidence": evidence,
    }


def test_timeline_renders_as_drf_would(sample) -> None:
    entries = list(selectors.track_timeline_iter(track=sample.track, chunk_size=50))
    assert {entry.kind for entry in entries} == {"status_change", "statement"}
    fast, generic = _both(
        s.TimelineEntrySerializer, [_timeline_entry(entry) for entry in entries], many=True
    )
    assert fast == generic
    assert fast[0]["evidence"][0]["wording"]


@pytest.mark.parametrize("zone", [None, "Europe/Kyiv", "America/New_York"])
def test_datetimes_render_as_drf_would_in_any_time_zone(zone) -> None:
    import datetime as dt
    import zoneinfo

    from django.utils import timezone
    from rest_framework import serializers

    field = serializers.DateTimeField()
    values = [
        dt.datetime(2023, 7, 30, 12, 5, 1, tzinfo=dt.UTC),
        dt.datetime(2023, 7, 30, 12, 5, 1, 120, tzinfo=zoneinfo.ZoneInfo("UTC")),
        dt.datetime(2023, 1, 30, 23, 59, 59, tzinfo=zoneinfo.ZoneInfo("Europe/London")),
        dt.datetime(2023, 7, 30, 1, 0, tzinfo=dt.timezone(dt.timedelta(hours=3))),
        dt.datetime(2024, 3, 31, 2, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Kyiv")),
    ]
    render = s._in_render_tz(lambda items: [s._datetime(field)(v) for v in items])
    with timezone.override(zone) if zone else timezone.override(timezone.get_default_timezone()):
        assert render(values) == [field.to_representation(v) for v in values]
