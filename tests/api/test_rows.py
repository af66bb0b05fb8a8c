"""List pages render from ``values()`` rows (negotiations/api/rows.py); the JSON must be exactly
what DRF's rendering of the same records produces."""

from __future__ import annotations

import pytest
from rest_framework import serializers

from negotiations.api import rows
from negotiations.api import serializers as s
from negotiations.models import ReviewState, Statement, StatusChange
from negotiations.selectors import records, reference, search, timeline
from tests import factories as f

pytestmark = pytest.mark.django_db


def _rows_and_generic(serializer_class, queryset, children):
    """The rows' rendering (nested lists from the selector's declared ``children``) and DRF's
    (nested lists from the list's prefetches, built from the same declaration)."""
    plan = rows.plan_for(serializer_class)
    from_rows = plan.render(plan.values(queryset), children)
    generic = serializer_class(list(queryset), many=True).data
    return from_rows, generic


@pytest.mark.parametrize("review_state", [ReviewState.APPROVED, "all"])
def test_statements_render_from_rows_as_drf_would(sample, review_state) -> None:
    # A speaker position, an undated statement and a report whose article has no outlet: the
    # null branches of every nested reference.
    position = sample.statement.speaker.positions.get()
    Statement.objects.filter(pk=sample.statement.pk).update(speaker_position=position)
    f.StatementFactory(
        speaker=None,
        speaker_party=None,
        speaker_description="A senior official",
        said_on=None,
        text="Undated.",
    )
    orphan = f.ArticleFactory(outlet=None, title="No outlet", text="Words.")
    f.StatementReportFactory(statement=sample.statement, article=orphan, wording="Words")
    queryset = records.statement_list(review_state=review_state).order_by("-said_sort", "-id")
    children = records.statement_children(review_state=review_state)
    from_rows, generic = _rows_and_generic(s.StatementSerializer, queryset, children)
    assert from_rows == generic
    assert [row["id"] for row in from_rows] == [row["id"] for row in generic]
    reported = next(row for row in from_rows if row["id"] == sample.statement.pk)
    assert len(reported["reports"]) == 3
    assert reported["speaker_position"]["party"] == sample.ukraine.pk
    assert reported["tracks"][0]["slug"] == "us-ukraine"
    assert {row["review_state"] for row in from_rows} == (
        {ReviewState.APPROVED}
        if review_state == ReviewState.APPROVED
        else {ReviewState.APPROVED, ReviewState.PENDING}
    )


def test_nested_lists_follow_the_declared_review_state(sample) -> None:
    # The approved-only and the all-states declarations stay apart, whichever runs first.
    pending_article = f.ArticleFactory(outlet=sample.rt, title="Pending", text="Words.")
    f.StatementReportFactory(
        statement=sample.statement,
        article=pending_article,
        wording="pending words",
        review_state=ReviewState.PENDING,
    )
    other = f.TrackFactory(slug="g7-framework")
    f.StatementTrackFactory(statement=sample.statement, track=other, review_state="pending")
    plan = rows.plan_for(s.StatementSerializer)

    def wordings_and_tracks(review_state: str) -> tuple[set[str], set[str]]:
        queryset = records.statement_list(review_state=review_state).filter(pk=sample.statement.pk)
        children = records.statement_children(review_state=review_state)
        (row,) = plan.render(plan.values(queryset), children)
        return {r["wording"] for r in row["reports"]}, {t["slug"] for t in row["tracks"]}

    for _ in range(2):
        assert wordings_and_tracks("all") == (
            {"will start talks", "talks start soon", "pending words"},
            {"us-ukraine", "g7-framework"},
        )
        assert wordings_and_tracks(ReviewState.APPROVED) == (
            {"will start talks", "talks start soon"},
            {"us-ukraine"},
        )


def test_articles_and_status_changes_render_from_rows_as_drf_would(sample) -> None:
    f.ArticleFactory(outlet=None, published_at=None, title="Undated, no outlet", text="x")
    from_rows, generic = _rows_and_generic(
        s.ArticleSerializer, reference.article_list().order_by("-published_sort", "-id"), {}
    )
    assert from_rows == generic
    assert len(from_rows) == 3
    assert all("text" not in row for row in from_rows)
    from_rows, generic = _rows_and_generic(
        s.StatusChangeSerializer,
        records.status_change_list().order_by("id"),
        records.status_change_children(),
    )
    assert from_rows == generic
    assert from_rows[0]["evidence"][0]["excerpt"] == "will start talks"


def test_commitments_render_from_rows_as_drf_would(sample) -> None:
    commitment = sample.track.commitments.get()
    f.CommitmentStageFactory(
        commitment=commitment, stage="agreed", effective_date=None, review_state="approved"
    )
    f.CommitmentFactory(track=sample.track, party=sample.ukraine, beneficiary=None)
    from_rows, generic = _rows_and_generic(
        s.CommitmentSerializer,
        records.commitment_list().order_by("id"),
        records.commitment_children(),
    )
    assert from_rows == generic
    # The sample's pending "delivered" stage is not the approved record's.
    assert [[st["stage"] for st in row["stages"]] for row in from_rows] == [
        ["announced", "agreed"],
        [],
    ]
    assert [len(row["corrections"]) for row in from_rows] == [1, 0]
    unreviewed, generic = _rows_and_generic(
        s.CommitmentSerializer,
        records.commitment_list(review_state="all").order_by("id"),
        records.commitment_children(review_state="all"),
    )
    assert unreviewed == generic
    assert len(unreviewed[0]["stages"]) == 3
    assert from_rows[0]["evidence"][0]["excerpt"] == "security guarantees"
    assert from_rows[1]["beneficiary"] is None


def test_an_empty_page_renders_without_queries(sample, django_assert_num_queries) -> None:
    plan = rows.plan_for(s.StatementSerializer)
    queryset = records.statement_list().filter(pk=-1)
    with django_assert_num_queries(1):  # the page itself; no nested query for no rows
        assert plan.render(plan.values(queryset), records.statement_children()) == []


def test_serializers_a_plan_cannot_express_are_refused() -> None:
    # A method field is refused too: tests/api/test_fast_path.py, through the start-up check.
    with pytest.raises(rows.Unsupported, match="not a ModelSerializer"):
        rows.plan_for(s.TimelineEntrySerializer)
    assert rows.plan_for(s.StatementSerializer) is not None


def test_a_nested_list_without_a_declared_queryset_is_refused() -> None:
    plan = rows.plan_for(s.StatementSerializer)
    with pytest.raises(rows.Unsupported, match="no queryset declared for StatementReport"):
        plan.check_children({"track_links": records.statement_children()["track_links"]})
    plan.check_children(records.statement_children())


def _timeline_entry(entry: timeline.TimelineEntry) -> dict:
    """A timeline entry from model instances, as TimelineEntrySerializer documents it."""
    if entry.kind == timeline.STATUS_CHANGE:
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


def test_the_timeline_page_renders_from_rows_as_drf_would(sample) -> None:
    from negotiations.api.views import _timeline_page_rows, _timeline_result

    orphan = f.ArticleFactory(outlet=None, title="No outlet", text="Words.")
    f.StatementReportFactory(statement=sample.statement, article=orphan, wording="Words")
    # The same timeline from model instances: the whole (short) timeline.
    entries = list(
        timeline.track_timeline_iter(track=sample.track, render=lambda kind, queryset: queryset)
    )
    generic = s.TimelineEntrySerializer(
        [_timeline_entry(entry) for entry in entries], many=True
    ).data

    def page(limit: int) -> tuple[list[dict], timeline.Position | None]:
        found, last = timeline.track_timeline_page(
            track=sample.track, limit=limit, render=_timeline_page_rows
        )
        return [_timeline_result(entry) for entry in found], last

    from_rows, last = page(50)
    assert from_rows == generic
    assert last is None  # the whole timeline fits in one page of 50
    assert {entry["kind"] for entry in from_rows} == {"status_change", "statement"}
    assert None in {
        item["outlet"] and item["outlet"]["slug"] for e in from_rows for item in e["evidence"]
    }
    first, last = page(1)
    assert first == from_rows[:1]
    assert last == entries[0].position


def test_search_hits_render_from_rows_as_drf_would(sample) -> None:
    from negotiations.api.views import _search_hits

    for kind, serializer_class, queryset in (
        ("article", s.ArticleSerializer, search.article_search(q="security guarantees")),
        ("statement", s.TimelineStatementSerializer, search.statement_search(q="talks")),
    ):
        hits = _search_hits(kind, serializer_class, queryset, 20)
        found = list(queryset[:20])
        assert found, kind
        generic = s.SearchHitSerializer(
            [
                {
                    "kind": kind,
                    "id": item.pk,
                    "rank": item.rank,
                    "article": item if kind == "article" else None,
                    "statement": item if kind == "statement" else None,
                }
                for item in found
            ],
            many=True,
        ).data
        assert hits == generic


@pytest.mark.parametrize(
    ("path", "orderings"),
    [
        ("/api/v1/statements/?review_state=all", ["id", "said_on", "updated_at"]),
        ("/api/v1/articles/", ["id", "published_at", "updated_at"]),
        ("/api/v1/status-changes/", ["id", "effective_date", "updated_at"]),
    ],
)
def test_every_ordering_pages_through_rows(reviewer, sample, path, orderings) -> None:
    f.ArticleFactory(outlet=None, published_at=None, title="Undated", text="x")
    f.StatementFactory(speaker=sample.statement.speaker, said_on=None, text="Undated.")
    f.StatusChangeFactory(
        track=sample.track,
        status=StatusChange.Status.TALKS_UNDER_WAY,
        effective_date=sample.change.effective_date,
    )
    for ordering in orderings:
        for sign in ("", "-"):
            url = f"{path}&ordering={sign}{ordering}&page_size=1".replace("/&", "/?")
            seen = []
            while url:
                response = reviewer.get(url)
                assert response.status_code == 200, (url, response.json())
                seen += [row["id"] for row in response.json()["results"]]
                url = response.json()["next"]
            assert len(seen) == len(set(seen)) >= 2, (ordering, sign)


@pytest.mark.parametrize("zone", [None, "Europe/Kyiv", "America/New_York"])
def test_datetimes_render_as_drf_would_in_any_time_zone(zone) -> None:
    import datetime as dt
    import zoneinfo

    from django.utils import timezone

    field = serializers.DateTimeField()
    values = [
        dt.datetime(2023, 7, 30, 12, 5, 1, tzinfo=dt.UTC),
        dt.datetime(2023, 7, 30, 12, 5, 1, 120, tzinfo=zoneinfo.ZoneInfo("UTC")),
        dt.datetime(2023, 1, 30, 23, 59, 59, tzinfo=zoneinfo.ZoneInfo("Europe/London")),
        dt.datetime(2023, 7, 30, 1, 0, tzinfo=dt.timezone(dt.timedelta(hours=3))),
        dt.datetime(2024, 3, 31, 2, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Kyiv")),
    ]
    render = rows.in_render_tz(lambda items: [rows.datetime_renderer(field)(v) for v in items])
    with timezone.override(zone) if zone else timezone.override(timezone.get_default_timezone()):
        assert render(values) == [field.to_representation(v) for v in values]
