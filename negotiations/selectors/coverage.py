"""How widely a statement was carried: its reports and the one independence rule.

Copies are not corroboration: ten articles from one wire story are one source. A report counts
for its *source outlet*: the wire agency whose copy the article runs (``wire_outlet``), else the
article's own outlet. Reports are one independent source when they share a source outlet or a
story (syndicated and rewritten copies grouped by the near-duplicate check), transitively. An
article whose outlet is unknown is a source of its own unless its story ties it to others: nothing
says it is a copy, so a statement with reports always has at least one independent source.

This module is the one place the rule lives: the API's ``statements/{id}/coverage/`` and the
admin's "independent outlets" column both call :func:`independent_groups`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from negotiations.models import ReviewState, Statement, StatementReport

# The attribute of a statement from statement_list_with_coverage() holding its reports' keys.
COVERAGE_REPORTS = "coverage_reports"


@dataclass(frozen=True)
class Independence:
    groups: dict[int, int]  # report id -> independent source group number (1-based)
    count: int  # independent sources (outlets, after copies are counted once)


def independent_groups(reports: Iterable[StatementReport]) -> Independence:
    """Group ``reports`` (each with ``article`` loaded, at least its ``outlet_id``,
    ``wire_outlet_id`` and ``story_id``) into independent sources, numbered in the given order."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    reports = list(reports)
    for report in reports:
        node = f"report:{report.pk}"
        find(node)
        article = report.article
        source = article.wire_outlet_id or article.outlet_id
        if source:
            union(node, f"outlet:{source}")
        if article.story_id:
            union(node, f"story:{article.story_id}")

    numbers: dict[str, int] = {}
    groups: dict[int, int] = {}
    for report in reports:
        groups[report.pk] = numbers.setdefault(find(f"report:{report.pk}"), len(numbers) + 1)
    return Independence(groups=groups, count=len(numbers))


def _reports_in_scope(*, include_unreviewed: bool) -> QuerySet[StatementReport]:
    reports = StatementReport.objects.all()
    if not include_unreviewed:
        reports = reports.filter(review_state=ReviewState.APPROVED)
    return reports


@dataclass
class Coverage:
    statement: Statement
    reports: list[StatementReport]
    groups: dict[int, int]  # report id -> independent source group number (1-based)
    outlets_count: int  # distinct outlets that carried it (wire copies count for their outlet)
    independent_count: int  # independent sources (see the module's docstring)


def statement_coverage(*, statement: Statement, include_unreviewed: bool) -> Coverage:
    """Every report of ``statement`` (approved ones, or all with ``include_unreviewed``), earliest
    first, and how many independent outlets they amount to."""
    reports = list(
        _reports_in_scope(include_unreviewed=include_unreviewed)
        .filter(statement=statement)
        .select_related("article__outlet", "article__wire_outlet", "article__story")
        .defer("article__text")
        .order_by(F("article__published_at").asc(nulls_last=True), "id")
    )
    independence = independent_groups(reports)
    outlets = {r.article.outlet_id for r in reports if r.article.outlet_id}
    return Coverage(
        statement=statement,
        reports=reports,
        groups=independence.groups,
        outlets_count=len(outlets),
        independent_count=independence.count,
    )


def statement_list_with_coverage(*, include_unreviewed: bool) -> QuerySet[Statement]:
    """Statements with their speaker joined, annotated with ``report_count``, and with the keys
    :func:`independent_outlets_count` reads prefetched (one query per page, narrow columns).

    With ``include_unreviewed`` every report counts (the admin); otherwise approved ones only.
    """
    reports = _reports_in_scope(include_unreviewed=include_unreviewed)
    # Grouped by the statement so the subquery yields one row with the aggregate.
    report_count = (
        reports.filter(statement=OuterRef("pk"))
        .order_by()
        .values("statement")
        .annotate(n=Count("pk"))
        .values("n")
    )
    keys = reports.select_related("article").only(
        "statement_id", "article__outlet_id", "article__wire_outlet_id", "article__story_id"
    )
    return (
        Statement.objects.select_related("speaker", "speaker_party")
        .annotate(
            report_count=Coalesce(
                Subquery(report_count, output_field=IntegerField()),
                Value(0, output_field=IntegerField()),
            )
        )
        .prefetch_related(
            Prefetch("reports", queryset=keys.order_by("id"), to_attr=COVERAGE_REPORTS)
        )
    )


def independent_outlets_count(statement: Statement) -> int:
    """The independent outlets of a statement from :func:`statement_list_with_coverage`."""
    return independent_groups(getattr(statement, COVERAGE_REPORTS)).count
