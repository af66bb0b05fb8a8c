"""Tracks: the current status derived from the approved history, the lists of the API, and
everything the workbench's track page shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, TruncWeek

from negotiations.models import (
    BASE_CURRENCY,
    Commitment,
    Evidence,
    ReviewState,
    Statement,
    StatementTrack,
    StatusChange,
    Track,
    TrackParticipant,
)
from negotiations.selectors.commitments import CommitmentSummary, commitment_summary
from negotiations.selectors.records import tracks_q


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
    return _with_current_status(Track.objects.select_related("parent"))


def _with_current_status(tracks: QuerySet[Track]) -> QuerySet[Track]:
    latest = _latest_approved_status_change(track_ref=OuterRef("pk"))
    return tracks.annotate(
        current_status=Subquery(latest.values("status")[:1]),
        current_status_date=Subquery(latest.values("effective_date")[:1]),
    )


def track_children_queryset() -> QuerySet[Track]:
    """Tracks by name, each with its current status: what a framework shows of its children."""
    return _with_current_status(Track.objects.order_by("name"))


def track_children() -> Prefetch:
    """A track's children (a framework's agreements) by name, each with its current status."""
    return Prefetch("children", queryset=track_children_queryset())


def track_list_with_status_only() -> QuerySet[Track]:
    """Tracks annotated with ``current_status`` alone: what a timeline page names besides the
    track's id, slug and name (half the cost of :func:`track_list_with_current_status`)."""
    latest = _latest_approved_status_change(track_ref=OuterRef("pk"))
    return Track.objects.annotate(current_status=Subquery(latest.values("status")[:1]))


def track_list() -> QuerySet[Track]:
    """Tracks with their current status (the latest approved status change by effective date),
    their participants and their children."""
    return track_list_with_current_status().prefetch_related(
        Prefetch(
            "participations",
            queryset=TrackParticipant.objects.select_related("party").order_by(
                "role", "party__name"
            ),
        ),
        track_children(),
    )


# --- The workbench's track page ------------------------------------------------------------------

UNATTRIBUTED = "Unattributed"
_EVIDENCE = Prefetch(
    "evidence", queryset=Evidence.objects.select_related("article__outlet").order_by("id")
)


@dataclass
class TrackPage:
    track: Track
    status_changes: list[StatusChange]
    statements: list[Statement]
    participants: list[TrackParticipant]
    commitments: list[Commitment]
    weekly: list[tuple[dt.date, dict[str, int]]]
    parties: list[str]
    totals: CommitmentSummary
    children: Sequence[Track]
    include_children: bool

    @property
    def current_status(self) -> StatusChange | None:
        """The latest approved change (the same rule as ``track_list_with_current_status``),
        with its evidence."""
        approved = [c for c in self.status_changes if c.review_state == ReviewState.APPROVED]
        return approved[-1] if approved else None


def statement_party(statement: Statement) -> str:
    """The party a statement counts for on the track page: the speaker's party as recorded, else
    the party of the position held (the same rule as the weekly counts' SQL below)."""
    party = statement.speaker_party or (
        statement.speaker_position.party if statement.speaker_position else None
    )
    return party.name if party else UNATTRIBUTED


def track_page(
    track: Track, *, currency: str = BASE_CURRENCY, include_children: bool = False
) -> TrackPage:
    """Everything the track page shows (a fixed number of queries); rejected proposals left out,
    pending ones shown as such. ``include_children`` adds the statements of the tracks under
    this one (a framework's agreements); the commitment totals (in ``currency``) count approved
    records only, as the API's do."""
    changes = list(
        track.status_changes.exclude(review_state=ReviewState.REJECTED)
        .prefetch_related(_EVIDENCE)
        .order_by("effective_date", "id")
    )
    links = StatementTrack.objects.filter(
        tracks_q(track.pk, include_children=include_children, prefix="track__")
    ).exclude(review_state=ReviewState.REJECTED)
    on_track = Statement.objects.filter(
        track_links__in=links, review_state=ReviewState.APPROVED
    ).distinct()
    statements = list(
        on_track.select_related("speaker", "speaker_party", "speaker_position__party").order_by(
            "said_on", "id"
        )
    )
    weekly_rows = (
        Statement.objects.filter(pk__in=on_track.values("pk"), said_on__isnull=False)
        .annotate(
            week=TruncWeek("said_on"),
            party_name=Coalesce(
                "speaker_party__name", "speaker_position__party__name", Value(UNATTRIBUTED)
            ),
        )
        .values("week", "party_name")
        .annotate(n=Count("id"))
        .order_by("week", "party_name")
    )
    weekly: dict[dt.date, dict[str, int]] = {}
    parties: set[str] = set()
    for row in weekly_rows:
        weekly.setdefault(row["week"], {})[row["party_name"]] = row["n"]
        parties.add(row["party_name"])
    participants = list(
        TrackParticipant.objects.filter(track=track)
        .select_related("party")
        .order_by("role", "party__name")
    )
    commitments = list(
        Commitment.objects.filter(track=track)
        .exclude(review_state=ReviewState.REJECTED)
        .select_related("party", "beneficiary")
        .prefetch_related("stages", _EVIDENCE)
        .order_by("party__name", "category")
    )
    children = list(
        track_children_queryset()
        .filter(parent=track)
        .prefetch_related(
            Prefetch(
                "status_changes",
                queryset=StatusChange.objects.filter(review_state=ReviewState.APPROVED).order_by(
                    "effective_date", "id"
                ),
                to_attr="approved_status_changes",
            )
        )
    )
    return TrackPage(
        track,
        changes,
        statements,
        participants,
        commitments,
        sorted(weekly.items()),
        sorted(parties),
        totals=commitment_summary(track_id=track.pk, currency=currency, group_by=("party",)),
        children=children,
        include_children=include_children,
    )
