"""The curated record as REST clients read it: statements, status changes and commitments, each
list with its joins applied (a page in a fixed number of queries whatever its size).

Each list's nested rows are declared once, as querysets by relation name
(``statement_children`` ...): the lists prefetch them, and the API's row rendering
(``negotiations.api.rows``) reads the same declaration, so both show the same rows."""

from __future__ import annotations

from django.db.models import DateField, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce

from negotiations.models import (
    Commitment,
    CommitmentCorrection,
    CommitmentStage,
    Evidence,
    Statement,
    StatementReport,
    StatementTrack,
    StatusChange,
)
from negotiations.selectors.common import APPROVED, EARLIEST_DATE, SortDefault, review_filter


def prefetches(children: dict[str, QuerySet]) -> list[Prefetch]:
    """The ``Prefetch`` of each declared nested list."""
    return [Prefetch(name, queryset=queryset) for name, queryset in children.items()]


def evidence_queryset() -> QuerySet[Evidence]:
    return Evidence.objects.select_related("article__outlet").defer("article__text")


def status_change_children() -> dict[str, QuerySet]:
    return {"evidence": evidence_queryset()}


def status_change_list(*, review_state: str = APPROVED) -> QuerySet[StatusChange]:
    return (
        StatusChange.objects.filter(review_filter(review_state))
        .select_related("track")
        .prefetch_related(*prefetches(status_change_children()))
    )


def reports_queryset(*, include_unreviewed: bool = False) -> QuerySet[StatementReport]:
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
    return reports.order_by("article__published_at", "id")


def _track_links_queryset(*, include_unreviewed: bool = False) -> QuerySet[StatementTrack]:
    links = StatementTrack.objects.select_related("track").only(
        "id", "statement_id", "track_id", "review_state", "track__id", "track__slug", "track__name"
    )
    if not include_unreviewed:
        links = links.filter(review_state=APPROVED)
    return links


def statement_children(*, review_state: str = APPROVED) -> dict[str, QuerySet]:
    """A statement's reports and track links; unreviewed ones too unless only approved
    statements are listed."""
    unreviewed = review_state != APPROVED
    return {
        "reports": reports_queryset(include_unreviewed=unreviewed),
        "track_links": _track_links_queryset(include_unreviewed=unreviewed),
    }


def statement_list(*, review_state: str = APPROVED) -> QuerySet[Statement]:
    return (
        Statement.objects.filter(review_filter(review_state))
        .select_related("speaker", "speaker_party", "speaker_position")
        .prefetch_related(*prefetches(statement_children(review_state=review_state)))
        .annotate(
            said_sort=Coalesce("said_on", SortDefault(EARLIEST_DATE), output_field=DateField())
        )
    )


def commitment_children(*, review_state: str = APPROVED) -> dict[str, QuerySet]:
    """A commitment's stages, evidence and corrections log; readers of the approved record see
    approved stages and corrections (and the evidence of those stages) only, reviewers asking for
    another ``review_state`` see them all, as statements' reports."""
    # Undated stages last on every backend (SQLite would put NULLs first).
    stages = CommitmentStage.objects.order_by(F("effective_date").asc(nulls_last=True), "id")
    corrections = CommitmentCorrection.objects.select_related("article__outlet").defer(
        "article__text"
    )
    evidence = evidence_queryset()
    if review_state == APPROVED:
        stages = stages.filter(review_state=APPROVED)
        corrections = corrections.filter(review_state=APPROVED)
        evidence = evidence.filter(
            Q(commitment_stage__isnull=True) | Q(commitment_stage__review_state=APPROVED)
        )
    return {
        "stages": stages,
        "evidence": evidence,
        "corrections": corrections.order_by("reported_on", "id"),
    }


def commitment_list(*, review_state: str = APPROVED) -> QuerySet[Commitment]:
    return (
        Commitment.objects.filter(review_filter(review_state))
        .select_related("track", "party", "beneficiary")
        .prefetch_related(*prefetches(commitment_children(review_state=review_state)))
    )


def tracks_q(track_id: int, *, include_children: bool = False, prefix: str = "") -> Q:
    """The track, and with ``include_children`` the tracks under it (a framework's agreements),
    as a filter on a ``track`` relation reached through ``prefix`` ("" for a Track itself)."""
    q = Q(**{f"{prefix}id": track_id})
    if include_children:
        q |= Q(**{f"{prefix}parent_id": track_id})
    return q


def statements_of_track(track_id: int, *, include_children: bool = False) -> Q:
    """Statements linked to the track (or, with ``include_children``, to one of its children) by
    an approved assignment."""
    links = StatementTrack.objects.filter(
        tracks_q(track_id, include_children=include_children, prefix="track__"),
        statement=OuterRef("pk"),
        review_state=APPROVED,
    )
    return Q(Exists(links))
