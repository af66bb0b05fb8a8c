from __future__ import annotations

import datetime as dt

import pytest

from negotiations import models as m
from negotiations.selectors import statement_list_with_coverage, track_list_with_current_status
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_current_status_is_the_latest_approved_change() -> None:
    track = f.TrackFactory()
    Status = m.StatusChange.Status
    f.StatusChangeFactory(track=track, status=Status.ANNOUNCED, effective_date=dt.date(2023, 7, 12))
    f.StatusChangeFactory(
        track=track, status=Status.TALKS_UNDER_WAY, effective_date=dt.date(2023, 8, 1)
    )
    # Entered later but dated earlier: the effective date decides, not the entry order.
    f.StatusChangeFactory(track=track, status=Status.PROPOSED, effective_date=dt.date(2023, 6, 1))
    # Proposals awaiting review or rejected never change what the track shows.
    f.StatusChangeFactory(
        track=track,
        status=Status.SIGNED,
        effective_date=dt.date(2024, 1, 12),
        review_state=m.ReviewState.PENDING,
    )
    f.StatusChangeFactory(
        track=track,
        status=Status.ABANDONED,
        effective_date=dt.date(2024, 2, 1),
        review_state=m.ReviewState.REJECTED,
    )
    untouched = f.TrackFactory()

    rows = {t.pk: t for t in track_list_with_current_status()}
    assert rows[track.pk].current_status == Status.TALKS_UNDER_WAY
    assert rows[track.pk].current_status_date == dt.date(2023, 8, 1)
    assert rows[untouched.pk].current_status is None
    assert rows[untouched.pk].current_status_date is None


def test_current_status_same_day_falls_back_to_entry_order() -> None:
    track = f.TrackFactory()
    day = dt.date(2024, 6, 13)
    f.StatusChangeFactory(track=track, status=m.StatusChange.Status.AGREED, effective_date=day)
    f.StatusChangeFactory(track=track, status=m.StatusChange.Status.SIGNED, effective_date=day)
    assert track_list_with_current_status().get(pk=track.pk).current_status == "signed"


def test_track_list_is_one_query(django_assert_num_queries) -> None:
    for _ in range(5):
        f.StatusChangeFactory(track=f.TrackFactory(with_parent=True))
    with django_assert_num_queries(1):
        rows = [(t.name, t.parent, t.current_status) for t in track_list_with_current_status()]
    assert len(rows) == 10  # five tracks and their five parents
    assert sum(1 for _, parent, status in rows if parent and status == "announced") == 5


def test_statement_coverage_counts_independent_outlets() -> None:
    reuters = f.OutletFactory(name="Reuters", kind=m.Outlet.Kind.AGENCY)
    statement = f.StatementFactory()
    # Reuters' own story, two sites running the Reuters copy, and one outlet's own reporting.
    f.StatementReportFactory(
        statement=statement, article=f.ArticleFactory(outlet=reuters, wire_outlet=None)
    )
    for _ in range(2):
        f.StatementReportFactory(statement=statement, article=f.ArticleFactory(wire_outlet=reuters))
    own = f.ArticleFactory(wire_outlet=None)
    f.StatementReportFactory(statement=statement, article=own)
    # A pending machine report from a fifth outlet.
    f.StatementReportFactory(
        statement=statement,
        article=f.ArticleFactory(wire_outlet=None),
        review_state=m.ReviewState.PENDING,
        origin=m.Origin.MACHINE,
    )
    # An article of unknown outlet is a report but not an outlet.
    f.StatementReportFactory(
        statement=statement, article=f.ArticleFactory(outlet=None, wire_outlet=None)
    )
    silent = f.StatementFactory()

    rows = {s.pk: s for s in statement_list_with_coverage()}
    assert (rows[statement.pk].report_count, rows[statement.pk].outlet_count) == (6, 3)
    assert (rows[silent.pk].report_count, rows[silent.pk].outlet_count) == (0, 0)

    approved = statement_list_with_coverage(approved_reports_only=True).get(pk=statement.pk)
    assert (approved.report_count, approved.outlet_count) == (5, 2)


def test_statement_counts_survive_joins_added_by_filters() -> None:
    # Filtering through a to-many relation (as the admin's track filter does) must not
    # multiply the counts.
    statement = f.StatementFactory()
    f.StatementReportFactory.create_batch(3, statement=statement)
    first, second = f.TrackFactory.create_batch(2)
    f.StatementTrackFactory(statement=statement, track=first)
    f.StatementTrackFactory(statement=statement, track=second)
    row = (
        statement_list_with_coverage()
        .filter(tracks__in=[first, second])
        .filter(reports__kind=m.Statement.Kind.PARAPHRASE)
        .first()
    )
    assert (row.report_count, row.outlet_count) == (3, 3)
