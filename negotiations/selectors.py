"""Reads that callers share (admin, API): querysets with their joins and annotations applied.

Every annotation here is a correlated subquery, so a list page costs one query whatever its length
and filters added later by callers (admin list filters, API filters) cannot multiply the counts.
"""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from negotiations.models import ReviewState, Statement, StatementReport, StatusChange, Track


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
