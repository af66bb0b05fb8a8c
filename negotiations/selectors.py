"""Reads that callers share (admin, API): querysets with their joins applied, timelines, coverage,
search.

Every list queryset here fetches a page in a fixed number of queries whatever the page size
(``select_related`` for to-one, ``Prefetch`` with narrow querysets for to-many).
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import (
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, Length, Lower, Replace

from negotiations.models import (
    Alias,
    Article,
    Commitment,
    CommitmentStage,
    Evidence,
    Official,
    Outlet,
    Party,
    Position,
    ReviewState,
    Statement,
    StatementReport,
    StatementTrack,
    StatusChange,
    Track,
    TrackParticipant,
)

APPROVED = ReviewState.APPROVED
# Sorting keys for nullable dates: cursor pagination needs a non-null value on every row.
EARLIEST_DATE = dt.date(1, 1, 1)
EARLIEST_DATETIME = dt.datetime(1, 1, 1, tzinfo=dt.UTC)


class SortDefault(Value):
    """A sorting key's default date, written into the SQL on PostgreSQL instead of being passed
    as a parameter: ``COALESCE(said_on, '0001-01-01'::date)``, the expression the sort indexes
    are built on (migration 0006). With a parameter there, a prepared statement's generic plan
    (tracker/prepared.py) cannot use those indexes, and PostgreSQL re-plans the page query on
    every call. Only dates and datetimes, whose ISO forms are plain SQL literals."""

    def as_postgresql(self, compiler, connection):
        if isinstance(self.value, dt.datetime) and self.value.tzinfo is not None:
            return f"'{self.value.isoformat(sep=' ')}'::timestamptz", []
        if isinstance(self.value, dt.date) and not isinstance(self.value, dt.datetime):
            return f"'{self.value.isoformat()}'::date", []
        return self.as_sql(compiler, connection)


SEARCH_CONFIG = "english"


# --- Shared with the admin -----------------------------------------------------------------------


def _latest_approved_status_change(*, track_ref: OuterRef) -> QuerySet[StatusChange]:
    # The current status is the latest approved step; same-day steps fall back to entry order.
    return StatusChange.objects.filter(track=track_ref, review_state=ReviewState.APPROVED).order_by(
        "-effective_date", "-id"
    )


def track_list_with_current_status() -> QuerySet[Track]:
    """Tracks annotated with ``current_status`` and ``current_status_date`` (both NULL if none).

    The current status is the latest *approved* status change by effective date; pending and
    rejected proposals never change what a track shows.
    """
    latest = _latest_approved_status_change(track_ref=OuterRef("pk"))
    return Track.objects.select_related("parent").annotate(
        current_status=Subquery(latest.values("status")[:1]),
        current_status_date=Subquery(latest.values("effective_date")[:1]),
    )


def track_list_with_status_only() -> QuerySet[Track]:
    """Tracks annotated with ``current_status`` alone: what a timeline page names besides the
    track's id, slug and name (half the cost of :func:`track_list_with_current_status`)."""
    latest = _latest_approved_status_change(track_ref=OuterRef("pk"))
    return Track.objects.annotate(current_status=Subquery(latest.values("status")[:1]))


def statement_list_with_coverage(*, approved_reports_only: bool = False) -> QuerySet[Statement]:
    """Statements with their speaker joined, annotated with ``report_count`` and ``outlet_count``.

    ``outlet_count`` counts independent outlets: an article republished from a wire counts for the
    wire (Reuters copy on ten sites is one source), otherwise for its own outlet. Reports of
    articles with no known outlet are not counted as outlets. With ``approved_reports_only`` only
    approved reports count (what REST clients see); the admin counts everything.
    """
    reports = StatementReport.objects.filter(statement=OuterRef("pk"))
    if approved_reports_only:
        reports = reports.filter(review_state=ReviewState.APPROVED)
    # Group by the statement so the subquery yields one row with the aggregate.
    grouped = reports.order_by().values("statement")
    report_count = grouped.annotate(n=Count("pk")).values("n")
    outlet_count = grouped.annotate(
        n=Count(Coalesce("article__wire_outlet", "article__outlet"), distinct=True)
    ).values("n")
    zero = Value(0, output_field=IntegerField())
    return Statement.objects.select_related("speaker", "speaker_party").annotate(
        report_count=Coalesce(Subquery(report_count, output_field=IntegerField()), zero),
        outlet_count=Coalesce(Subquery(outlet_count, output_field=IntegerField()), zero),
    )


def review_filter(review_state: str) -> Q:
    """``approved`` / ``pending`` / ``rejected`` / ``all`` as a filter on a Reviewable."""
    if review_state == "all":
        return Q()
    return Q(review_state=review_state)


# --- Reference lists ------------------------------------------------------------------------------


def party_list() -> QuerySet[Party]:
    return Party.objects.all()


def official_list() -> QuerySet[Official]:
    return Official.objects.prefetch_related(
        Prefetch(
            "positions",
            queryset=Position.objects.select_related("party").order_by("-start_date", "id"),
        )
    )


def alias_list() -> QuerySet[Alias]:
    return Alias.objects.select_related("party", "official", "place").prefetch_related(
        Prefetch("outlets", queryset=Outlet.objects.only("id", "slug", "name", "state_affiliated"))
    )


def outlet_list() -> QuerySet[Outlet]:
    return Outlet.objects.all()


def article_list() -> QuerySet[Article]:
    return (
        Article.objects.select_related("outlet", "wire_outlet")
        .defer("text")
        .annotate(published_sort=Coalesce("published_at", SortDefault(EARLIEST_DATETIME)))
    )


# --- Tracks and their history ---------------------------------------------------------------------


def track_list() -> QuerySet[Track]:
    """Tracks with their current status: the latest approved status change by effective date."""
    return track_list_with_current_status().prefetch_related(
        Prefetch(
            "participations",
            queryset=TrackParticipant.objects.select_related("party").order_by(
                "role", "party__name"
            ),
        )
    )


def _evidence_prefetch() -> Prefetch:
    return Prefetch(
        "evidence",
        queryset=Evidence.objects.select_related("article__outlet").defer("article__text"),
    )


def status_change_list(*, review_state: str = APPROVED) -> QuerySet[StatusChange]:
    return (
        StatusChange.objects.filter(review_filter(review_state))
        .select_related("track")
        .prefetch_related(_evidence_prefetch())
    )


def _reports_prefetch(*, include_unreviewed: bool = False, to_attr: str | None = None) -> Prefetch:
    # Only the columns the API, the exports and the timeline read: a page holds ~75 reports,
    # each with its article and outlets, and every loaded column is work for the model layer.
    outlet = ("id", "slug", "name", "state_affiliated")
    reports = StatementReport.objects.select_related(
        "article__outlet", "article__wire_outlet"
    ).only(
        "id",
        "statement_id",
        "wording",
        "kind",
        "char_start",
        "char_end",
        "review_state",
        *(
            f"article__{name}"
            for name in ("id", "title", "url", "published_at", "language", "story_id")
        ),
        *(f"article__outlet__{name}" for name in outlet),
        *(f"article__wire_outlet__{name}" for name in outlet),
    )
    if not include_unreviewed:
        reports = reports.filter(review_state=APPROVED)
    return Prefetch(
        "reports", queryset=reports.order_by("article__published_at", "id"), to_attr=to_attr
    )


def _track_links_prefetch(*, include_unreviewed: bool = False) -> Prefetch:
    links = StatementTrack.objects.select_related("track").only(
        "id", "statement_id", "track_id", "review_state", "track__id", "track__slug", "track__name"
    )
    if not include_unreviewed:
        links = links.filter(review_state=APPROVED)
    return Prefetch("track_links", queryset=links)


def statement_list(*, review_state: str = APPROVED) -> QuerySet[Statement]:
    unreviewed = review_state != APPROVED
    return (
        Statement.objects.filter(review_filter(review_state))
        .select_related("speaker", "speaker_party", "speaker_position")
        .prefetch_related(
            _reports_prefetch(include_unreviewed=unreviewed),
            _track_links_prefetch(include_unreviewed=unreviewed),
        )
        .annotate(
            said_sort=Coalesce("said_on", SortDefault(EARLIEST_DATE), output_field=DateField())
        )
    )


def commitment_list(*, review_state: str = APPROVED) -> QuerySet[Commitment]:
    return (
        Commitment.objects.filter(review_filter(review_state))
        .select_related("track", "party", "beneficiary")
        .prefetch_related(
            Prefetch("stages", queryset=CommitmentStage.objects.order_by("effective_date", "id")),
            _evidence_prefetch(),
        )
    )


def statements_of_track(track_id: int) -> Q:
    """Statements linked to the track by an approved assignment."""
    return Q(
        Exists(
            StatementTrack.objects.filter(
                statement=OuterRef("pk"), track_id=track_id, review_state=APPROVED
            )
        )
    )


# --- Timeline -------------------------------------------------------------------------------------

STATUS_CHANGE, STATEMENT = "status_change", "statement"
_KIND_RANK = {STATUS_CHANGE: 0, STATEMENT: 1}


@dataclass(frozen=True)
class TimelineEntry:
    date: dt.date
    kind: str
    item: Any  # a StatusChange or a Statement, with evidence / reports prefetched

    @property
    def sort_key(self) -> tuple[dt.date, int, int]:
        return (self.date, _KIND_RANK[self.kind], self.item.pk)


def _after(field: str, kind: str, position: tuple[dt.date, int, int] | None) -> Q:
    """Rows of ``kind`` strictly after ``position`` in (date, kind, id) order."""
    if position is None:
        return Q()
    date, rank, pk = position
    mine = _KIND_RANK[kind]
    if mine > rank:
        return Q(**{f"{field}__gte": date})
    if mine < rank:
        return Q(**{f"{field}__gt": date})
    return Q(**{f"{field}__gt": date}) | Q(**{field: date, "pk__gt": pk})


def timeline_querysets(
    *,
    track: Track,
    date_from: dt.date | None,
    date_to: dt.date | None,
    after: tuple[dt.date, int, int] | None,
) -> tuple[QuerySet[StatusChange], QuerySet[Statement]]:
    changes = (
        status_change_list()
        .filter(track=track)
        .filter(_after("effective_date", STATUS_CHANGE, after))
    )
    statements = (
        statement_list()
        .filter(statements_of_track(track.pk), said_on__isnull=False)
        .filter(_after("said_on", STATEMENT, after))
    )
    if date_from:
        changes = changes.filter(effective_date__gte=date_from)
        statements = statements.filter(said_on__gte=date_from)
    if date_to:
        changes = changes.filter(effective_date__lte=date_to)
        statements = statements.filter(said_on__lte=date_to)
    return (
        changes.order_by("effective_date", "id"),
        statements.order_by("said_on", "id"),
    )


def _merge(
    changes: Iterable[StatusChange], statements: Iterable[Statement]
) -> Iterator[TimelineEntry]:
    return heapq.merge(
        (TimelineEntry(c.effective_date, STATUS_CHANGE, c) for c in changes),
        (TimelineEntry(s.said_on, STATEMENT, s) for s in statements),
        key=lambda entry: entry.sort_key,
    )


def track_timeline_iter(
    *,
    track: Track,
    chunk_size: int,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> Iterator[TimelineEntry]:
    """The whole timeline, streamed from two server-side cursors merged in date order."""
    changes, statements = timeline_querysets(
        track=track, date_from=date_from, date_to=date_to, after=None
    )
    return _merge(
        changes.iterator(chunk_size=chunk_size), statements.iterator(chunk_size=chunk_size)
    )


# --- Coverage -------------------------------------------------------------------------------------


@dataclass
class Coverage:
    statement: Statement
    reports: list[StatementReport]
    groups: dict[int, int]  # report id -> independent source group number (1-based)
    outlets_count: int
    independent_count: int


def statement_coverage(*, statement: Statement, include_unreviewed: bool = False) -> Coverage:
    """Every report of ``statement``, and how many independent sources they amount to.

    Copies are not corroboration: articles linked by a shared wire agency (an article's
    ``wire_outlet`` is the same source as that agency's own article), by the same story, or by the
    same outlet form one group (union-find over outlet and story keys).
    """
    reports = (
        StatementReport.objects.filter(statement=statement)
        .select_related("article__outlet", "article__wire_outlet", "article__story")
        .defer("article__text")
        .order_by(F("article__published_at").asc(nulls_last=True), "id")
    )
    if not include_unreviewed:
        reports = reports.filter(review_state=APPROVED)
    reports = list(reports)

    parent: dict[str, str] = {}

    def find(key: str) -> str:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    for report in reports:
        node = f"article:{report.article_id}"
        find(node)
        article = report.article
        for key in (
            f"outlet:{article.outlet_id}" if article.outlet_id else None,
            f"outlet:{article.wire_outlet_id}" if article.wire_outlet_id else None,
            f"story:{article.story_id}" if article.story_id else None,
        ):
            if key:
                union(node, key)

    numbers: dict[str, int] = {}
    groups: dict[int, int] = {}
    for report in reports:
        root = find(f"article:{report.article_id}")
        groups[report.pk] = numbers.setdefault(root, len(numbers) + 1)
    outlets = {r.article.outlet_id for r in reports if r.article.outlet_id}
    return Coverage(
        statement=statement,
        reports=reports,
        groups=groups,
        outlets_count=len(outlets),
        independent_count=len(numbers),
    )


# --- Search ---------------------------------------------------------------------------------------


def _vector(model) -> RawSQL:
    # The stored generated column added by migration 0005_api_search (not a model field).
    # Fixed SQL built from model metadata, never from input.
    return RawSQL(  # noqa: S611
        f'"{model._meta.db_table}"."search_vector"', [], output_field=SearchVectorField()
    )


def uses_full_text_search() -> bool:
    return connection.vendor == "postgresql"


def search_filter(queryset: QuerySet, *, q: str, fields: tuple[str, ...]) -> QuerySet:
    """Keep rows matching ``q`` and annotate ``rank``.

    PostgreSQL: full-text search (web-search syntax, English stemming, ``ts_rank``). Other
    databases (the embedded SQLite default): every word of ``q`` must occur in one of the fields
    (as a substring, case folded), a word written ``-word`` must occur in none, and the rank is
    the number of times the words occur (see README, "Search").
    """
    if uses_full_text_search():
        query = SearchQuery(q, config=SEARCH_CONFIG, search_type="websearch")
        vector = _vector(queryset.model)
        return (
            queryset.alias(search_vector=vector)
            .filter(search_vector=query)
            .annotate(rank=SearchRank(vector, query))
        )
    words = [word.strip('"') for word in q.split()]
    wanted = [word for word in words if word and not word.startswith("-")]
    unwanted = [word[1:] for word in words if word.startswith("-") and len(word) > 1]
    for word in wanted:
        queryset = queryset.filter(_any_field_contains(fields, word))
    for word in unwanted:
        queryset = queryset.exclude(_any_field_contains(fields, word))
    rank: Any = Value(0.0, output_field=FloatField())
    for word in wanted:
        for field in fields:
            rank = rank + _occurrences(field, word)
    return queryset.annotate(rank=ExpressionWrapper(rank, output_field=FloatField()))


def _any_field_contains(fields: tuple[str, ...], word: str) -> Q:
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": word})
    return condition


def _occurrences(field: str, word: str):
    """How many times ``word`` occurs in ``field`` (case folded), in portable SQL."""
    folded = Lower(Coalesce(field, Value("")))
    without = Replace(folded, Value(word.lower()), Value(""))
    return Cast(Length(folded) - Length(without), FloatField()) / float(len(word))


ARTICLE_SEARCH_FIELDS = ("title", "text")
STATEMENT_SEARCH_FIELDS = ("text", "speaker_description")


def article_search(*, q: str) -> QuerySet[Article]:
    return search_filter(article_list(), q=q, fields=ARTICLE_SEARCH_FIELDS).order_by("-rank", "-id")


def statement_search(*, q: str, review_state: str = APPROVED) -> QuerySet[Statement]:
    return search_filter(
        statement_list(review_state=review_state), q=q, fields=STATEMENT_SEARCH_FIELDS
    ).order_by("-rank", "-id")
