"""The one independence rule (negotiations/selectors/coverage.py), as the API and the admin
show it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from negotiations import models as m
from negotiations.selectors.coverage import (
    independent_outlets_count,
    statement_coverage,
    statement_list_with_coverage,
)
from tests import factories as f

pytestmark = pytest.mark.django_db


def _counts(statement: m.Statement) -> tuple[int, int]:
    return statement.report_count, independent_outlets_count(statement)


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
    # An article of unknown outlet: nothing says it is a copy, so it is a source of its own.
    f.StatementReportFactory(
        statement=statement, article=f.ArticleFactory(outlet=None, wire_outlet=None)
    )
    silent = f.StatementFactory()

    rows = {s.pk: s for s in statement_list_with_coverage(include_unreviewed=True)}
    assert _counts(rows[statement.pk]) == (6, 4)
    assert _counts(rows[silent.pk]) == (0, 0)

    approved = statement_list_with_coverage(include_unreviewed=False).get(pk=statement.pk)
    assert _counts(approved) == (5, 3)


def test_statement_counts_survive_joins_added_by_filters() -> None:
    # Filtering through a to-many relation (as the admin's track filter does) must not
    # multiply the counts.
    statement = f.StatementFactory()
    f.StatementReportFactory.create_batch(3, statement=statement)
    first, second = f.TrackFactory.create_batch(2)
    f.StatementTrackFactory(statement=statement, track=first)
    f.StatementTrackFactory(statement=statement, track=second)
    row = (
        statement_list_with_coverage(include_unreviewed=True)
        .filter(tracks__in=[first, second])
        .filter(reports__kind=m.Statement.Kind.PARAPHRASE)
        .first()
    )
    assert _counts(row) == (3, 3)


def _carried_by(statement: m.Statement, article: m.Article) -> m.StatementReport:
    return f.StatementReportFactory(statement=statement, article=article, wording="ready to sign")


def test_the_api_and_the_admin_count_independent_outlets_alike(client: Client) -> None:
    """The cases on which the admin's count (distinct wire-or-outlet) and the API's (union of
    outlets, wires and stories) disagreed: 4 and 2 for what is 3 independent outlets; 0 and 1
    for a statement carried by one article of unknown outlet."""
    statement = f.StatementFactory(text="We are ready to sign.")
    reuters = f.OutletFactory(name="Reuters", kind=m.Outlet.Kind.AGENCY)
    yahoo = f.OutletFactory(name="Yahoo News")
    rewritten = f.StoryFactory()
    _carried_by(statement, f.ArticleFactory(outlet=reuters, wire_outlet=None))
    # Yahoo runs the Reuters copy (one source with Reuters) and reports on its own as well.
    _carried_by(statement, f.ArticleFactory(outlet=yahoo, wire_outlet=reuters))
    _carried_by(statement, f.ArticleFactory(outlet=yahoo, wire_outlet=None))
    # RT and TASS: one story rewritten, one source.
    for name in ("RT", "TASS"):
        outlet = f.OutletFactory(name=name, state_affiliated=True)
        _carried_by(statement, f.ArticleFactory(outlet=outlet, wire_outlet=None, story=rewritten))
    unattributed = f.StatementFactory(text="Talks go on.")
    _carried_by(unattributed, f.ArticleFactory(outlet=None, wire_outlet=None))

    client.force_login(f.UserFactory(is_staff=True, is_superuser=True))
    admin = client.get(reverse("admin:negotiations_statement_changelist"))
    listed = {s.pk: independent_outlets_count(s) for s in admin.context["cl"].result_list}
    for carried, expected in ((statement, 3), (unattributed, 1)):
        api = client.get(f"/api/v1/statements/{carried.pk}/coverage/").json()
        assert api["independent_outlets_count"] == listed[carried.pk] == expected
    html = admin.content.decode()
    assert '<td class="field-outlet_count">3</td>' in html
    assert '<td class="field-outlet_count">1</td>' in html

    api = client.get(f"/api/v1/statements/{statement.pk}/coverage/").json()
    assert (api["reports_count"], api["outlets_count"]) == (5, 4)
    groups = {
        item["outlet"]["name"]: item["independent_group"]
        for item in api["coverage"]
        if not item["wire_outlet"]
    }
    copy = next(item for item in api["coverage"] if item["wire_outlet"])
    assert copy["independent_group"] == groups["Reuters"] != groups["Yahoo News"]
    assert groups["RT"] == groups["TASS"]


def test_a_story_ties_articles_of_unknown_outlet_to_one_source() -> None:
    statement = f.StatementFactory()
    story = f.StoryFactory()
    for _ in range(2):
        f.StatementReportFactory(
            statement=statement,
            article=f.ArticleFactory(outlet=None, wire_outlet=None, story=story),
        )
    coverage = statement_coverage(statement=statement, include_unreviewed=False)
    assert len(set(coverage.groups.values())) == 1
    assert (coverage.outlets_count, coverage.independent_count) == (0, 1)
    # An outlet's article joining that story is the same source.
    f.StatementReportFactory(
        statement=statement, article=f.ArticleFactory(wire_outlet=None, story=story)
    )
    coverage = statement_coverage(statement=statement, include_unreviewed=False)
    assert (coverage.outlets_count, coverage.independent_count) == (1, 1)
